import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error -- plain ESM tool script without type declarations
import { startDemo } from '../tools/demo.mjs';

/** The `npm start` server, over real HTTP: the page, the built kit and the creator's endpoints. */
describe('demo server', () => {
  let demo: { url: string; dropAt: number; close(): Promise<void> };

  beforeAll(async () => {
    demo = await startDemo({ port: 0, liveInMs: 120_000 });
  });
  afterAll(() => demo.close());

  it('serves a page that loads the kit by one module script tag and drops in two minutes', async () => {
    const html = await (await fetch(demo.url)).text();
    expect(html).toContain('<script type="module" src="/cdn/dropkit.js"></script>');
    const at = html.match(/<drop-countdown[^>]* at="([^"]+)"/)?.[1];
    expect(at).toBeDefined();
    expect(Date.parse(at!)).toBe(demo.dropAt);
    expect(html).not.toContain('{{');
  });

  it('serves the built loader as JavaScript', async () => {
    const response = await fetch(new URL('/cdn/dropkit.js', demo.url));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/javascript/);
  });

  it('answers the time endpoint with the server clock in JSON and the Date header', async () => {
    const response = await fetch(new URL('/api/time', demo.url));
    const body = (await response.json()) as { now: number };
    expect(Math.abs(body.now - Date.now())).toBeLessThan(5_000);
    expect(Date.parse(response.headers.get('date')!)).not.toBeNaN();
  });

  it('answers stock with an ETag and 304 for an unchanged count', async () => {
    const first = await fetch(new URL('/api/stock', demo.url));
    expect(await first.json()).toEqual({ available: 12 });
    const etag = first.headers.get('etag')!;
    const second = await fetch(new URL('/api/stock', demo.url), { headers: { 'if-none-match': etag } });
    expect(second.status).toBe(304);
  });

  it('never serves a file outside its folders', async () => {
    for (const path of ['/%2e%2e/%2e%2e/etc/passwd', '/cdn/%2e%2e/%2e%2e/package.json', '/..%2fpackage.json']) {
      const response = await fetch(new URL(path, demo.url));
      expect(response.status, path).toBe(404);
    }
  });
});
