/**
 * Real HTTP endpoints served by the test runner's own server, so element tests talk to a server the
 * way they would in production (no fetch mocks).
 *
 * GET /__test/time?skew=<ms>&delay=<ms>&mode=date|json|garbage|error
 *   The "server clock": Date header and {"now": epoch ms}, shifted by `skew`.
 * Add further endpoints below, one small function each.
 */
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function time(ctx, params) {
  const delay = Number(params.get('delay') ?? 0);
  if (delay > 0) await sleep(delay);
  const mode = params.get('mode') ?? 'json';
  const now = Date.now() + Number(params.get('skew') ?? 0);
  ctx.set('Cache-Control', 'no-store');
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
  ctx.set('Access-Control-Expose-Headers', 'Date');
  if (mode === 'date') {
    ctx.status = 204;
    return;
  }
  ctx.type = 'application/json';
  ctx.body = JSON.stringify({ now });
}

const routes = { '/__test/time': time };

export const testEndpoints = [
  async function dropkitTestEndpoints(ctx, next) {
    const url = new URL(ctx.url, 'http://localhost');
    const route = routes[url.pathname];
    if (!route) return next();
    await route(ctx, url.searchParams);
  },
];
