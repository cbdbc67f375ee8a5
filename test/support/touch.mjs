/**
 * Test-runner command `emulate-touch` ({ active: boolean }): a touch screen as Chromium's device
 * mode makes one, so `@media (pointer: coarse)` applies as on a phone. Neither emulateMedia nor
 * CDP's setEmulatedMedia can ask for `pointer`; touch emulation does. Its own DevTools session,
 * as forced-colors.mjs. Call it from a browser test with
 * `executeServerCommand('emulate-touch', { active: true })`, and with `active: false` after it.
 */
const sessions = new WeakMap();

export function touch() {
  return {
    name: 'emulate-touch',
    async executeCommand({ command, payload, session }) {
      if (command !== 'emulate-touch') return undefined;
      const page = session.browser.getPage(session.id);
      if (!sessions.has(page)) sessions.set(page, await page.createCDPSession());
      await sessions.get(page).send('Emulation.setTouchEmulationEnabled', { enabled: !!payload?.active, maxTouchPoints: 5 });
      return true;
    },
  };
}
