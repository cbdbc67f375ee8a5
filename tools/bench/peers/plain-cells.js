/**
 * Not a peer but the floor: the bench's grid with no component at all. Each cell is an element with
 * no shadow root and no behaviour, and one timer on the second boundary rewrites the text of the
 * cells that were in the viewport at load (the others never change). What any page with that many
 * cells pays the browser for layout, paint and compositing each second, whatever draws the digits.
 */
const pad = (n) => String(n).padStart(2, '0');

customElements.define('plain-cell', class extends HTMLElement {});

// The same digits as dropkit's default look, so both repaint the same area each second.
const digits = new CSSStyleSheet();
digits.replaceSync('plain-cell { font-size: 1.5em; font-weight: 700; font-variant-numeric: tabular-nums; white-space: nowrap; }');
document.adoptedStyleSheets = [...document.adoptedStyleSheets, digits];

const onScreen = (cell) => {
  const box = cell.getBoundingClientRect();
  return box.bottom > 0 && box.right > 0 && box.top < innerHeight && box.left < innerWidth;
};
const ticking = [...document.querySelectorAll('plain-cell')].filter(onScreen).map((cell) => {
  const text = document.createTextNode('');
  cell.replaceChildren(text);
  return { text, at: Date.parse(cell.getAttribute('at')) };
});

function tick() {
  const now = Date.now();
  for (const { text, at } of ticking) {
    const seconds = Math.max(0, Math.ceil((at - now) / 1000));
    const shown = `${pad(Math.floor(seconds / 3600))}:${pad(Math.floor(seconds / 60) % 60)}:${pad(seconds % 60)}`;
    if (text.data !== shown) text.data = shown;
  }
  setTimeout(tick, 1000 - (now % 1000));
}
tick();
