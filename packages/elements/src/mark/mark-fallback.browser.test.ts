import { expect } from '@esm-bundle/chai';
import { emulateMedia } from '@web/test-runner-commands';
import { cleanup, fixture, nextFrame } from '../test-support/fixture.ts';
import { height, media, settle, type MarkLike } from './mark-test-helpers.ts';
import { expectNoAxeViolations } from '../test-support/axe.ts';
import { captureWarnings } from '../test-support/warnings.ts';

// An image that does not arrive: real 404s from the test server (test/media/mark/gone/ does not exist).
const gone = `${media}/gone`;
const all = (wordmark: string, monogram: string, glyph: string) =>
  `src-wordmark="${wordmark}/wordmark.svg" src-monogram="${monogram}/monogram.svg" src-glyph="${glyph}/glyph.svg"`;

/** Waits until `done()` holds (an image answered, a JSON arrived), then lets the mark settle. */
async function until(mark: MarkLike, done: () => boolean): Promise<void> {
  const deadline = performance.now() + 5000;
  while (!done() && performance.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  await settle(mark);
}

/** Every image in the mark has loaded or failed. */
const answered = (mark: MarkLike) => () => [...mark.shadowRoot!.querySelectorAll('img')].every((img) => img.complete);

function shownVariants(el: Element): string[] {
  return [...el.shadowRoot!.querySelectorAll('.variant')].filter((v) => !(v as HTMLElement).hidden).map((v) => v.getAttribute('part')!);
}

/** The name shown in place of the images, if any, and its box. */
function nameText(mark: MarkLike): HTMLElement | null {
  return mark.shadowRoot!.querySelector('[part="name"]');
}

afterEach(async () => {
  cleanup();
  await emulateMedia({ colorScheme: 'light', reducedMotion: 'no-preference' });
});

describe('<drop-mark> when an image does not arrive', () => {
  it('a wordmark that 404s: shows the monogram in a box its own width, warns once naming the attribute and URL', async () => {
    const warnings = captureWarnings();
    try {
      const box = await fixture(`<div style="width: 400px"><drop-mark name="Nova Studio" ${all(gone, media, media)} ${height}></drop-mark></div>`);
      const mark = box.querySelector('drop-mark') as MarkLike;
      await until(mark, () => mark.variant === 'monogram');
      expect(mark.variant).to.equal('monogram');
      expect(shownVariants(mark)).to.deep.equal(['monogram']);
      const monogram = mark.shadowRoot!.querySelector('[part="monogram"] img') as HTMLImageElement;
      await monogram.decode();
      // Its real shape (6:5, not the square guessed for a monogram) reaches the box in the next update.
      await settle(mark);
      expect(mark.getBoundingClientRect().width).to.equal(48);
      expect(monogram.getBoundingClientRect().width).to.equal(48);
      // Settled: no switching back and forth, and the warning is not repeated.
      let switches = 0;
      const observer = new MutationObserver(() => switches++);
      observer.observe(mark, { attributes: true, attributeFilter: ['variant'] });
      for (let frame = 0; frame < 10; frame++) await nextFrame();
      observer.disconnect();
      expect(switches).to.equal(0);
      const failures = warnings.messages.filter((m) => m.includes('did not load'));
      expect(failures).to.have.length(1);
      expect(failures[0]).to.contain('src-wordmark');
      expect(failures[0]).to.contain(`${location.origin}${gone}/wordmark.svg`);
      expect(mark.getAttribute('aria-label')).to.equal('Nova Studio');
      await expectNoAxeViolations(box);
    } finally {
      warnings.restore();
    }
  });

  it('a failed variant stays out when the room changes, and the remaining ones still follow the width', async () => {
    const box = await fixture<HTMLDivElement>(`<div style="width: 400px"><drop-mark name="Nova Studio" ${all(media, gone, media)} ${height}></drop-mark></div>`);
    const mark = box.querySelector('drop-mark') as MarkLike;
    await until(mark, answered(mark));
    expect(mark.variant).to.equal('wordmark');
    // 100 px: the monogram would fit, but it did not arrive: the glyph.
    box.style.width = '100px';
    await settle(mark);
    expect(mark.variant).to.equal('glyph');
    expect(mark.getBoundingClientRect().width).to.equal(40);
    box.style.width = '400px';
    await settle(mark);
    expect(mark.variant).to.equal('wordmark');
  });

  it('every image 404s: shows the name as text at the mark\'s height, in currentColor, with the same accessible name, axe clean', async () => {
    const warnings = captureWarnings();
    try {
      const box = await fixture(`<div style="width: 400px; color: rgb(20, 80, 40)"><drop-mark name="Nova <b>Studio</b>" ${all(gone, gone, gone)} ${height}></drop-mark></div>`);
      const mark = box.querySelector('drop-mark') as MarkLike;
      await until(mark, () => nameText(mark) !== null);
      const text = nameText(mark)!;
      expect(text, 'the name is shown').to.not.equal(null);
      // Plain text, never markup from the attribute.
      expect(text.textContent).to.equal('Nova <b>Studio</b>');
      expect(text.children).to.have.length(0);
      expect(shownVariants(mark)).to.deep.equal([]);
      expect(mark.variant).to.equal(null);
      expect(getComputedStyle(text).color).to.equal('rgb(20, 80, 40)');
      const markBox = mark.getBoundingClientRect();
      const textBox = text.getBoundingClientRect();
      expect(markBox.height).to.equal(40);
      // Sized to the mark: not page-sized text lost in a 40 px box, not clipped by it, and the box is the text's width.
      expect(textBox.height).to.be.within(28, 40);
      expect(textBox.top).to.be.at.least(markBox.top);
      expect(textBox.bottom).to.be.at.most(markBox.bottom);
      expect(markBox.width).to.be.within(textBox.width - 0.5, textBox.width + 0.5);
      expect(markBox.width).to.be.above(100);
      expect(mark.getAttribute('role')).to.equal('img');
      expect(mark.getAttribute('aria-label')).to.equal('Nova <b>Studio</b>');
      expect(warnings.messages.filter((m) => m.includes('did not load'))).to.have.length(3);
      await expectNoAxeViolations(box);
    } finally {
      warnings.restore();
    }
  });

  it('the name shown as text fits a narrow box (cut with an ellipsis, never wider than its room)', async () => {
    const box = await fixture(`<div style="width: 60px"><drop-mark name="Nova Studio Collective" src-wordmark="${gone}/wordmark.svg" ${height}></drop-mark></div>`);
    const mark = box.querySelector('drop-mark') as MarkLike;
    await until(mark, () => nameText(mark) !== null);
    expect(mark.getBoundingClientRect().width).to.be.at.most(60);
    expect(getComputedStyle(nameText(mark)!).textOverflow).to.equal('ellipsis');
  });

  it("as a buy button's icon (slot=\"mark\") with its image gone: no name text beside the button's own label", async () => {
    const box = await fixture(
      `<drop-button><drop-mark slot="mark" name="Nova Studio Collective" src-glyph="${gone}/glyph.svg" style="--drop-mark-height: 1.25em"></drop-mark><a href="https://buy.stripe.com/x">Buy</a></drop-button>`,
    );
    const mark = box.querySelector('drop-mark') as MarkLike;
    await until(mark, () => mark.variant === null);
    await until(mark, answered(mark));
    // A boolean, not the element: chai describing a shadow-root element in its failure message hung the page.
    expect(nameText(mark) === null, 'no name text in the button').to.equal(true);
    // The name would have widened the button by a whole "Nova Studio Collective".
    expect(mark.getBoundingClientRect().width).to.be.below(30);
  });

  it('every image 404s and no name: stays empty and decorative, with the warnings', async () => {
    const warnings = captureWarnings();
    try {
      const box = await fixture(`<div style="width: 400px"><drop-mark ${all(gone, gone, gone)} ${height}></drop-mark></div>`);
      const mark = box.querySelector('drop-mark') as MarkLike;
      await until(mark, () => mark.variant === null);
      await until(mark, answered(mark));
      expect(mark.variant).to.equal(null);
      expect(nameText(mark) === null, 'no name text').to.equal(true);
      expect(mark.getAttribute('aria-hidden')).to.equal('true');
      expect(warnings.messages.filter((m) => m.includes('did not load'))).to.have.length(3);
      expect(warnings.messages.filter((m) => m.includes('has no name'))).to.have.length(1);
      await expectNoAxeViolations(box);
    } finally {
      warnings.restore();
    }
  });

  it('a dark twin that 404s in dark mode: the light image of the same variant, not another variant', async () => {
    await emulateMedia({ colorScheme: 'dark' });
    const warnings = captureWarnings();
    try {
      const box = await fixture(
        `<div style="width: 400px"><drop-mark name="Nova" ${all(media, media, media)} src-wordmark-dark="${gone}/wordmark-dark.svg" ${height}></drop-mark></div>`,
      );
      const mark = box.querySelector('drop-mark') as MarkLike;
      const image = () => mark.shadowRoot!.querySelector('[part="wordmark"] img') as HTMLImageElement;
      await until(mark, () => image().naturalWidth > 0);
      expect(mark.variant).to.equal('wordmark');
      expect(new URL(image().currentSrc).pathname).to.equal(`${media}/wordmark.svg`);
      expect(image().naturalWidth).to.equal(400);
      expect(mark.getBoundingClientRect().width).to.equal(160);
      const failures = warnings.messages.filter((m) => m.includes('did not load'));
      expect(failures).to.have.length(1);
      expect(failures[0]).to.contain('src-wordmark-dark');
      await expectNoAxeViolations(box);
    } finally {
      warnings.restore();
    }
  });

  it('a mark.json naming a missing file: the next variant, with a warning naming the file', async () => {
    const warnings = captureWarnings();
    try {
      const box = await fixture(`<div style="width: 400px"><drop-mark src="${media}/missing-wordmark.json" ${height}></drop-mark></div>`);
      const mark = box.querySelector('drop-mark') as MarkLike;
      await until(mark, () => mark.variant === 'monogram');
      expect(mark.variant).to.equal('monogram');
      expect(mark.getAttribute('aria-label')).to.equal('Nova Studio');
      expect(mark.getBoundingClientRect().width).to.equal(48);
      const failures = warnings.messages.filter((m) => m.includes('did not load'));
      expect(failures).to.have.length(1);
      expect(failures[0]).to.contain(`${gone}/wordmark.svg`);
      expect(failures[0]).to.contain('wordmark');
    } finally {
      warnings.restore();
    }
  });

  it("src changed to a mark.json that 404s: the previous mark's images go, with one warning naming the URL", async () => {
    const warnings = captureWarnings();
    try {
      const box = await fixture(`<div style="width: 400px"><drop-mark src="${media}/mark.json" ${height}></drop-mark></div>`);
      const mark = box.querySelector('drop-mark') as MarkLike;
      await until(mark, () => mark.variant === 'wordmark');
      // A marketplace reusing the element for the next creator, whose mark.json is missing.
      mark.setAttribute('name', 'Other Creator');
      mark.setAttribute('src', `${gone}/mark.json`);
      await until(mark, () => warnings.messages.some((m) => m.includes(`${gone}/mark.json`)));
      expect(mark.shadowRoot!.querySelectorAll('img')).to.have.length(0);
      expect(mark.variant).to.equal(null);
      expect(mark.getAttribute('aria-label')).to.equal('Other Creator');
      const failures = warnings.messages.filter((m) => m.includes(`${gone}/mark.json`));
      expect(failures).to.have.length(1);
      expect(failures[0]).to.contain('could not load');
    } finally {
      warnings.restore();
    }
  });

  it('a slotted image that 404s is treated the same way: the next variant', async () => {
    const box = await fixture(
      `<div style="width: 400px"><drop-mark name="Nova" ${height}>` +
        `<img slot="wordmark" src="${gone}/slotted-wordmark.svg" width="400" height="100" alt="">` +
        `<img slot="glyph" src="${media}/glyph.svg" width="100" height="100" alt=""></drop-mark></div>`,
    );
    const mark = box.querySelector('drop-mark') as MarkLike;
    await until(mark, () => mark.variant === 'glyph');
    expect(mark.variant).to.equal('glyph');
    expect(mark.getBoundingClientRect().width).to.equal(40);
  });

  it('a slotted image that had already failed before the kit arrived is treated the same way', async () => {
    // The creator's page parses the <img> before the script defines the element: its error event is over.
    const box = document.createElement('div');
    box.style.width = '400px';
    box.innerHTML = `<drop-mark-later name="Nova" ${height}><img slot="wordmark" src="${gone}/early-wordmark.svg" width="400" height="100" alt=""><img slot="glyph" src="${media}/glyph.svg" width="100" height="100" alt=""></drop-mark-later>`;
    document.body.append(box);
    try {
      const early = box.querySelector('img')!;
      await new Promise((resolve) => (early.complete ? resolve(null) : early.addEventListener('error', resolve, { once: true })));
      const holder = await fixture(`<div style="width: 400px"></div>`);
      const mark = document.createElement('drop-mark') as MarkLike;
      mark.setAttribute('name', 'Nova');
      mark.style.setProperty('--drop-mark-height', '40px');
      mark.append(...box.querySelector('drop-mark-later')!.children);
      holder.append(mark);
      await until(mark, () => mark.variant === 'glyph');
      expect(mark.variant).to.equal('glyph');
    } finally {
      box.remove();
    }
  });

  it('a new URL in the attribute is tried again', async () => {
    const box = await fixture(`<div style="width: 400px"><drop-mark name="Nova" ${all(gone, media, media)} ${height}></drop-mark></div>`);
    const mark = box.querySelector('drop-mark') as MarkLike;
    await until(mark, () => mark.variant === 'monogram');
    mark.setAttribute('src-wordmark', `${media}/wordmark.svg`);
    await until(mark, () => mark.variant === 'wordmark');
    expect(mark.variant).to.equal('wordmark');
  });
});
