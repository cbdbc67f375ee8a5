/**
 * The set-up almost every hardening file shares: one test server (creator's page, CDN, endpoints)
 * and one Chromium for the whole file, started together before its first test and closed after its
 * last. Like chromiumForThisFile() in test/support/launch-chromium.ts it hands back getters, because
 * the two only exist once vitest has run the hook.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { launchChromium } from '../../support/launch-chromium.ts';
import { startServer, type HardeningServer } from './server.ts';

export interface ServerAndChromium {
  server(): HardeningServer;
  browser(): Browser;
}

/**
 * Call it at the top level of a test file. A file that needs more before its tests (a route, a
 * page kept open across tests) writes its own beforeAll after this call: vitest runs beforeAll
 * hooks in the order they are written and afterAll hooks in reverse, so its own clean-up runs
 * while the browser and the server are still up.
 */
export function serverAndChromiumForThisFile({ chromiumArgs = [] }: { chromiumArgs?: string[] } = {}): ServerAndChromium {
  let server: HardeningServer | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    // Each is kept as soon as it is up, so the afterAll below still closes one when the other fails.
    await Promise.all([
      startServer().then((started) => (server = started)),
      launchChromium(chromiumArgs).then((launched) => (browser = launched)),
    ]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });
  const notYet = (what: string) =>
    new Error(`${what} is not running: call serverAndChromiumForThisFile() at the top level of the test file and use what it returns inside hooks and tests`);
  return {
    server() {
      if (!server) throw notYet('The hardening server');
      return server;
    },
    browser() {
      if (!browser) throw notYet('Chromium');
      return browser;
    },
  };
}
