/**
 * Where Chromium lives on this machine, and the flags every headless run here needs. Shared by the
 * browser tests, the end-to-end tests and the benchmarks so they all drive the same browser.
 */
import { existsSync } from 'node:fs';

const candidates = [
  process.env.CHROME_PATH,
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
];

export function findChromium() {
  return candidates.find((path) => path && existsSync(path)) ?? null;
}

/** Without the networking flags Chromium dials Google at start-up, which this closed network refuses. */
export const chromiumArgs = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--no-first-run',
  '--mute-audio',
];
