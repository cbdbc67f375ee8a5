/**
 * Makes sure every browser `npm test` opens is installed, so the test command needs no manual step:
 * Chromium for the element, hardening and story tests, and for the engine check (`tools/engines.mjs`)
 * Safari's engine (WebKitGTK's MiniBrowser and WebKitWebDriver, on a private Xvfb display) and Firefox
 * ESR. npm's browser downloads are blocked here, so it installs Debian's packages when running as root
 * (as CI does), all in one apt-get run, and otherwise says exactly what to run.
 *
 *   node tools/ensure-browsers.mjs            Chromium and the engines
 *   node tools/ensure-browsers.mjs chromium   Chromium only
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { findChromium } from './chromium.mjs';

export const WEBKIT_DRIVER = '/usr/bin/WebKitWebDriver';
const MINI_BROWSERS = ['/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser', '/usr/lib/aarch64-linux-gnu/webkit2gtk-4.1/MiniBrowser'];
const FIREFOXES = ['/usr/bin/firefox-esr', '/usr/bin/firefox'];

export const findMiniBrowser = () => MINI_BROWSERS.find((path) => existsSync(path)) ?? null;
export const findFirefox = () => FIREFOXES.find((path) => existsSync(path)) ?? null;

/** Debian's package for each browser, with what tells it is there. */
const NEEDS = {
  chromium: { packages: ['chromium'], present: () => findChromium() !== null },
  webkit: { packages: ['webkit2gtk-driver', 'xvfb'], present: () => existsSync(WEBKIT_DRIVER) && findMiniBrowser() !== null && existsSync('/usr/bin/Xvfb') },
  firefox: { packages: ['firefox-esr'], present: () => findFirefox() !== null },
};

/** Installs what is missing of `names` (as root), or exits 1 naming the command to run. */
export function ensureBrowsers(names = Object.keys(NEEDS)) {
  const missing = () => names.filter((name) => !NEEDS[name].present());
  const absent = missing();
  if (!absent.length) return;
  const packages = absent.flatMap((name) => NEEDS[name].packages);
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!isRoot) {
    console.error(
      `npm test opens ${absent.join(', ')}, which ${absent.length > 1 ? 'are' : 'is'} not installed. Install with:\n` +
        `  sudo apt-get install -y ${packages.join(' ')}` +
        (absent.includes('chromium') ? '\n(or set CHROME_PATH to a Chrome/Chromium binary for Chromium)' : ''),
    );
    process.exit(1);
  }
  console.log(`Installing ${packages.join(', ')} from Debian (one time)…`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
  execFileSync('apt-get', ['install', '-y', '-qq', ...packages], { stdio: 'inherit', env });
  const still = missing();
  if (still.length) {
    console.error(`apt-get finished but ${still.join(', ')} was not found.`);
    process.exit(1);
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const names = process.argv.slice(2);
  const unknown = names.filter((name) => !(name in NEEDS));
  if (unknown.length) {
    console.error(`ensure-browsers: no browser called ${unknown.join(', ')}; known: ${Object.keys(NEEDS).join(', ')}`);
    process.exit(2);
  }
  ensureBrowsers(names.length ? names : undefined);
  console.log(`chromium: ${findChromium()}${names.length ? '' : `; WebKitGTK: ${findMiniBrowser()}; Firefox: ${findFirefox()}`}`);
}
