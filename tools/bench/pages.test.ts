import { describe, expect, it } from 'vitest';
import { countdownPage, gridLayout, productPage } from './pages.mjs';

const viewport = { width: 1280, height: 720 };

describe('bench page layouts', () => {
  it.each([1, 20, 100, 1000])('fits all %i cells in the viewport when they are all meant to be visible', (count) => {
    const layout = gridLayout(count, viewport, false);
    expect(layout.columns * layout.rows).toBe(count);
    expect(layout.rows * layout.rowHeight).toBeLessThanOrEqual(viewport.height);
  });

  it('fills the viewport with exactly the visible cells and starts the rest below the fold', () => {
    const layout = gridLayout(20, viewport, true);
    expect(layout.columns * layout.rows).toBe(20);
    expect(layout.rows * layout.rowHeight).toBeGreaterThanOrEqual(viewport.height);
    expect((layout.rows - 1) * layout.rowHeight).toBeLessThan(viewport.height);
  });

  it('writes one element per cell, counting down to the given instant, with the creator fallback text', () => {
    const at = Date.UTC(2026, 11, 5, 18, 0, 0);
    const html = countdownPage({ title: 't', script: '<script src="/x.js"></script>', tag: 'drop-countdown', count: 7, visible: 7, at, viewport, attributes: 'format="clock"' });
    expect(html.match(/<drop-countdown /g)).toHaveLength(7);
    expect(html).toContain('<drop-countdown at="2026-12-05T18:00:00.000Z" format="clock">Drops 18:00 UTC</drop-countdown>');
    expect(html).toContain('<script src="/x.js"></script>');
  });

  it('writes the instant in the attribute the element reads', () => {
    const html = countdownPage({ title: 't', script: '', tag: 'relative-time', count: 1, visible: 1, at: 0, viewport, dateAttribute: 'datetime' });
    expect(html).toContain('<relative-time datetime="1970-01-01T00:00:00.000Z">');
  });

  it('puts the buy button slot inside the same product card for every contender', () => {
    const html = productPage({ title: 'a & b', slot: '<drop-button></drop-button>' });
    expect(html).toContain('<div id="buy"><drop-button></drop-button></div>');
    expect(html).toContain('<title>a &amp; b</title>');
  });
});
