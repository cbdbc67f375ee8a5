/**
 * Test-runner command `emulate-touch` ({ active: boolean }): a touch screen as Chromium's device
 * mode makes one, so `@media (pointer: coarse)` applies as on a phone. Neither emulateMedia nor
 * CDP's setEmulatedMedia can ask for `pointer`; touch emulation does. Call it from a browser test with
 * `executeServerCommand('emulate-touch', { active: true })`, and with `active: false` after it.
 */
import { cdpCommand } from './cdp-command.mjs';

export const touch = () =>
  cdpCommand('emulate-touch', async (cdp, payload) => {
    await cdp.send('Emulation.setTouchEmulationEnabled', { enabled: !!payload?.active, maxTouchPoints: 5 });
    return true;
  });
