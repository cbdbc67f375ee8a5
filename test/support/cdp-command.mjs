/**
 * A Web Test Runner command plugin that talks to Chromium's DevTools protocol for the test page:
 * `executeServerCommand(name, payload)` in a browser test runs `run(cdp, payload)` here and
 * resolves what it returns. Each command keeps a DevTools session of its own per page (opened
 * once, with `setUp`), so what one command emulates is neither seen nor cleared by another, nor by
 * @web/test-runner-commands' own calls.
 */
export function cdpCommand(name, run, setUp = async () => {}) {
  const sessions = new WeakMap();
  return {
    name,
    async executeCommand({ command, payload, session }) {
      if (command !== name) return undefined;
      const page = session.browser.getPage(session.id);
      if (!sessions.has(page)) {
        const cdp = await page.createCDPSession();
        await setUp(cdp);
        sessions.set(page, cdp);
      }
      return run(sessions.get(page), payload);
    },
  };
}
