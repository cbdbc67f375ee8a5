/**
 * `npm start`: forges the bundled demo creator's trust signals, then serves a demo page that loads
 * the built kit by a plain script tag, exactly as a creator's page would. The drop goes live two
 * minutes after the server starts, so every state can be watched in real time.
 *
 * Importable too (`startDemo`) so the end-to-end tests drive the very same server.
 */
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { contentTypeOf } from './content-types.mjs';

const repo = fileURLToPath(new URL('..', import.meta.url));
const demoDir = join(repo, 'tools', 'demo');
const forgeOut = join(repo, 'dist', 'demo', 'forge');

/** URL prefix → folder on disk. Anything else is a 404; paths are confined to their folder. */
const mounts = [
  ['/cdn/', join(repo, 'dist', 'cdn')],
  ['/forge/', forgeOut],
  ['/', demoDir],
  // The forged icons are served from the site root too, where head.html and browsers expect them.
  ['/', forgeOut],
];

/** Runs the built forge CLI on the demo creator, when forge and the creator are there. */
export function forgeDemoCreator({ log = console.log } = {}) {
  const cli = join(repo, 'packages', 'forge', 'dist', 'cli.js');
  const config = join(demoDir, 'creator', 'creator.json');
  if (!existsSync(cli) || !existsSync(config)) {
    log('demo: forge or the demo creator is not built; the page will use no creator icons.');
    return false;
  }
  execFileSync(process.execPath, [cli, 'forge', config, '--out', forgeOut], { stdio: 'inherit' });
  return true;
}

async function resolveFile(urlPath) {
  for (const [prefix, dir] of mounts) {
    if (!urlPath.startsWith(prefix)) continue;
    const relative = decodeURIComponent(urlPath.slice(prefix.length)) || 'index.html';
    const full = normalize(join(dir, relative));
    if (full !== dir && !full.startsWith(dir + sep)) return null;
    const info = await stat(full).catch(() => null);
    if (info?.isFile()) return full;
  }
  return null;
}

async function forgedHead() {
  const head = await readFile(join(forgeOut, 'head.html'), 'utf8').catch(() => '');
  return head || '<!-- forge output not built: no creator icons -->';
}

/** The demo's own "creator server": a clock, and stock that sells out over the drop. */
function api(url, state, res) {
  const send = (status, body, headers = {}) => {
    res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store', ...headers });
    res.end(JSON.stringify(body));
  };
  if (url.pathname === '/api/time') {
    send(200, { now: Date.now() }, { date: new Date().toUTCString() });
    return true;
  }
  if (url.pathname === '/api/stock') {
    const sinceLive = Date.now() - state.dropAt;
    // Twelve tees that sell one every ten seconds once the drop is live.
    const available = sinceLive < 0 ? 12 : Math.max(0, 12 - Math.floor(sinceLive / 10_000));
    const etag = `"stock-${available}"`;
    if (res.req.headers['if-none-match'] === etag) {
      res.writeHead(304, { etag, 'cache-control': 'no-store' });
      res.end();
      return true;
    }
    send(200, { available }, { etag });
    return true;
  }
  return false;
}

export async function startDemo({ port = Number(process.env.PORT ?? 4173), liveInMs = 120_000, host = '127.0.0.1' } = {}) {
  const state = { dropAt: Date.now() + liveInMs };
  const server = createServer(async (req, res) => {
    try {
      const url = new URL(req.url ?? '/', 'http://localhost');
      if (api(url, state, res)) return;
      const path = await resolveFile(url.pathname);
      if (!path) {
        res.writeHead(404, { 'content-type': 'text/plain' });
        res.end('not found');
        return;
      }
      let body = await readFile(path);
      if (path === join(demoDir, 'index.html')) {
        // The page is a template: the drop moment is always two minutes after start.
        body = Buffer.from(
          body
            .toString('utf8')
            .replaceAll('{{DROP_AT}}', new Date(state.dropAt).toISOString())
            .replaceAll('{{DROP_ENDS}}', new Date(state.dropAt + 30 * 60_000).toISOString())
            .replaceAll('{{DROP_AT_TEXT}}', new Date(state.dropAt).toUTCString())
            .replace('<!-- forge:head -->', await forgedHead()),
        );
      }
      res.writeHead(200, {
        'content-type': contentTypeOf(path),
        'cache-control': 'no-cache',
      });
      res.end(body);
    } catch (error) {
      res.writeHead(500, { 'content-type': 'text/plain' });
      res.end(String(error));
    }
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, resolve);
  });
  const address = server.address();
  const url = `http://${host}:${address.port}/`;
  return { server, url, dropAt: state.dropAt, close: () => new Promise((resolve) => server.close(resolve)) };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  if (!existsSync(join(repo, 'dist', 'cdn', 'dropkit.js'))) {
    console.error('demo: dist/cdn is missing; run `npm run build` (npm start does it for you).');
    process.exit(1);
  }
  forgeDemoCreator();
  const { url, dropAt } = await startDemo();
  console.log(`\n  dropkit demo: ${url}\n  the drop goes live at ${new Date(dropAt).toLocaleTimeString()} (in two minutes)\n  Ctrl+C to stop.\n`);
}
