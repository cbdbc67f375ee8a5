/**
 * Test-runner command `emulate-forced-colors` ({ active: boolean }): Windows High Contrast as
 * Chromium renders it (system colours replace the page's, shadows and background images go),
 * which @web/test-runner-commands' emulateMedia cannot ask for (puppeteer allows only
 * prefers-color-scheme, prefers-reduced-motion and color-gamut). Its own DevTools session, so
 * emulateMedia's later calls neither see nor clear it. Call it from a browser test with
 * `executeServerCommand('emulate-forced-colors', { active: true })`.
 */
const sessions = new WeakMap();

export function forcedColors() {
  return {
    name: 'emulate-forced-colors',
    async executeCommand({ command, payload, session }) {
      if (command !== 'emulate-forced-colors') return undefined;
      const page = session.browser.getPage(session.id);
      if (!sessions.has(page)) sessions.set(page, await page.createCDPSession());
      await sessions.get(page).send('Emulation.setEmulatedMedia', {
        features: [{ name: 'forced-colors', value: payload?.active ? 'active' : 'none' }],
      });
      return true;
    },
  };
}
