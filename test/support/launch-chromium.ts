/**
 * Chromium through playwright-core for Node-side tests (forge's browser checks, hardening): Debian's
 * binary and the shared flags from tools/chromium.mjs, failing loudly when the binary is missing.
 */
import { chromium, type Browser } from 'playwright-core';
import { chromiumArgs, findChromium } from '../../tools/chromium.mjs';

export async function launchChromium(extraArgs: string[] = []): Promise<Browser> {
  const executablePath = findChromium();
  if (!executablePath) throw new Error('Chromium not found; run node tools/ensure-chromium.mjs');
  return chromium.launch({ executablePath, args: [...chromiumArgs, ...extraArgs], headless: true });
}
