/**
 * Real HTTP endpoints served by the test runner's own server, so element tests talk to a server the
 * way they would in production (no fetch mocks).
 *
 * GET /__test/time?skew=<ms>&delay=<ms>&mode=date|json|seconds|garbage|error[&age=<s>][&run=<label>]
 *   The "server clock": Date header and {"now": epoch ms}, shifted by `skew`, read after `delay`
 *   (`seconds`: {"now": epoch seconds}, as a server writing PHP's time() answers). `age`: the copy a
 *   shared cache kept, read `age` s before the request, with `Age: <age>`.
 * GET /__test/time/log?run=<label>
 *   [{"arrived": ms, "read": ms}, …] — when each time request under `run` arrived and when its clock
 *   was read (unskewed server ms), to count the samples a page took before it decided something.
 * GET /__test/time/delay?run=<label>&ms=<ms>
 *   From now on, time requests under `run` are read after `ms` instead of their own `delay`: a
 *   server that answered quickly and then slows down (everyone's tab coming back at T0).
 * Add further endpoints below, one small function each (or a module of their own, like
 * ./stalling-video.mjs for the clip whose network stalls).
 */
import { readFile } from 'node:fs/promises';
import { stallingVideoRoutes } from './stalling-video.mjs';

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

const timeLogs = new Map();
const runDelays = new Map();

async function time(ctx, params) {
  const entry = { arrived: Date.now(), read: null };
  const run = params.get('run');
  if (run) timeLogs.set(run, [...(timeLogs.get(run) ?? []), entry]);
  const delay = runDelays.get(run) ?? Number(params.get('delay') ?? 0);
  if (delay > 0) await sleep(delay);
  const mode = params.get('mode') ?? 'json';
  entry.read = Date.now();
  const age = Number(params.get('age') ?? 0);
  const now = entry.read + Number(params.get('skew') ?? 0) - age * 1000;
  ctx.set('Cache-Control', 'no-store');
  if (age) ctx.set('Age', String(age));
  if (mode === 'error') {
    ctx.status = 500;
    ctx.body = 'down';
    return;
  }
  if (mode === 'garbage') {
    ctx.set('Date', 'not a date');
    ctx.type = 'application/json';
    ctx.body = '{"now": "soon"';
    return;
  }
  ctx.set('Date', new Date(now).toUTCString());
  ctx.set('Access-Control-Expose-Headers', 'Date, Age');
  if (mode === 'date') {
    ctx.status = 204;
    return;
  }
  ctx.type = 'application/json';
  ctx.body = JSON.stringify({ now: mode === 'seconds' ? Math.floor(now / 1000) : now });
}

async function timeDelay(ctx, params) {
  runDelays.set(params.get('run') ?? '', Number(params.get('ms') ?? 0));
  ctx.set('Cache-Control', 'no-store');
  ctx.status = 204;
}

async function timeLog(ctx, params) {
  ctx.set('Cache-Control', 'no-store');
  ctx.type = 'application/json';
  ctx.body = JSON.stringify(timeLogs.get(params.get('run') ?? '') ?? []);
}

/**
 * GET /__test/clip/video.webm?id=<label>[&status=404]
 *   The <drop-clip> test clip (test/media/clip/clip.webm), with byte ranges as a CDN serves video,
 *   recording each request under `id`; `status=404` answers "not found" instead (still recorded).
 * GET /__test/clip/requests?id=<label>
 *   {"count": n} — how many video requests arrived under `id`, to prove a clip stayed lazy.
 */
const clipRequests = new Map();
let clipBytes;

async function clipVideo(ctx, params) {
  const id = params.get('id') ?? '';
  clipRequests.set(id, (clipRequests.get(id) ?? 0) + 1);
  ctx.set('Cache-Control', 'no-store');
  if (params.get('status') === '404') {
    ctx.status = 404;
    ctx.body = 'no such clip';
    return;
  }
  clipBytes ??= await readFile(new URL('../media/clip/clip.webm', import.meta.url));
  ctx.set('Accept-Ranges', 'bytes');
  ctx.type = 'video/webm';
  const range = /^bytes=(\d*)-(\d*)$/.exec(ctx.get('Range'));
  if (!range) {
    ctx.body = clipBytes;
    return;
  }
  const start = range[1] === '' ? clipBytes.length - Number(range[2]) : Number(range[1]);
  const end = range[1] !== '' && range[2] !== '' ? Math.min(Number(range[2]), clipBytes.length - 1) : clipBytes.length - 1;
  if (start > end || start >= clipBytes.length) {
    ctx.status = 416;
    ctx.set('Content-Range', `bytes */${clipBytes.length}`);
    return;
  }
  ctx.status = 206;
  ctx.set('Content-Range', `bytes ${start}-${end}/${clipBytes.length}`);
  ctx.body = clipBytes.subarray(start, end + 1);
}

async function clipRequestCount(ctx, params) {
  ctx.set('Cache-Control', 'no-store');
  ctx.type = 'application/json';
  ctx.body = JSON.stringify({ count: clipRequests.get(params.get('id') ?? '') ?? 0 });
}

/**
 * GET /__test/stock?id=<label>[&available=n][&state=sold-out][&status=500][&delay=ms][&retryAfter=s][&etag=off]
 *   A creator's stock endpoint for <drop-button>: {"available": n} (or {"state": …}). The first
 *   request under `id` fixes its settings; /__test/stock/set changes them later. Answers carry an
 *   ETag and revalidate with 304 on a matching If-None-Match. Every request is logged.
 * GET /__test/stock/set?id=<label>&available=…&state=…&status=…   change what `id` answers.
 * GET /__test/stock/log?id=<label>   [{"at": server ms, "ifNoneMatch": string|null, "status": n}, …]
 */
const stockConfigs = new Map();
const stockLogs = new Map();
const stockKeys = ['available', 'state', 'status', 'delay', 'retryAfter', 'etag'];

function stockConfig(params) {
  const config = {};
  for (const key of stockKeys) if (params.has(key)) config[key] = params.get(key);
  return config;
}

async function stock(ctx, params) {
  const id = params.get('id') ?? '';
  if (!stockConfigs.has(id)) stockConfigs.set(id, stockConfig(params));
  const config = stockConfigs.get(id);
  const entry = { at: Date.now(), ifNoneMatch: ctx.get('If-None-Match') || null, status: 200 };
  stockLogs.set(id, [...(stockLogs.get(id) ?? []), entry]);
  if (Number(config.delay) > 0) await sleep(Number(config.delay));
  ctx.set('Cache-Control', 'no-cache');
  const status = Number(config.status ?? 200);
  if (status !== 200) {
    entry.status = status;
    if (config.retryAfter) ctx.set('Retry-After', config.retryAfter);
    ctx.status = status;
    ctx.body = 'stock service unavailable';
    return;
  }
  const body = JSON.stringify(config.state ? { state: config.state } : { available: Number(config.available ?? 10) });
  const etag = `"${Buffer.from(body).toString('base64url')}"`;
  if (config.etag !== 'off') {
    ctx.set('ETag', etag);
    if (entry.ifNoneMatch === etag) {
      entry.status = 304;
      ctx.status = 304;
      return;
    }
  }
  ctx.type = 'application/json';
  ctx.body = body;
}

async function stockSet(ctx, params) {
  const id = params.get('id') ?? '';
  stockConfigs.set(id, { ...(stockConfigs.get(id) ?? {}), ...stockConfig(params) });
  ctx.set('Cache-Control', 'no-store');
  ctx.status = 204;
}

async function stockLog(ctx, params) {
  ctx.set('Cache-Control', 'no-store');
  ctx.type = 'application/json';
  ctx.body = JSON.stringify(stockLogs.get(params.get('id') ?? '') ?? []);
}

const routes = {
  '/__test/time': time,
  '/__test/time/log': timeLog,
  '/__test/time/delay': timeDelay,
  '/__test/clip/video.webm': clipVideo,
  '/__test/clip/requests': clipRequestCount,
  '/__test/stock': stock,
  '/__test/stock/set': stockSet,
  '/__test/stock/log': stockLog,
  ...stallingVideoRoutes,
};

export const testEndpoints = [
  async function dropkitTestEndpoints(ctx, next) {
    const url = new URL(ctx.url, 'http://localhost');
    const route = routes[url.pathname];
    if (!route) return next();
    await route(ctx, url.searchParams);
  },
];
