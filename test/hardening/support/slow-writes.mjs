/**
 * Preloaded into the forge CLI by forge-interrupted.test.ts (`node --import`): every file write
 * waits a little first, so "killed while writing" is a moment the test can hit every time rather
 * than a race with a few milliseconds of I/O. Only timing changes; forge's code runs as shipped.
 */
import { createRequire, syncBuiltinESMExports } from 'node:module';

const require = createRequire(import.meta.url);
const fsPromises = require('node:fs/promises');
const delayMs = Number(process.env.DROPKIT_TEST_WRITE_DELAY_MS ?? 100);
const writeFile = fsPromises.writeFile;

fsPromises.writeFile = async (...args) => {
  await new Promise((resolve) => setTimeout(resolve, delayMs));
  return writeFile(...args);
};
syncBuiltinESMExports();
