import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer } from './server.mjs';

const rawGet = (origin: string, path: string) =>
  new Promise<{ status: number; body: string; headers: Record<string, unknown> }>((resolve, reject) => {
    const { hostname, port } = new URL(origin);
    request({ hostname, port, path }, (response) => {
      let body = '';
      response.on('data', (chunk) => (body += chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body, headers: response.headers }));
    })
      .on('error', reject)
      .end();
  });

describe('the bench page server', () => {
  const dir = mkdtempSync(join(tmpdir(), 'bench-server-'));
  let server: Awaited<ReturnType<typeof startServer>>;

  beforeAll(async () => {
    mkdirSync(join(dir, 'root'));
    mkdirSync(join(dir, 'kit'));
    writeFileSync(join(dir, 'root/peer.js'), 'peer');
    writeFileSync(join(dir, 'kit/dropkit.js'), 'loader');
    writeFileSync(join(dir, 'secret.txt'), 'secret');
    server = await startServer(join(dir, 'root'), { '/kit/': join(dir, 'kit') });
    server.pages.set('/bench/page.html', '<p>generated</p>');
  });
  afterAll(async () => {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('serves generated pages, the root and the mounted kit, never from cache', async () => {
    const page = await rawGet(server.origin, '/bench/page.html');
    expect(page).toMatchObject({ status: 200, body: '<p>generated</p>' });
    expect(page.headers['cache-control']).toBe('no-store');
    expect(await rawGet(server.origin, '/peer.js')).toMatchObject({ status: 200, body: 'peer' });
    const kit = await rawGet(server.origin, '/kit/dropkit.js');
    expect(kit).toMatchObject({ status: 200, body: 'loader' });
    expect(kit.headers['content-type']).toContain('text/javascript');
    expect((await rawGet(server.origin, '/missing.js')).status).toBe(404);
  });

  it('never serves a file outside the folder a path maps to', async () => {
    expect((await rawGet(server.origin, '/..%2fsecret.txt')).status).toBe(403);
    expect((await rawGet(server.origin, '/kit/..%2f..%2fsecret.txt')).status).toBe(403);
  });
});
