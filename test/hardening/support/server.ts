/**
 * A small real HTTPS server on 127.0.0.1 standing in for three parties at once: the creator's page
 * (pages the tests register, each with its own response headers such as a strict CSP), the CDN that
 * hosts the built kit (dist/cdn, plus a second copy that claims another version), and the creator's
 * endpoints (time, stock, media) with switchable faults. Every request is logged so the privacy test
 * can list exactly what the page fetched. It speaks HTTPS (a throwaway self-signed certificate made
 * at start, trusted by the test contexts through `ignoreHTTPSErrors`) because the kit, rightly,
 * resolves a creator's relative URLs only against an https page.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer } from 'node:https';
import { tmpdir } from 'node:os';
import { readFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { VERSION } from '../../../packages/elements/src/shared/vocabulary.ts';
import { contentTypeOf } from '../../../tools/content-types.mjs';

export const repoRoot = fileURLToPath(new URL('../../..', import.meta.url));
const cdnDir = join(repoRoot, 'dist', 'cdn');
const mediaDir = join(repoRoot, 'test', 'media');
const fixturesDir = join(repoRoot, 'test', 'hardening', 'fixtures');

/** The version the second kit copy claims, so "two versions on one page" is really two versions. */
export const SECOND_KIT_VERSION = '9.9.9-second';

export interface PageSpec {
  html: string;
  headers?: Record<string, string>;
}

export type Handler = (req: IncomingMessage, res: ServerResponse, url: URL) => void | Promise<void>;

export interface LoggedRequest {
  method: string;
  path: string;
  /** The Cookie header the browser sent, if any: the kit must never cause one. */
  cookie: string | undefined;
  /** When it arrived (this process's clock). */
  at: number;
}

export interface HardeningServer {
  origin: string;
  /** Registers (or replaces) a page at `path`. */
  page(path: string, spec: PageSpec): string;
  /** Registers (or replaces) an endpoint at `path`. */
  route(path: string, handler: Handler): void;
  requests: LoggedRequest[];
  /**
   * Moves the server's true time (what /api/time answers) by `ms`: when a test fast-forwards a
   * page's clock to mean "ten minutes really passed", the server must agree.
   */
  advanceTime(ms: number): void;
  cspReports: unknown[];
  close(): Promise<void>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * /api/time?skew=&delay=&mode=json|date|garbage|error — the creator's server clock. Deliberately
 * independent of test/support/endpoints.mjs (the WTR server) because this server is plain node:http.
 */
const timeEndpoint = (shift: () => number): Handler => async (_req, res, url) => {
  const delay = Number(url.searchParams.get('delay') ?? 0);
  if (delay > 0) await sleep(delay);
  const mode = url.searchParams.get('mode') ?? 'json';
  const now = Date.now() + shift() + Number(url.searchParams.get('skew') ?? 0);
  res.setHeader('Cache-Control', 'no-store');
  if (mode === 'error') return void res.writeHead(500).end('down');
  if (mode === 'garbage') {
    res.writeHead(200, { 'Content-Type': 'application/json', Date: 'not a date' });
    return void res.end('{"now": "soon"');
  }
  res.setHeader('Date', new Date(now).toUTCString());
  res.setHeader('Access-Control-Expose-Headers', 'Date');
  if (mode === 'date') return void res.writeHead(204).end();
  res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify({ now }));
};

/** /api/stock?available=&mode=json|error|hang|stream|garbage — the creator's stock endpoint. */
const stockEndpoint: Handler = async (req, res, url) => {
  const mode = url.searchParams.get('mode') ?? 'json';
  res.setHeader('Cache-Control', 'no-store');
  if (mode === 'error') return void res.writeHead(500).end('stock service down');
  if (mode === 'hang') {
    // Never answers; the request ends when the client gives up or the server closes.
    await new Promise<void>((resolve) => req.on('close', resolve));
    return;
  }
  if (mode === 'stream') {
    // A body that never ends: 64 KiB of JSON whitespace every 10 ms until the client gives up.
    res.writeHead(200, { 'Content-Type': 'application/json' });
    const chunk = ' '.repeat(65536);
    const timer = setInterval(() => res.write(chunk), 10);
    await new Promise<void>((resolve) => req.on('close', resolve));
    clearInterval(timer);
    return;
  }
  if (mode === 'garbage') return void res.writeHead(200, { 'Content-Type': 'application/json' }).end('{"available": [}');
  const available = Number(url.searchParams.get('available') ?? 40);
  res.writeHead(200, { 'Content-Type': 'application/json', ETag: `"stock-${available}"` });
  res.end(JSON.stringify({ available }));
};

async function serveFile(res: ServerResponse, root: string, relative: string, rewrite?: (text: string) => string) {
  const file = normalize(join(root, relative));
  if (!file.startsWith(root + sep)) return void res.writeHead(403).end();
  try {
    const bytes = await readFile(file);
    const type = contentTypeOf(file);
    res.writeHead(200, { 'Content-Type': type, 'Cache-Control': 'no-store' });
    res.end(rewrite ? rewrite(bytes.toString('utf8')) : bytes);
  } catch {
    res.writeHead(404).end('not found');
  }
}

/** A fresh key and certificate for 127.0.0.1, never written anywhere but a temp folder. */
function throwawayCertificate(): { key: Buffer; cert: Buffer } {
  const dir = mkdtempSync(join(tmpdir(), 'dropkit-hardening-tls-'));
  try {
    execFileSync('openssl', [
      'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes',
      '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'), '-days', '2',
      '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1,DNS:localhost',
    ], { stdio: 'ignore' });
    return { key: readFileSync(join(dir, 'key.pem')), cert: readFileSync(join(dir, 'cert.pem')) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function startServer(): Promise<HardeningServer> {
  const pages = new Map<string, PageSpec>();
  let timeShift = 0;
  const routes = new Map<string, Handler>([
    ['/api/time', timeEndpoint(() => timeShift)],
    ['/api/stock', stockEndpoint],
  ]);
  const requests: LoggedRequest[] = [];
  const cspReports: unknown[] = [];

  const server = createServer(throwawayCertificate(), async (req, res) => {
    let url: URL;
    try {
      url = new URL(req.url ?? '/', 'http://127.0.0.1');
    } catch {
      // A fuzzed attribute can make the browser ask for "//…", which is no path of this origin.
      res.writeHead(400).end();
      return;
    }
    requests.push({ method: req.method ?? 'GET', path: url.pathname + url.search, cookie: req.headers.cookie, at: Date.now() });
    try {
      if (url.pathname === '/__csp-report') {
        const chunks: Buffer[] = [];
        for await (const chunk of req) chunks.push(chunk as Buffer);
        const text = Buffer.concat(chunks).toString('utf8');
        try {
          cspReports.push(JSON.parse(text));
        } catch {
          cspReports.push(text);
        }
        return void res.writeHead(204).end();
      }
      const page = pages.get(url.pathname);
      if (page) {
        res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store', ...page.headers });
        return void res.end(page.html);
      }
      const route = routes.get(url.pathname);
      if (route) return void (await route(req, res, url));
      if (url.pathname.startsWith('/cdn/')) return void (await serveFile(res, cdnDir, url.pathname.slice(5)));
      // A second CDN folder with the same built files claiming another version: what a creator's
      // page looks like with an old copy in the theme and a new one from a tag manager.
      if (url.pathname.startsWith('/cdn-second/')) {
        return void (await serveFile(res, cdnDir, url.pathname.slice(12), (js) =>
          js.replace(new RegExp(`(["'\`])${VERSION.replaceAll('.', '\\.')}\\1`, 'g'), `$1${SECOND_KIT_VERSION}$1`),
        ));
      }
      if (url.pathname.startsWith('/media/')) return void (await serveFile(res, mediaDir, url.pathname.slice(7)));
      if (url.pathname.startsWith('/fixtures/')) return void (await serveFile(res, fixturesDir, url.pathname.slice(10)));
      if (url.pathname.startsWith('/extra/')) {
        const extra = extraScripts.get(url.pathname);
        if (extra) return void res.writeHead(200, { 'Content-Type': 'text/javascript' }).end(extra);
      }
      res.writeHead(404).end('not found');
    } catch (error) {
      if (!res.headersSent) res.writeHead(500);
      res.end(String(error));
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    origin,
    page(path, spec) {
      pages.set(path, spec);
      return origin + path;
    },
    route(path, handler) {
      routes.set(path, handler);
    },
    requests,
    advanceTime(ms) {
      timeShift += ms;
    },
    cspReports,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Scripts the tests build on the fly (another Lit app, say), served under /extra/. */
export const extraScripts = new Map<string, string>();
