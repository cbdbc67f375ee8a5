/**
 * Chromium through playwright-core for Node-side tests (forge's browser checks, hardening): Debian's
 * binary and the shared flags from tools/chromium.mjs, failing loudly when the binary is missing.
 */
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { chromiumArgs, findChromium } from '../../tools/chromium.mjs';

export async function launchChromium(extraArgs: string[] = []): Promise<Browser> {
  const executablePath = findChromium();
  if (!executablePath) throw new Error('Chromium not found; run node tools/ensure-browsers.mjs');
  return chromium.launch({ executablePath, args: [...chromiumArgs, ...extraArgs], headless: true });
}

/**
 * One Chromium for the whole test file, launched before its first test and closed after its last
 * (vitest hooks). Call it at the top level of the file; the returned function gives the browser.
 */
export function chromiumForThisFile(): () => Browser {
  let browser: Browser | undefined;
  beforeAll(async () => {
    browser = await launchChromium();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
  });
  return () => {
    if (!browser) throw new Error('Chromium is not running: call chromiumForThisFile() at the top level of the test file');
    return browser;
  };
}
