/**
 * Makes sure a Chromium is installed before the browser tests run, so `npm test` needs no manual
 * step. npm browser downloads are blocked here, so it installs Debian's package when running as
 * root (as CI does) and otherwise says exactly what to run.
 */
import { execFileSync } from 'node:child_process';
import { findChromium } from './chromium.mjs';

let path = findChromium();
if (!path) {
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!isRoot) {
    console.error(
      'Chromium is needed for the browser tests. Install it with:\n  sudo apt-get install -y chromium\n' +
        'or set CHROME_PATH to a Chrome/Chromium binary.',
    );
    process.exit(1);
  }
  console.log('Installing Debian chromium for the browser tests (one time)…');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
  execFileSync('apt-get', ['install', '-y', '-qq', 'chromium'], { stdio: 'inherit', env });
  path = findChromium();
  if (!path) {
    console.error('apt-get finished but no chromium binary was found.');
    process.exit(1);
  }
}
console.log(`chromium: ${path}`);
