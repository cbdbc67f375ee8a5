/**
 * After `tsc`: declaration files keep the `.ts` extensions the sources import with (tsc rewrites
 * them only in JavaScript), so point them at the emitted `.js`; then ship the built one-tag bundle
 * (`dist/cdn`, from the root `npm run build:cdn`) inside the package, so npm CDNs can serve
 * `@dropkit/elements/cdn/dropkit.js` to creators.
 */
import { cpSync, existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const packageDir = fileURLToPath(new URL('..', import.meta.url));
const dist = join(packageDir, 'dist');
const relativeTsSpecifier = /((?:from|import)\s*\(?\s*['"]\.{1,2}\/[^'"]*?)\.ts(['"])/g;

for (const entry of readdirSync(dist, { recursive: true, withFileTypes: true })) {
  if (!entry.isFile() || !entry.name.endsWith('.d.ts')) continue;
  const file = join(entry.parentPath, entry.name);
  const text = readFileSync(file, 'utf8');
  const fixed = text.replace(relativeTsSpecifier, '$1.js$2');
  if (fixed !== text) writeFileSync(file, fixed);
}

const cdnBuild = join(packageDir, '..', '..', 'dist', 'cdn');
const shippedCdn = join(dist, 'cdn');
rmSync(shippedCdn, { recursive: true, force: true });
if (existsSync(join(cdnBuild, 'dropkit.js'))) {
  cpSync(cdnBuild, shippedCdn, { recursive: true });
} else {
  console.warn('@dropkit/elements: dist/cdn is not built (run `npm run build:cdn` first); the package ships without it.');
}
