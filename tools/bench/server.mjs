/**
 * A static file server on 127.0.0.1 for the bench pages: the repository root (so the peers' files
 * are served exactly as installed), the kit being measured under its own prefix, and pages
 * generated in memory. Nothing is cached, so every measured load fetches the script again as a
 * first visit would.
 */
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { join, normalize, sep } from 'node:path';
import { contentTypeOf } from '../content-types.mjs';

/**
 * @param {string} root absolute directory served for any path not in `pages` or `mounts`
 * @param {Record<string, string>} mounts URL prefix (ending in /) → absolute directory served there
 * @returns {Promise<{ origin: string, pages: Map<string, string>, close(): Promise<void> }>}
 */
export async function startServer(root, mounts = {}) {
  /** path → body of generated files (HTML pages, bundled peers) */
  const pages = new Map();
  const server = createServer(async (request, response) => {
    const path = decodeURIComponent(new URL(request.url ?? '/', 'http://127.0.0.1').pathname);
    const headers = { 'cache-control': 'no-store' };
    const generated = pages.get(path);
    if (generated !== undefined) {
      response.writeHead(200, { ...headers, 'content-type': contentTypeOf(path, 'text/html; charset=utf-8') });
      response.end(generated);
      return;
    }
    const mount = Object.keys(mounts).find((prefix) => path.startsWith(prefix));
    const base = mount ? mounts[mount] : root;
    const file = normalize(join(base, mount ? path.slice(mount.length) : path));
    // A generated page can name any file below the served folder, and nothing outside it.
    if (!file.startsWith(base.endsWith(sep) ? base : base + sep)) {
      response.writeHead(403, headers).end();
      return;
    }
    try {
      const body = await readFile(file);
      response.writeHead(200, { ...headers, 'content-type': contentTypeOf(file) });
      response.end(body);
    } catch {
      response.writeHead(404, headers).end();
    }
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(undefined)));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    origin: `http://127.0.0.1:${port}`,
    pages,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
