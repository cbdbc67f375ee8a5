/**
 * The import graph of the built CDN folder, read from the minified files themselves: which chunk
 * the loader fetches for each tag, and which chunks a chunk pulls in statically. What a page with
 * one element really downloads is the loader plus that element's static closure; the other lazy
 * chunks stay on the server until their tag appears.
 */

const quoted = String.raw`["'\x60]\.\/([^"'\x60]+)["'\x60]`;
// `import x from"./a.js"`, `import{a as b}from"./a.js"`, `import"./a.js"`, `export{a}from"./a.js"`
const staticImport = new RegExp(String.raw`(?:^|[;}\s)])(?:import|export)\s*(?:[\w$*{}\s,]*from\s*)?${quoted}`, 'g');
const dynamicImport = new RegExp(String.raw`import\(\s*${quoted}\s*\)`, 'g');
const lazyEntry = new RegExp(String.raw`["'\x60]?(drop-[a-z0-9-]+)["'\x60]?\s*:\s*\(\)\s*=>\s*import\(\s*${quoted}\s*\)`, 'g');

/** @param {string} source */
export const staticImportsOf = (source) => unique([...source.matchAll(staticImport)].map((m) => m[1]));

/** @param {string} source */
export const dynamicImportsOf = (source) => unique([...source.matchAll(dynamicImport)].map((m) => m[1]));

/**
 * Tag → chunk file for every lazily loaded element in the loader's source.
 * @param {string} loaderSource
 * @returns {Map<string, string>}
 */
export function lazyChunksOf(loaderSource) {
  const chunks = new Map();
  for (const match of loaderSource.matchAll(lazyEntry)) chunks.set(match[1], match[2]);
  return chunks;
}

/**
 * Every file reachable from `entry` through static imports, `entry` included, in visiting order.
 * @param {string} entry
 * @param {(file: string) => string} read source of a file in the same folder
 */
export function staticClosure(entry, read) {
  const seen = new Set();
  const visit = (file) => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const dependency of staticImportsOf(read(file))) visit(dependency);
  };
  visit(entry);
  return [...seen];
}

/**
 * What each kind of dropkit page downloads.
 * @param {string} loader the loader's file name
 * @param {(file: string) => string} read
 * @returns {{ loaderFiles: string[], elements: Map<string, string[]>, everything: string[] }}
 */
export function pageFiles(loader, read) {
  const loaderFiles = staticClosure(loader, read);
  const elements = new Map();
  const everything = new Set(loaderFiles);
  for (const [tag, chunk] of lazyChunksOf(read(loader))) {
    const files = unique([...loaderFiles, ...staticClosure(chunk, read)]);
    elements.set(tag, files);
    for (const file of files) everything.add(file);
  }
  // Chunks only reachable dynamically from other chunks (an element loading a helper on demand)
  // are still part of the kit a CDN serves.
  const queue = [...everything];
  while (queue.length) {
    const file = queue.shift();
    for (const next of [...dynamicImportsOf(read(file)), ...staticImportsOf(read(file))]) {
      if (!everything.has(next)) {
        everything.add(next);
        queue.push(next);
      }
    }
  }
  return { loaderFiles, elements, everything: [...everything] };
}

/** @template T @param {T[]} items */
function unique(items) {
  return [...new Set(items)];
}
