/**
 * Size: what a visitor downloads, from the real built files, gzip -9 and brotli (quality 11),
 * against what a creator or marketplace would embed instead.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { pageFiles } from './chunk-graph.mjs';
import { bundlePeer } from './bundle.mjs';
import { kilobytes, ratio } from './report.mjs';

const KB = 1024;
export const sizeGoals = { loader: 1.5 * KB, countdownPage: 8 * KB, kit: 16 * KB };

/** @param {Buffer | string} bytes */
export function compressedSizes(bytes) {
  const buffer = Buffer.from(bytes);
  return {
    raw: buffer.length,
    gzip: gzipSync(buffer, { level: constants.Z_BEST_COMPRESSION }).length,
    brotli: brotliCompressSync(buffer, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
        [constants.BROTLI_PARAM_SIZE_HINT]: buffer.length,
      },
    }).length,
  };
}

/** Files are compressed one by one, as a CDN serves them. */
const sumSizes = (buffers) =>
  buffers.map(compressedSizes).reduce((a, b) => ({ raw: a.raw + b.raw, gzip: a.gzip + b.gzip, brotli: a.brotli + b.brotli }), {
    raw: 0,
    gzip: 0,
    brotli: 0,
  });

/**
 * @param {{ repoRoot: string, cdnDir: string }} options the built kit in `cdnDir`
 * @returns {Promise<import('./report.mjs').Section & { data: object }>}
 */
export async function runSizeBench({ repoRoot, cdnDir: cdn }) {
  const notes = [];
  /** @type {Array<{ what: string, files: string[], raw: number, gzip: number, brotli: number, kind: 'dropkit' | 'peer' }>} */
  const measured = [];

  if (!existsSync(join(cdn, 'dropkit.js'))) {
    notes.push(`n/a: ${cdn}/dropkit.js is missing (run \`npm run build:cdn\`).`);
  } else {
    const read = (file) => readFileSync(join(cdn, file), 'utf8');
    const pages = pageFiles('dropkit.js', read);
    const measure = (what, files) => measured.push({ what, files, kind: 'dropkit', ...sumSizes(files.map((file) => readFileSync(join(cdn, file)))) });
    measure('dropkit loader', pages.loaderFiles);
    for (const [tag, files] of pages.elements) measure(`dropkit loader + <${tag}>`, files);
    measure('dropkit whole kit (loader + all chunks)', pages.everything);
    if (existsSync(join(cdn, 'dropkit.iife.js'))) measure('dropkit whole kit (dropkit.iife.js)', ['dropkit.iife.js']);
    else notes.push(`n/a: ${cdn}/dropkit.iife.js is missing (run \`npm run build:cdn\`).`);
    const stray = readdirSync(cdn).filter((file) => file.endsWith('.js') && file !== 'dropkit.iife.js' && !pages.everything.includes(file));
    if (stray.length > 0) notes.push(`The build folder also holds ${stray.join(', ')}, reachable from no entry (left over from an older build?); not counted.`);
    for (const [tag, files] of pages.elements) {
      const empty = files.filter((file) => readFileSync(join(cdn, file)).length === 0);
      if (empty.length > 0) notes.push(`<${tag}>'s chunk is empty in this build (${empty.join(', ')}): the element is not implemented yet.`);
    }
  }

  const peers = [
    ['Lit minimal element (bundled)', 'lit-minimal.js'],
    ['@github/relative-time-element (bundled)', 'relative-time.js'],
    ['Shoelace <sl-button> + dependencies (bundled)', 'shoelace-button.js'],
  ];
  for (const [what, entry] of peers) {
    try {
      const code = await bundlePeer(entry);
      measured.push({ what, files: [`tools/bench/peers/${entry}`], kind: 'peer', ...compressedSizes(code) });
    } catch (error) {
      notes.push(`n/a: ${what}: ${error instanceof Error ? error.message : error}`);
    }
  }
  const shipped = [
    ['Shoelace light theme CSS (needed by <sl-button>)', 'node_modules/@shoelace-style/shoelace/dist/themes/light.css'],
    ['@shopify/buy-button-js as shipped (buybutton.min.js)', 'node_modules/@shopify/buy-button-js/dist/buybutton.min.js'],
    ['@shopify/buy-button-js CSS (buybutton.css)', 'node_modules/@shopify/buy-button-js/dist/buybutton.css'],
  ];
  for (const [what, path] of shipped) {
    const file = join(repoRoot, path);
    if (existsSync(file)) measured.push({ what, files: [path], kind: 'peer', ...compressedSizes(readFileSync(file)) });
    else notes.push(`n/a: ${what}: ${path} is not installed`);
  }

  const gzipOf = (prefix) => measured.find((row) => row.what.startsWith(prefix))?.gzip ?? Number.NaN;
  const litMinimal = gzipOf('Lit minimal');
  const shopify = gzipOf('@shopify/buy-button-js as shipped');
  const rows = measured.map((row) => ({
    what: row.what,
    raw: kilobytes(row.raw),
    'gzip -9': kilobytes(row.gzip),
    brotli: kilobytes(row.brotli),
    '× Lit minimal (gzip)': ratio(row.gzip, litMinimal),
    '× Shopify buy button (gzip)': ratio(row.gzip, shopify),
  }));

  const loader = gzipOf('dropkit loader');
  const countdownPage = gzipOf('dropkit loader + <drop-countdown>');
  const kitChunks = gzipOf('dropkit whole kit (loader');
  const kitIife = gzipOf('dropkit whole kit (dropkit.iife');
  // A kit without element chunks would pass any budget; that says nothing.
  const hasElements = measured.some((row) => row.what.startsWith('dropkit loader + '));
  const goal = (text, value, limit, needsElements = true) => ({
    goal: text,
    measured: `${kilobytes(value)} gzip -9`,
    pass: Number.isFinite(value) && (hasElements || !needsElements) ? value <= limit : null,
  });
  const goals = [
    goal('loader ≤ 1.5 KB', loader, sizeGoals.loader, false),
    goal('page with only a countdown (loader + countdown closure) ≤ 8 KB', countdownPage, sizeGoals.countdownPage),
    goal('whole kit, loader + all chunks ≤ 16 KB', kitChunks, sizeGoals.kit),
    goal('whole kit, dropkit.iife.js ≤ 16 KB', kitIife, sizeGoals.kit),
  ];
  notes.push('Each file is compressed on its own, as a CDN serves it; a page\'s size is the sum over the files it loads (the import graph of the built chunks is followed).');
  return { title: 'Size (real built files)', rows, notes, goals, data: { measured, goalsBytes: sizeGoals } };
}
