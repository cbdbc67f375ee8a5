import { request } from 'node:https';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type HardeningServer } from './support/server.ts';

/**
 * The hardening pages' own server must survive whatever the fuzzed pages make the browser ask for:
 * a request for "//[" (no path of this origin, no URL at all) once took the whole run down with an
 * unhandled ERR_INVALID_URL.
 */
describe('the hardening server', () => {
  let server: HardeningServer;
  beforeAll(async () => {
    server = await startServer();
  });
  afterAll(() => server.close());

  const get = (path: string) =>
    new Promise<number>((resolve, reject) => {
      const target = new URL(server.origin);
      const req = request({ host: target.hostname, port: target.port, path, rejectUnauthorized: false }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      req.end();
    });

  it('answers a request that is no URL with 400 and goes on serving', async () => {
    expect(await get('//[')).toBe(400);
    expect(await get('/api/time')).toBe(200);
  });
});
