import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { extname, join, normalize, resolve, sep } from 'node:path';

/**
 * Runs RealFaviconGenerator's own checker on a forged folder, offline: its fetcher reads the
 * folder instead of the network. The checker is an optional peer dependency (it brings its own
 * sharp); `dropkit forge --check` and forge's tests load it on demand.
 */
export interface CheckSummary {
  errors: string[];
  warnings: string[];
}

const SITE = 'https://creator.invalid';

const CONTENT_TYPES: Record<string, string> = {
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
  '.webmanifest': 'application/manifest+json',
  '.json': 'application/json',
  '.html': 'text/html',
};

interface CheckerModule {
  checkFavicon(baseUrl: string, head: unknown, fetcher: (url: string) => Promise<unknown>): Promise<Record<string, { messages: Array<{ status: string; text: string }> }>>;
}

export async function checkForgedFolder(folder: string, basePath = '/'): Promise<CheckSummary> {
  const require = createRequire(import.meta.url);
  let checkerPath: string;
  try {
    checkerPath = require.resolve('@realfavicongenerator/check-favicon');
  } catch {
    throw new Error('--check needs @realfavicongenerator/check-favicon: npm install -D @realfavicongenerator/check-favicon');
  }
  const checker = require(checkerPath) as CheckerModule;
  const { parse } = createRequire(checkerPath)('node-html-parser') as { parse(html: string): { querySelector(selector: string): unknown } };

  const root = resolve(folder);
  const head = await readFile(join(root, 'head.html'), 'utf8');
  // The page is on the creator's site; the files are where the base says, which may be another
  // host (--base https://cdn.example/icons/, or //cdn.example/icons/). Taken as a path on the
  // page's own host, every file of such a set was reported missing (a 404 each, exit 1).
  const page = `${SITE}/`;
  const base = new URL(basePath, page);
  const fetcher = async (url: string) => {
    let target: URL;
    try {
      target = new URL(url, page);
    } catch {
      return { status: 404, contentType: null };
    }
    const { pathname } = target;
    const underBase = target.origin === base.origin && pathname.startsWith(base.pathname);
    if (!underBase && target.origin !== new URL(page).origin) return { status: 404, contentType: null };
    const relative = underBase ? pathname.slice(base.pathname.length) : pathname.slice(1);
    const path = normalize(join(root, decodeURIComponent(relative)));
    if (!path.startsWith(root + sep)) return { status: 404, contentType: null };
    try {
      const bytes = await readFile(path);
      return {
        status: 200,
        contentType: CONTENT_TYPES[extname(path)] ?? 'application/octet-stream',
        readableStream: new ReadableStream({
          start(controller) {
            controller.enqueue(new Uint8Array(bytes));
            controller.close();
          },
        }),
      };
    } catch {
      return { status: 404, contentType: null };
    }
  };
  const document = parse(`<html><head>${head}</head><body></body></html>`);
  const report = await checker.checkFavicon(base.origin === new URL(page).origin ? base.href : page, document.querySelector('head'), fetcher);
  const summary: CheckSummary = { errors: [], warnings: [] };
  for (const section of Object.values(report)) {
    for (const message of section.messages) {
      if (message.status === 'Error') summary.errors.push(message.text);
      if (message.status === 'Warning') summary.warnings.push(message.text);
    }
  }
  return summary;
}
