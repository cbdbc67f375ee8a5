/**
 * The built kit (dist/cdn) served the way a phone on a flaky mobile network receives it: a test
 * says which chunk files fail and how often, and the server answers those requests with a 503 or
 * drops the connection without an answer, then serves the real file again.
 *
 * GET /__test/flaky/<run>/<file>   dist/cdn/<file>, unless a failure is armed for it under <run>.
 *   Each <run> is its own folder URL, so its page has its own module map and request log.
 * GET /__test/flaky-set?run=<run>&how=503|drop&<chunk>=<n>[&<chunk>=<n>…]
 *   The next n requests for <chunk>-*.js under <run> fail (countdown=1 fails countdown-HASH.js once;
 *   n=0 serves it normally again). `how` is 503 unless it says drop.
 * GET /__test/flaky-set?run=<run>&delay=<ms>
 *   Every file under <run> is answered after ms: the latency of a phone on a slow network, so the
 *   page has long painted its fallback content when the kit arrives (test/layout-shift).
 * GET /__test/flaky-set?run=<run>&delay-<chunk>=<ms>
 *   <chunk>-*.js under <run> is answered after ms instead: one file later than the rest (the page's
 *   words arriving after the element's chunk, test/layout-shift).
 * GET /__test/flaky-log?run=<run>   [{"file", "at": server ms, "answer": 200|503|"dropped"}, …]
 */
import { readFile } from 'node:fs/promises';

const cdnDir = new URL('../../dist/cdn/', import.meta.url);
const runs = new Map();

const runOf = (id) => {
  if (!runs.has(id)) runs.set(id, { how: '503', delay: 0, delays: new Map(), failures: new Map(), log: [] });
  return runs.get(id);
};

function set(ctx, params) {
  const run = runOf(params.get('run') ?? '');
  for (const [key, value] of params) {
    if (key === 'how') run.how = value;
    else if (key === 'delay') run.delay = Number(value);
    else if (key.startsWith('delay-')) run.delays.set(key.slice(6), Number(value));
    else if (key !== 'run') run.failures.set(key, Number(value));
  }
  ctx.set('Cache-Control', 'no-store');
  ctx.status = 204;
}

function log(ctx, params) {
  ctx.set('Cache-Control', 'no-store');
  ctx.type = 'application/json';
  ctx.body = JSON.stringify(runOf(params.get('run') ?? '').log);
}

async function serve(ctx, id, file) {
  const run = runOf(id);
  const entry = { file, at: Date.now(), answer: 200 };
  run.log.push(entry);
  const late = [...run.delays.keys()].find((name) => file.startsWith(`${name}-`));
  const delay = late === undefined ? run.delay : run.delays.get(late);
  if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay));
  const chunk = [...run.failures.keys()].find((name) => file.startsWith(`${name}-`));
  if (chunk && run.failures.get(chunk) > 0) {
    run.failures.set(chunk, run.failures.get(chunk) - 1);
    if (run.how === 'drop') {
      entry.answer = 'dropped';
      // No status line, no body: the phone's request simply dies, as when a cell hands over.
      ctx.respond = false;
      ctx.req.socket.destroy();
      return;
    }
    entry.answer = 503;
    // Written directly: the test runner marks every answer for a path with an extension cacheable
    // for a year once this middleware returns, and a cached 503 would never be asked for again.
    ctx.respond = false;
    ctx.res.writeHead(503, { 'Content-Type': 'text/plain', 'Cache-Control': 'no-store' });
    ctx.res.end('Service Unavailable');
    return;
  }
  ctx.set('Cache-Control', 'no-store');
  ctx.type = 'text/javascript';
  ctx.body = await readFile(new URL(file, cdnDir));
}

export async function flakyCdn(ctx, next) {
  const url = new URL(ctx.url, 'http://localhost');
  if (url.pathname === '/__test/flaky-set') return set(ctx, url.searchParams);
  if (url.pathname === '/__test/flaky-log') return log(ctx, url.searchParams);
  const file = /^\/__test\/flaky\/([\w-]+)\/([\w.-]+\.js)$/.exec(url.pathname);
  if (!file) return next();
  return serve(ctx, file[1], file[2]);
}
