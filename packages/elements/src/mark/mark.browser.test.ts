import { expect } from '@esm-bundle/chai';
import { emulateMedia } from '@web/test-runner-commands';
import { cleanup, fixture, nextFrame } from '../test-support/fixture.ts';
import { height, media, settle, type MarkLike } from './mark-test-helpers.ts';
import { expectNoAxeViolations } from '../test-support/axe.ts';
import { captureWarnings } from '../test-support/warnings.ts';

const srcs = `src-wordmark="${media}/wordmark.svg" src-monogram="${media}/monogram.svg" src-glyph="${media}/glyph.svg"`;

// Forge's shapes: a wide wordmark and a square monogram and glyph (64 × 64), in a mark.json.
const square = `${media}/square.json`;

async function manifestLoaded(mark: MarkLike): Promise<void> {
  const deadline = performance.now() + 5000;
  while (mark.shadowRoot!.querySelectorAll('img').length < 3 && performance.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  await settle(mark);
}

/** Fails the test on any error the page reports, a "ResizeObserver loop" one included. */
function recordPageErrors(): { errors: string[]; stop(): void } {
  const errors: string[] = [];
  const onError = (event: ErrorEvent) => void errors.push(event.message);
  window.addEventListener('error', onError);
  return { errors, stop: () => window.removeEventListener('error', onError) };
}

async function imagesLoaded(el: Element): Promise<void> {
  const images = [...el.shadowRoot!.querySelectorAll('img')];
  await Promise.all(images.map((img) => img.decode().catch(() => undefined)));
}

function shownVariants(el: Element): string[] {
  return [...el.shadowRoot!.querySelectorAll('.variant')].filter((v) => !(v as HTMLElement).hidden).map((v) => v.getAttribute('part')!);
}

afterEach(async () => {
  cleanup();
  await emulateMedia({ colorScheme: 'light', reducedMotion: 'no-preference' });
});

describe('<drop-mark>', () => {
  for (const [width, variant] of [
    [400, 'wordmark'],
    [100, 'monogram'],
    [44, 'glyph'],
  ] as const) {
    it(`shows the ${variant} in ${width} px, with one accessible name, axe clean`, async () => {
      const box = await fixture(`<div style="width: ${width}px"><drop-mark name="Nova Studio" ${srcs} ${height}></drop-mark></div>`);
      const mark = box.querySelector('drop-mark') as MarkLike;
      await settle(mark);
      expect(mark.variant).to.equal(variant);
      expect(mark.getAttribute('variant')).to.equal(variant);
      expect(shownVariants(mark)).to.deep.equal([variant]);
      expect(mark.getAttribute('role')).to.equal('img');
      expect(mark.getAttribute('aria-label')).to.equal('Nova Studio');
      await imagesLoaded(mark);
      await expectNoAxeViolations(box);
    });
  }

  it('switches with hysteresis: no flicker around a boundary', async () => {
    const box = await fixture<HTMLDivElement>(`<div style="width: 150px"><drop-mark name="Nova" ${srcs} ${height}></drop-mark></div>`);
    const mark = box.querySelector('drop-mark') as MarkLike;
    const walk = async (widths: number[]) => {
      const seen: string[] = [];
      for (const width of widths) {
        box.style.width = `${width}px`;
        await settle(mark);
        seen.push(mark.variant!);
      }
      return seen;
    };
    await settle(mark);
    expect(mark.variant).to.equal('monogram');
    expect(await walk([155, 159, 152, 158.5])).to.deep.equal(['monogram', 'monogram', 'monogram', 'monogram']);
    expect(await walk([160])).to.deep.equal(['wordmark']);
    expect(await walk([158, 161, 152, 159, 150])).to.deep.equal(['wordmark', 'wordmark', 'wordmark', 'wordmark', 'wordmark']);
    expect(await walk([140, 158])).to.deep.equal(['monogram', 'monogram']);
  });

  it('reserves its box before the images arrive', async () => {
    const box = await fixture(`<div style="width: 600px"><drop-mark name="Nova" src="${media}/mark.json" ${height}></drop-mark></div>`);
    const mark = box.querySelector('drop-mark') as MarkLike;
    await new Promise<void>((resolve) => {
      const check = () => (mark.shadowRoot!.querySelector('img') ? resolve() : setTimeout(check, 10));
      check();
    });
    await mark.updateComplete;
    const before = mark.getBoundingClientRect();
    await imagesLoaded(mark);
    await settle(mark);
    const after = mark.getBoundingClientRect();
    expect([before.width, before.height]).to.deep.equal([160, 40]);
    expect([after.width, after.height]).to.deep.equal([160, 40]);
  });

  it('loads a forge mark.json: name, variants resolved next to the JSON, dark twin', async () => {
    const box = await fixture(`<div style="width: 600px"><drop-mark src="${media}/mark.json" ${height}></drop-mark></div>`);
    const mark = box.querySelector('drop-mark') as MarkLike;
    const deadline = performance.now() + 5000;
    while (mark.getAttribute('aria-label') !== 'Nova Studio' && performance.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    await settle(mark);
    expect(mark.getAttribute('aria-label')).to.equal('Nova Studio');
    expect(mark.variant).to.equal('wordmark');
    const image = mark.shadowRoot!.querySelector('[part="wordmark"] img') as HTMLImageElement;
    expect(new URL(image.src).pathname).to.equal(`${media}/wordmark.svg`);
    const source = mark.shadowRoot!.querySelector('[part="wordmark"] source')!;
    expect(source.getAttribute('media')).to.equal('(prefers-color-scheme: dark)');
    expect(new URL(source.getAttribute('srcset')!).pathname).to.equal(`${media}/wordmark-dark.svg`);
  });

  describe('a mark.json when a framework moves or reuses the mark', () => {
    const nova = async (mark: MarkLike) => {
      const deadline = performance.now() + 5000;
      while (mark.getAttribute('aria-label') !== 'Nova Studio' && performance.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      await manifestLoaded(mark);
      expect(mark.getAttribute('aria-label')).to.equal('Nova Studio');
      expect(mark.variant).to.equal('wordmark');
      expect(mark.getBoundingClientRect().width).to.equal(160);
    };

    it('loads it when the mark is moved to another container while the JSON is on its way', async () => {
      const page = await fixture(`<div><div class="from" style="width: 600px"></div><div class="to" style="width: 600px"></div></div>`);
      await customElements.whenDefined('drop-mark');
      const mark = document.createElement('drop-mark') as MarkLike;
      mark.setAttribute('src', `${media}/mark.json`);
      mark.style.setProperty('--drop-mark-height', '40px');
      page.querySelector('.from')!.append(mark);
      // The first update has asked for the JSON; a framework moves the mark before the answer (one task).
      await mark.updateComplete;
      page.querySelector('.to')!.append(mark);
      await nova(mark);
    });

    it('loads it again when src is removed and set back (a framework re-rendering)', async () => {
      const box = await fixture(`<div style="width: 600px"><drop-mark src="${media}/mark.json" ${height}></drop-mark></div>`);
      const mark = box.querySelector('drop-mark') as MarkLike;
      await nova(mark);
      mark.removeAttribute('src');
      await settle(mark);
      expect(mark.shadowRoot!.querySelectorAll('img')).to.have.length(0);
      mark.setAttribute('src', `${media}/mark.json`);
      await nova(mark);
    });
  });

  it('shows the dark variant when the visitor prefers dark', async () => {
    await emulateMedia({ colorScheme: 'dark' });
    const box = await fixture(`<div style="width: 600px"><drop-mark name="Nova" ${srcs} src-wordmark-dark="${media}/wordmark-dark.svg" ${height}></drop-mark></div>`);
    const mark = box.querySelector('drop-mark') as MarkLike;
    await settle(mark);
    const image = mark.shadowRoot!.querySelector('[part="wordmark"] img') as HTMLImageElement;
    await image.decode();
    expect(new URL(image.currentSrc).pathname).to.equal(`${media}/wordmark-dark.svg`);
  });

  it('does not animate under reduced motion', async () => {
    const box = await fixture(`<div style="width: 600px"><drop-mark name="Nova" ${srcs} ${height}></drop-mark></div>`);
    const mark = box.querySelector('drop-mark') as MarkLike;
    const wrapper = mark.shadowRoot!.querySelector('[part="wordmark"]')!;
    expect(getComputedStyle(wrapper).transitionDuration).to.not.equal('0s');
    await emulateMedia({ reducedMotion: 'reduce' });
    expect(getComputedStyle(wrapper).transitionDuration).to.equal('0s');
  });

  it('takes slotted <img> and <svg> variants, which win over src-*', async () => {
    const box = await fixture(
      `<div style="width: 44px"><drop-mark name="Nova" ${srcs} ${height}>` +
        `<img slot="wordmark" src="${media}/wordmark.svg" width="400" height="100" alt="">` +
        `<svg slot="glyph" viewBox="0 0 10 10"><circle cx="5" cy="5" r="5" fill="#6d28d9"/></svg></drop-mark></div>`,
    );
    const mark = box.querySelector('drop-mark') as MarkLike;
    await settle(mark);
    expect(mark.variant).to.equal('glyph');
    const slot = mark.shadowRoot!.querySelector('slot[name="glyph"]') as HTMLSlotElement;
    expect(slot.assignedElements()[0]!.localName).to.equal('svg');
    expect(mark.shadowRoot!.querySelector('[part="glyph"] img')).to.equal(null);
    expect(mark.querySelector('svg')!.getBoundingClientRect().width).to.be.within(39, 41);
    await expectNoAxeViolations(box);
  });

  it('falls back to the only variant it has, scaled into small boxes', async () => {
    const box = await fixture(`<div style="width: 50px"><drop-mark name="Nova" src-wordmark="${media}/wordmark.svg" ${height}></drop-mark></div>`);
    const mark = box.querySelector('drop-mark') as MarkLike;
    await settle(mark);
    expect(mark.variant).to.equal('wordmark');
    await imagesLoaded(mark);
    const image = mark.shadowRoot!.querySelector('img')!;
    expect(image.getBoundingClientRect().width).to.be.at.most(50);
    expect(mark.getBoundingClientRect().width).to.equal(50);
  });

  it('has a real size inside flex and grid layouts that give it no width', async () => {
    const layouts = await fixture(`<div>
      <div id="flex" style="display: flex; gap: 8px; width: 500px"><drop-mark name="Nova" ${srcs} ${height}></drop-mark><span>Nova Studio merch</span></div>
      <div id="grid" style="display: grid; grid-template-columns: auto 1fr; width: 500px"><drop-mark name="Nova" ${srcs} ${height}></drop-mark><span>Merch</span></div>
      <div id="inline-grid" style="display: inline-grid"><drop-mark name="Nova" ${srcs} ${height}></drop-mark></div>
      <div id="narrow" style="display: flex; width: 120px"><drop-mark name="Nova" ${srcs} ${height}></drop-mark><span style="flex: 0 0 70px">Buy</span></div>
    </div>`);
    const marks = [...layouts.querySelectorAll('drop-mark')] as MarkLike[];
    for (const mark of marks) await settle(mark);
    const [flex, grid, inlineGrid, narrow] = marks;
    for (const mark of [flex!, grid!, inlineGrid!]) {
      expect(mark.getBoundingClientRect().width, mark.parentElement!.id).to.equal(160);
      expect(mark.variant, mark.parentElement!.id).to.equal('wordmark');
    }
    // 50 px of room, a 48 px monogram shown: the box is the monogram's, not the room's.
    expect(narrow!.getBoundingClientRect().width).to.equal(48);
    expect(narrow!.variant).to.equal('monogram');
  });

  describe('inside a wrapper of the page\'s, in a toolbar that narrows and widens again', () => {
    // A logo is a home link: <a href="/"><drop-mark></a> in a flex or grid header. The link, sized
    // by the mark, could not get narrower than the wordmark (the header overflowed at 200 px), and
    // once narrower, it never grew with the header again, so the mark kept its glyph.
    const walk = async (toolbar: HTMLElement, mark: MarkLike, widths: number[]) => {
      const seen: string[] = [];
      for (const width of widths) {
        toolbar.style.width = `${width}px`;
        await settle(mark);
        seen.push(`${width}: ${mark.variant} ${mark.getBoundingClientRect().width} px, toolbar ${toolbar.scrollWidth} px`);
      }
      return seen;
    };
    for (const [open, close] of [['<a href="/">', '</a>'], ['<a href="/"><span>', '</span></a>'], ['<span>', '</span>']] as const) {
      it(`${open}…${close} in a flex header`, async () => {
        const header = await fixture<HTMLElement>(
          `<nav style="display: flex; gap: 8px; width: 600px">${open}<drop-mark name="Nova" ${srcs} ${height}></drop-mark>${close}<span style="flex: 0 0 100px">Shop</span></nav>`,
        );
        const mark = header.querySelector('drop-mark') as MarkLike;
        await settle(mark);
        // Room for the mark: 600 − 108 = 492 px, then 92 (the 48 px monogram), then 42 (the 40 px glyph).
        expect(await walk(header, mark, [600, 200, 150, 600])).to.deep.equal([
          '600: wordmark 160 px, toolbar 600 px',
          '200: monogram 48 px, toolbar 200 px',
          '150: glyph 40 px, toolbar 150 px',
          '600: wordmark 160 px, toolbar 600 px',
        ]);
      });
    }

    it('<a> in a grid header\'s auto column', async () => {
      const header = await fixture<HTMLElement>(
        `<nav style="display: grid; grid-template-columns: auto 1fr; width: 600px"><a href="/"><drop-mark name="Nova" ${srcs} ${height}></drop-mark></a><span>Shop</span></nav>`,
      );
      const mark = header.querySelector('drop-mark') as MarkLike;
      await settle(mark);
      expect(await walk(header, mark, [600, 100, 600])).to.deep.equal([
        '600: wordmark 160 px, toolbar 600 px',
        '100: monogram 48 px, toolbar 100 px',
        '600: wordmark 160 px, toolbar 600 px',
      ]);
    });
  });

  describe('small sizes: forge\'s square monogram and glyph', () => {
    it('shows the glyph in a 24 px avatar, and in a 20 px button mark, where the monogram would fit as well', async () => {
      const box = await fixture(`<div>
        <span id="avatar" style="display: inline-flex; width: 24px; height: 24px; border-radius: 50%; overflow: hidden"><drop-mark name="Nova Studio" src="${square}" style="--drop-mark-height: 24px"></drop-mark></span>
        <span id="button" style="display: inline-flex; width: 20px"><drop-mark name="Nova Studio" src="${square}" style="--drop-mark-height: 20px"></drop-mark></span>
      </div>`);
      for (const mark of box.querySelectorAll('drop-mark') as NodeListOf<MarkLike>) {
        await manifestLoaded(mark);
        const size = mark.parentElement!.id === 'avatar' ? 24 : 20;
        expect(mark.variant, mark.parentElement!.id).to.equal('glyph');
        expect(shownVariants(mark), mark.parentElement!.id).to.deep.equal(['glyph']);
        await imagesLoaded(mark);
        const glyph = mark.shadowRoot!.querySelector('[part="glyph"] img')!.getBoundingClientRect();
        expect([glyph.width, glyph.height], mark.parentElement!.id).to.deep.equal([size, size]);
      }
      await expectNoAxeViolations(box);
    });

    it('shows the monogram at a header\'s 32 px height when the wordmark does not fit, in a box its own width', async () => {
      const box = await fixture(`<div style="width: 60px"><drop-mark name="Nova Studio" src="${square}" style="--drop-mark-height: 32px"></drop-mark></div>`);
      const mark = box.querySelector('drop-mark') as MarkLike;
      await manifestLoaded(mark);
      expect(mark.variant).to.equal('monogram');
      expect(mark.getBoundingClientRect().width).to.equal(32);
      box.style.width = '200px';
      await settle(mark);
      expect(mark.variant).to.equal('wordmark');
    });

    it('does not flicker when the height hovers at 32 px', async () => {
      const box = await fixture(`<div style="width: 40px"><drop-mark name="Nova Studio" src="${square}" style="--drop-mark-height: 31px"></drop-mark></div>`);
      const mark = box.querySelector('drop-mark') as MarkLike;
      await manifestLoaded(mark);
      const walk = async (heights: number[]) => {
        const seen: string[] = [];
        for (const height of heights) {
          mark.style.setProperty('--drop-mark-height', `${height}px`);
          await settle(mark);
          seen.push(mark.variant!);
        }
        return seen;
      };
      expect(mark.variant).to.equal('glyph');
      expect(await walk([31.5, 31, 31.9])).to.deep.equal(['glyph', 'glyph', 'glyph']);
      expect(await walk([32])).to.deep.equal(['monogram']);
      expect(await walk([31, 30, 31.9, 29.5, 32])).to.deep.equal(['monogram', 'monogram', 'monogram', 'monogram', 'monogram']);
      expect(await walk([29, 31])).to.deep.equal(['glyph', 'glyph']);
    });
  });

  describe('its box fits the variant shown', () => {
    it('leaves no gap beside a plainer variant in a header row, and takes the wordmark back when the row widens', async () => {
      const errors = recordPageErrors();
      try {
        // The demo header: the mark, a 16 px gap, then text that keeps its width.
        const row = await fixture<HTMLDivElement>(
          `<div style="display: flex; align-items: center; gap: 16px; width: 200px"><drop-mark name="Nova Studio" src="${square}" style="--drop-mark-height: 32px; flex: 0 1 auto"></drop-mark><span style="flex: 0 0 100px">Nova Threads</span></div>`,
        );
        const mark = row.querySelector('drop-mark') as MarkLike;
        const text = row.querySelector('span')!;
        await manifestLoaded(mark);
        // 84 px of room for a 128 px wordmark: the monogram, in a box of its own width.
        expect(mark.variant).to.equal('monogram');
        await imagesLoaded(mark);
        const box = mark.getBoundingClientRect();
        const monogram = mark.shadowRoot!.querySelector('[part="monogram"] img')!.getBoundingClientRect();
        expect([box.width, monogram.width]).to.deep.equal([32, 32]);
        expect(text.getBoundingClientRect().left - box.right).to.equal(16);
        // Room for the wordmark again, though the mark's own box did not change: the row did.
        row.style.width = '250px';
        await settle(mark);
        expect(mark.variant).to.equal('wordmark');
        expect(mark.getBoundingClientRect().width).to.equal(128);
        // 124 px of room, under 8 % short of 128: the wordmark stays, scaled into a box it fills.
        row.style.width = '240px';
        await settle(mark);
        expect(mark.variant).to.equal('wordmark');
        await imagesLoaded(mark);
        const wordmark = mark.shadowRoot!.querySelector('[part="wordmark"] img')!.getBoundingClientRect();
        expect([mark.getBoundingClientRect().width, wordmark.width]).to.deep.equal([124, 124]);
        expect(text.getBoundingClientRect().left - mark.getBoundingClientRect().right).to.equal(16);
        row.style.width = '200px';
        await settle(mark);
        expect(mark.variant).to.equal('monogram');
        expect(mark.getBoundingClientRect().width).to.equal(32);
        // Settled: no more switching, frame after frame.
        let switches = 0;
        const observer = new MutationObserver(() => switches++);
        observer.observe(mark, { attributes: true, attributeFilter: ['variant'] });
        for (let frame = 0; frame < 10; frame++) await nextFrame();
        observer.disconnect();
        expect(switches).to.equal(0);
        expect(errors.errors).to.deep.equal([]);
      } finally {
        errors.stop();
      }
    });
  });

  it('chooses afresh, with no band, when shown after waiting under a display: none (a menu drawer, a tab)', async () => {
    // Hidden, the width it read was the one it asked for (the wordmark's 160 px), and that choice
    // held: shown in 150 px, the wordmark stayed, scaled down, where the monogram fits whole.
    const drawer = await fixture<HTMLDivElement>(`<div style="width: 150px; display: none"><drop-mark name="Nova" ${srcs} ${height}></drop-mark></div>`);
    const mark = drawer.querySelector('drop-mark') as MarkLike;
    await settle(mark);
    drawer.style.display = 'block';
    await settle(mark);
    expect(mark.variant).to.equal('monogram');
    expect(mark.getBoundingClientRect().width).to.equal(48);
    // Shown, the band holds again: 150 → 158 px keeps the monogram (the wordmark needs 160).
    drawer.style.width = '158px';
    await settle(mark);
    expect(mark.variant).to.equal('monogram');
  });

  for (const width of ['160px', '10rem']) {
    it(`chooses afresh after a display: none also with a width the page gives it (${width})`, async () => {
      // Hidden, a page's width is read as written: its own mark's width, not a calc() that reads as
      // no number (as the mark's own width does in Chromium, WebKit and Firefox). The wordmark then
      // "fitted" and was held, scaled into 150 px, where the 48 px monogram fits whole.
      const drawer = await fixture<HTMLDivElement>(
        `<div style="width: 150px; display: none"><drop-mark name="Nova" ${srcs} style="--drop-mark-height: 40px; width: ${width}"></drop-mark></div>`,
      );
      const mark = drawer.querySelector('drop-mark') as MarkLike;
      await settle(mark);
      drawer.style.display = 'block';
      await settle(mark);
      expect(mark.variant).to.equal('monogram');
    });
  }

  it('gives up on a mark.json that does not answer within 10 s, with one warning, and shows the name', async () => {
    // It held the request open for good; a body that never ended grew in memory all the while.
    const id = `mark-hang-${Date.now()}-${Math.random().toString(36).slice(2)}`;
    const warnings = captureWarnings();
    try {
      const box = await fixture(`<div style="width: 600px"><drop-mark name="Nova" src="/__test/stock?id=${id}&delay=60000"></drop-mark></div>`);
      const mark = box.querySelector('drop-mark') as MarkLike;
      const given = () => warnings.messages.filter((m) => m.includes('could not load'));
      const deadline = performance.now() + 15_000;
      while (given().length === 0 && performance.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      expect(given()).to.deep.equal([
        `[dropkit] <drop-mark> could not load ${new URL(`/__test/stock?id=${id}&delay=60000`, location.href).href} (Error: no answer within 10 s); expected JSON {"name", "wordmark", "monogram", "glyph"}.`,
      ]);
      await settle(mark);
      expect(mark.getAttribute('aria-label')).to.equal('Nova');
    } finally {
      warnings.restore();
    }
  });

  it('refuses URLs that are neither https nor on this site, with one warning each', async () => {
    const warnings = captureWarnings();
    try {
      const box = await fixture(
        `<div style="width: 600px"><drop-mark name="Nova" src-wordmark="javascript:alert(1)" src-monogram="data:image/svg+xml,<svg/>" src-glyph="http://evil.example/g.svg"></drop-mark></div>`,
      );
      const mark = box.querySelector('drop-mark') as MarkLike;
      await settle(mark);
      expect(mark.shadowRoot!.querySelectorAll('img')).to.have.length(0);
      expect(mark.variant).to.equal(null);
      expect(warnings.messages.filter((m) => m.includes('is ignored'))).to.have.length(3);
    } finally {
      warnings.restore();
    }
  });

  it('takes its mark.json only from src: a framework setting mark.manifest changes nothing', async () => {
    // React 19 sets any property the element has; the checked mark.json must not be one.
    const forged = { name: 'Not Nova', variants: { wordmark: { url: 'http://evil.example/w.svg', dark: null, aspect: 4 } } };
    const box = await fixture(`<div style="width: 600px"></div>`);
    await customElements.whenDefined('drop-mark');
    const mark = document.createElement('drop-mark') as MarkLike & { manifest?: unknown };
    mark.setAttribute('src', `${media}/mark.json`);
    mark.style.setProperty('--drop-mark-height', '40px');
    mark.manifest = forged;
    box.append(mark);
    await manifestLoaded(mark);
    mark.manifest = forged;
    await settle(mark);
    expect(mark.getAttribute('aria-label')).to.equal('Nova Studio');
    const images = [...mark.shadowRoot!.querySelectorAll('img')].map((img) => new URL(img.src).pathname);
    expect(images).to.include(`${media}/wordmark.svg`);
    expect(images.some((path) => path.includes('evil') || path === '/w.svg')).to.equal(false);
  });

  it('keeps what it learnt to itself: a framework setting failed, aspects or slotted changes nothing', async () => {
    // React 19 and Vue set any property the element has: a marketplace spreading its own props
    // ({slotted: null}) onto the mark replaced what the mark had found out (a 4 px wordmark from a
    // made-up shape), and the next update threw ("Cannot convert undefined or null to object").
    const box = await fixture(`<div style="width: 400px"><drop-mark name="Nova Studio" ${srcs} ${height}></drop-mark></div>`);
    const mark = box.querySelector('drop-mark') as unknown as MarkLike & Record<string, unknown>;
    await settle(mark);
    const rejected: unknown[] = [];
    const onRejection = (event: PromiseRejectionEvent) => void rejected.push(event.reason);
    window.addEventListener('unhandledrejection', onRejection);
    try {
      mark.failed = new Set([new URL(`${media}/wordmark.svg`, location.href).href]);
      mark.aspects = { wordmark: 0.1 };
      mark.slotted = { wordmark: document.createElement('img') };
      mark.setAttribute('src-glyph', `${media}/glyph.svg?again`);
      await settle(mark);
      expect(mark.variant).to.equal('wordmark');
      expect(shownVariants(mark)).to.deep.equal(['wordmark']);
      expect(mark.getBoundingClientRect().width).to.equal(160);
      mark.failed = false;
      mark.aspects = null;
      mark.slotted = null;
      mark.setAttribute('src-glyph', `${media}/glyph.svg`);
      await settle(mark);
      expect(rejected.length).to.equal(0);
      expect(mark.variant).to.equal('wordmark');
    } finally {
      window.removeEventListener('unhandledrejection', onRejection);
    }
  });

  it('keeps showing the variant it chose when a page or framework sets variant (a design-system prop)', async () => {
    // variant="outline" is every design system's prop: React 19 sets it as the property, and the
    // mark showed no variant at all (its box the wordmark's, empty) until the next resize.
    const box = await fixture(`<div style="width: 400px"><drop-mark name="Nova Studio" ${srcs} ${height}></drop-mark></div>`);
    const mark = box.querySelector('drop-mark') as MarkLike;
    await settle(mark);
    expect(mark.variant).to.equal('wordmark');
    mark.variant = 'outline';
    await settle(mark);
    expect(shownVariants(mark)).to.deep.equal(['wordmark']);
    expect(mark.variant).to.equal('wordmark');
    mark.setAttribute('variant', 'glyph');
    await settle(mark);
    expect(shownVariants(mark)).to.deep.equal(['wordmark']);
    expect(mark.getAttribute('variant')).to.equal('wordmark');
  });

  it('is decorative, with one warning, when it has no name', async () => {
    const warnings = captureWarnings();
    try {
      const box = await fixture(`<div style="width: 600px"><drop-mark ${srcs}></drop-mark></div>`);
      const mark = box.querySelector('drop-mark') as MarkLike;
      await settle(mark);
      expect(mark.getAttribute('aria-hidden')).to.equal('true');
      expect(mark.hasAttribute('role')).to.equal(false);
      expect(warnings.messages.filter((m) => m.includes('has no name'))).to.have.length(1);
      await expectNoAxeViolations(box);
    } finally {
      warnings.restore();
    }
  });
});
