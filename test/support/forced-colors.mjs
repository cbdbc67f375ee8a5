/**
 * Test-runner command `emulate-forced-colors` ({ active: boolean }): Windows High Contrast as
 * Chromium renders it (system colours replace the page's, shadows and background images go),
 * which @web/test-runner-commands' emulateMedia cannot ask for (puppeteer allows only
 * prefers-color-scheme, prefers-reduced-motion and color-gamut). Its own DevTools session, so
 * emulateMedia's later calls neither see nor clear it. Call it from a browser test with
 * `executeServerCommand('emulate-forced-colors', { active: true })`.
 */
import { cdpCommand } from './cdp-command.mjs';

export const forcedColors = () =>
  cdpCommand('emulate-forced-colors', async (cdp, payload) => {
    await cdp.send('Emulation.setEmulatedMedia', {
      features: [{ name: 'forced-colors', value: payload?.active ? 'active' : 'none' }],
    });
    return true;
  });
