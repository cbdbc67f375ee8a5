/**
 * The HTML of the bench pages. Pure: the same layout serves dropkit and its peers, so only the
 * element differs between two measurements.
 */

/**
 * A grid in which exactly `visible` cells fill the viewport and any further cells lie below it.
 * Columns are the divisor of `visible` closest to the viewport's aspect, so no row is half full.
 * @param {number} visible
 * @param {{ width: number, height: number }} viewport
 * @param {boolean} moreBelow whether cells continue below the fold
 */
export function gridLayout(visible, viewport, moreBelow) {
  const ideal = Math.sqrt((visible * viewport.width) / viewport.height);
  let columns = 1;
  for (let divisor = 1; divisor <= visible; divisor += 1) {
    if (visible % divisor === 0 && Math.abs(divisor - ideal) < Math.abs(columns - ideal)) columns = divisor;
  }
  const rows = visible / columns;
  // With more cells below, the visible rows must reach the fold so the next row starts beneath it;
  // otherwise every row must fit above it.
  const rowHeight = moreBelow ? Math.ceil(viewport.height / rows) : Math.floor(viewport.height / rows);
  const fontSize = Math.max(6, Math.min(16, Math.floor(rowHeight / 2.5), Math.floor(viewport.width / columns / 7)));
  return { columns, rows, rowHeight, fontSize };
}

const escapeHtml = (text) => text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');

/**
 * @param {{ title: string, script: string, tag: string, count: number, visible: number, at: number,
 *           viewport: { width: number, height: number }, attributes?: string, dateAttribute?: string }} page
 *   `script` is the script element(s) loading the element, `at` the epoch ms being counted down to,
 *   written in the element's `dateAttribute`
 */
export function countdownPage({ title, script, tag, count, visible, at, viewport, attributes = '', dateAttribute = 'at' }) {
  const layout = gridLayout(Math.max(1, Math.min(visible, count)), viewport, count > visible);
  const iso = new Date(at).toISOString();
  const fallback = `Drops ${iso.slice(11, 16)} UTC`;
  const cell = `<div><${tag} ${dateAttribute}="${iso}"${attributes ? ` ${attributes}` : ''}>${escapeHtml(fallback)}</${tag}></div>`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>${escapeHtml(title)}</title>
<style>
  html, body { margin: 0; }
  .grid { display: grid; grid-template-columns: repeat(${layout.columns}, 1fr); grid-auto-rows: ${layout.rowHeight}px; font: ${layout.fontSize}px/1.2 system-ui, sans-serif; }
  .grid > div { overflow: hidden; min-width: 0; }
</style>
${script}
</head>
<body>
<div class="grid">
${cell.repeat(count)}
</div>
</body>
</html>
`;
}

/**
 * One product card, the layout a creator's shop page has around a buy button; `slot` is what the
 * button's place holds before any script runs.
 * @param {{ title: string, slot: string }} page
 */
export function productPage({ title, slot }) {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>
  body { margin: 0; font: 16px/1.4 system-ui, sans-serif; }
  .card { max-width: 360px; margin: 40px auto; padding: 16px; border: 1px solid #ddd; border-radius: 12px; }
  .card .photo { aspect-ratio: 1; background: linear-gradient(135deg, #f4c, #48f); border-radius: 8px; }
  .card h1 { font-size: 20px; margin: 12px 0 4px; }
</style>
</head>
<body>
<main class="card">
  <div class="photo" role="img" aria-label="Tour hoodie"></div>
  <h1>Tour hoodie — limited drop</h1>
  <p>Heavyweight cotton, 50 pieces.</p>
  <div id="buy">${slot}</div>
</main>
</body>
</html>
`;
}
