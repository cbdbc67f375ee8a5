/**
 * `node tools/together.mjs <script> <script> …`: runs root npm scripts at the same time, for the parts
 * of `npm test` that leave the cores idle (the built-Storybook run opens two pages at a time for a
 * minute and more after the story runs finish; the framework tests, the type check and the engine
 * check, which mostly waits for pages to settle, fit in that gap). Each script's output is printed whole when it ends, so the logs do not interleave; the exit
 * code is the first failure's, after every script has finished.
 */
import { spawn } from 'node:child_process';

const scripts = process.argv.slice(2);
if (!scripts.length) {
  console.error('usage: node tools/together.mjs <npm script> <npm script> …');
  process.exit(2);
}

const runs = scripts.map(
  (script) =>
    new Promise((resolve) => {
      const started = Date.now();
      const child = spawn('npm', ['run', script], { stdio: ['ignore', 'pipe', 'pipe'] });
      const output = [];
      child.stdout.on('data', (chunk) => output.push(chunk));
      child.stderr.on('data', (chunk) => output.push(chunk));
      child.on('close', (code, signal) => {
        const seconds = ((Date.now() - started) / 1000).toFixed(1);
        process.stdout.write(`\n── npm run ${script} (${seconds} s, ${signal ?? `exit ${code}`}) ──\n`);
        process.stdout.write(Buffer.concat(output));
        resolve(code ?? 1);
      });
    }),
);

const codes = await Promise.all(runs);
const failed = scripts.filter((_, index) => codes[index] !== 0);
if (failed.length) console.error(`\nfailed: ${failed.map((script) => `npm run ${script}`).join(', ')}`);
process.exit(codes.find((code) => code !== 0) ?? 0);
