/**
 * The mark's tag's `style` attribute belongs to the creator (and to the framework rendering it): the
 * mark keeps the properties its width is computed from in its shadow root, so a page or framework
 * writing that attribute wholesale (Vue `:style="'…'"`, Preact and Solid `style="…"`,
 * `el.style.cssText = …`) neither finds dropkit's properties there nor wipes the mark's width.
 */
import { expect } from '@esm-bundle/chai';
import { cleanup, fixture } from '../test-support/fixture.ts';
import { height, media, settle, type MarkLike } from './mark-test-helpers.ts';

const srcs = `src-wordmark="${media}/wordmark.svg" src-monogram="${media}/monogram.svg" src-glyph="${media}/glyph.svg"`;
const gone = `${media}/gone`;

afterEach(() => cleanup());

/** Every border-box width the browser lays the mark out at from now on (what a visitor is shown). */
function widthsShown(mark: Element): { widths: number[]; stop(): void } {
  const widths: number[] = [];
  // Its first report, in the next frame, is the width the mark is laid out at then: one to check too.
  const observer = new ResizeObserver(([entry]) => void widths.push(entry!.borderBoxSize[0]!.inlineSize));
  observer.observe(mark);
  return { widths, stop: () => observer.disconnect() };
}

describe('<drop-mark> and its tag\'s style attribute', () => {
  it('leaves the style attribute exactly as the creator wrote it, or absent', async () => {
    const box = await fixture(`<div style="width: 400px">
      <drop-mark id="styled" name="Nova Studio" ${srcs} style="--drop-mark-height: 40px"></drop-mark>
      <drop-mark id="plain" name="Nova Studio" ${srcs}></drop-mark>
      <drop-mark id="text" name="Nova Studio" src-wordmark="${gone}/wordmark.svg" style="--drop-mark-height: 40px"></drop-mark>
    </div>`);
    const [styled, plain, text] = [...box.querySelectorAll('drop-mark')] as MarkLike[];
    for (const mark of [styled!, plain!]) await settle(mark);
    const deadline = performance.now() + 5000;
    while (!text!.shadowRoot!.querySelector('[part="name"]') && performance.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    await settle(text!);
    expect(styled!.variant).to.equal('wordmark');
    expect(styled!.getBoundingClientRect().width).to.equal(160);
    expect(styled!.getAttribute('style')).to.equal('--drop-mark-height: 40px');
    expect(plain!.variant).to.equal('wordmark');
    expect(plain!.hasAttribute('style')).to.equal(false);
    expect(text!.shadowRoot!.querySelector('[part="name"]')!.textContent).to.equal('Nova Studio');
    expect(text!.getAttribute('style')).to.equal('--drop-mark-height: 40px');
    // A new measurement (the room changed) writes nothing there either.
    (box as HTMLElement).style.width = '100px';
    await settle(styled!);
    expect(styled!.variant).to.equal('monogram');
    expect(styled!.getAttribute('style')).to.equal('--drop-mark-height: 40px');
  });

  for (const [how, write] of [
    ['setAttribute', (mark: HTMLElement, style: string) => mark.setAttribute('style', style)],
    ['style.cssText', (mark: HTMLElement, style: string) => void (mark.style.cssText = style)],
  ] as const) {
    it(`keeps its width and variant, in every frame, when a page sets the whole style attribute (${how})`, async () => {
      const box = await fixture(`<div style="width: 400px; display: flex; gap: 8px">
        <drop-mark name="Nova Studio" ${srcs} ${height}></drop-mark><span>Nova Studio merch</span></div>`);
      const mark = box.querySelector('drop-mark') as MarkLike;
      await settle(mark);
      expect([mark.variant, mark.getBoundingClientRect().width]).to.deep.equal(['wordmark', 160]);
      const shown = widthsShown(mark);
      try {
        // A framework re-rendering the creator's own style (a margin added), the height unchanged.
        write(mark, '--drop-mark-height: 40px; margin-inline-end: 4px');
        expect(mark.getBoundingClientRect().width).to.equal(160);
        await settle(mark);
        expect([mark.variant, mark.getBoundingClientRect().width]).to.deep.equal(['wordmark', 160]);
        expect(shown.widths.filter((width) => width !== 160)).to.deep.equal([]);
        expect(mark.style.cssText).to.equal('--drop-mark-height: 40px; margin-inline-end: 4px;');
      } finally {
        shown.stop();
      }
    });
  }

  it('keeps the name shown as text at its width when a page sets the whole style attribute', async () => {
    const box = await fixture(`<div style="width: 400px"><drop-mark name="Nova Studio" src-wordmark="${gone}/wordmark.svg" ${height}></drop-mark></div>`);
    const mark = box.querySelector('drop-mark') as MarkLike;
    const deadline = performance.now() + 5000;
    while (!mark.shadowRoot!.querySelector('[part="name"]') && performance.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    await settle(mark);
    const name = mark.shadowRoot!.querySelector('[part="name"]') as HTMLElement;
    const before = mark.getBoundingClientRect().width;
    // The whole name, wider than a square at the mark's height.
    expect(before).to.be.above(40);
    expect(name.scrollWidth).to.equal(name.clientWidth);
    const shown = widthsShown(mark);
    try {
      mark.style.cssText = '--drop-mark-height: 40px';
      expect(mark.getBoundingClientRect().width).to.equal(before);
      await settle(mark);
      expect(mark.getBoundingClientRect().width).to.equal(before);
      expect(shown.widths.filter((width) => width !== before)).to.deep.equal([]);
    } finally {
      shown.stop();
    }
  });

  it('follows a new height written with the whole style attribute', async () => {
    const box = await fixture(`<div style="width: 400px"><drop-mark name="Nova Studio" ${srcs} ${height}></drop-mark></div>`);
    const mark = box.querySelector('drop-mark') as MarkLike;
    await settle(mark);
    mark.style.cssText = '--drop-mark-height: 20px';
    await settle(mark);
    // 20 px high: the wordmark (80 px) still fits in 400 px.
    expect([mark.variant, mark.getBoundingClientRect().width, mark.getBoundingClientRect().height]).to.deep.equal(['wordmark', 80, 20]);
  });
});
