/**
 * The clip's own words carry the language they are in. On a page dropkit has no words for
 * (`lang="fi"`) its controls, the names of its groups and lists, its prices and its cards' buy
 * buttons are English, and a screen reader reading "Mute" or "Product clip" with the page's Finnish
 * voice mangles them: each is the text of an element marked `lang="en"` (a control's own `lang`,
 * or a hidden element with `lang` that names a group through aria-labelledby). The creator's
 * products and label keep the page's language. On a page whose words dropkit has, nothing is marked.
 */
import { expect } from '@esm-bundle/chai';
import { emulateMedia, executeServerCommand } from '@web/test-runner-commands';
import { cleanup, fixture } from '../test-support/fixture.ts';
import { expectNoAxeViolations } from '../test-support/axe.ts';
import { langOf, shadowLangs, textNode } from '../test-support/lang.ts';
import { clipReady, seek, type ClipLike } from '../test-support/clip.ts';
import { waitFor } from '../test-support/wait.ts';
import { captureWarnings } from '../test-support/warnings.ts';

type AxNode = { role: string; name: string; ignored: boolean; children: AxNode[] };

const part = (el: Element, name: string) => el.shadowRoot?.querySelector<HTMLElement>(`[part~="${name}"]`) ?? null;
const text = (el: Element | null) => el?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
/** The element that names `element` through aria-labelledby. */
const namer = (element: Element) => (element.getRootNode() as ShadowRoot).getElementById(element.getAttribute('aria-labelledby') ?? '');
let mounted = 0;

/** A clip following a live drop (its cards are buy buttons), with captions and a priced product, at 0.6 s. */
async function clipAt(lang: string | null, label = '') {
  const id = `clip-lang-${++mounted}-${Date.now()}`;
  const wrapper = await fixture(`<div ${lang === null ? '' : `lang="${lang}"`}>
    <drop-countdown id="${id}" at="2026-12-05T18:00:00Z" now="2026-12-05T18:30:00Z"></drop-countdown>
    <drop-clip data-ax="${id}" drop="${id}" ${label} style="width: 240px" src="/__test/clip/video.webm?id=${id}" poster="/test/media/clip/poster.png" ratio="9/16">
      <track kind="captions" src="/test/media/clip/captions.vtt" srclang="fi" label="Suomi">
      <drop-product at="0.5" until="1.5" price="24" currency="EUR"><a href="https://buy.stripe.com/test_tee">Hohtopaita</a></drop-product>
    </drop-clip>
  </div>`);
  const clip = wrapper.querySelector<ClipLike>('drop-clip')!;
  await seek(clip, 0.6);
  await waitFor(() => part(clip, 'cards') !== null && part(clip, 'card-button')?.shadowRoot?.querySelector('[part="label"]') != null, 'the timed card and its button');
  return { wrapper, clip, id };
}

/** The accessible names Chromium gives the clip's groups and buttons (test/support/ax-tree.mjs). */
async function axNames(id: string): Promise<string[]> {
  await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
  const tree = await executeServerCommand<AxNode, { selector: string }>('ax-tree', { selector: `[data-ax="${id}"]` });
  const names: string[] = [];
  const visit = (node: AxNode) => {
    if (!node.ignored && ['group', 'list', 'button'].includes(node.role)) names.push(`${node.role} ${node.name}`);
    node.children.forEach(visit);
  };
  visit(tree);
  return names;
}

describe('<drop-clip> marks the language of its own words', () => {
  beforeEach(() => emulateMedia({ reducedMotion: 'reduce' }));
  afterEach(async () => {
    cleanup();
    await emulateMedia({ reducedMotion: 'no-preference' });
  });

  it('on a Finnish page (English words): the controls, the group names, the prices and the buy button are lang="en"', async () => {
    const warnings = captureWarnings();
    try {
      const { wrapper, clip, id } = await clipAt('fi');
      for (const name of ['play-pause', 'mute', 'captions', 'play-overlay']) expect(langOf(part(clip, name)!), name).to.equal('en');
      expect(part(clip, 'mute')!.getAttribute('aria-label')).to.equal('Mute');
      // The groups holding the creator's products are named by an element with the words' lang.
      for (const name of ['base', 'cards']) {
        expect(namer(part(clip, name)!), name).to.not.equal(null);
        expect(langOf(namer(part(clip, name)!)!), name).to.equal('en');
      }
      expect(langOf(textNode(part(clip, 'list')!, 'Products in this clip'))).to.equal('en');
      expect(langOf(part(clip, 'card-price')!)).to.equal('en');
      // The card's buy button says its own word, marked by the button.
      const buy = part(clip, 'card-button')!;
      expect(text(part(buy, 'label'))).to.equal('Buy');
      expect(langOf(textNode(buy.shadowRoot!, 'Buy'))).to.equal('en');
      const names = await axNames(id);
      for (const name of ['group Product clip', 'list Products in this moment', 'list Products in this clip', 'button Mute', 'button Captions', 'button Play clip']) {
        expect(names).to.include(name);
      }
      await expectNoAxeViolations(wrapper);
    } finally {
      warnings.restore();
    }
  });

  it("on a Finnish page the creator's products and label keep the page's language", async () => {
    const warnings = captureWarnings();
    try {
      const { clip, id } = await clipAt('fi', 'label="Talven paidat"');
      for (const where of ['cards', 'list']) {
        expect(langOf(textNode(part(clip, where)!, 'Hohtopaita')), where).to.equal('fi');
      }
      expect(langOf(namer(part(clip, 'base')!)!)).to.equal('fi');
      expect(await axNames(id)).to.include('group Talven paidat');
      // Nothing that holds the creator's products carries a lang of its own.
      for (const name of ['base', 'stage', 'cards', 'card', 'list']) expect(part(clip, name)!.hasAttribute('lang'), name).to.equal(false);
    } finally {
      warnings.restore();
    }
  });

  it('on a Finnish page the end carousel is named and its "Watch again" said in English', async () => {
    const warnings = captureWarnings();
    try {
      const { wrapper } = await clipAt('fi');
      await clipReady('ended', true)(wrapper);
      const clip = wrapper.querySelector('drop-clip')!;
      expect(langOf(namer(part(clip, 'carousel')!)!)).to.equal('en');
      expect(text(namer(part(clip, 'carousel')!))).to.equal('All products in this clip');
      expect(langOf(part(clip, 'replay')!)).to.equal('en');
      expect(langOf(textNode(part(clip, 'carousel')!, 'Hohtopaita'))).to.equal('fi');
      await expectNoAxeViolations(wrapper);
    } finally {
      warnings.restore();
    }
  });

  it('on a German page (German words) nothing is marked, its card buttons included', async () => {
    const { clip, id } = await clipAt('de');
    expect(part(clip, 'mute')!.getAttribute('aria-label')).to.equal('Stummschalten');
    expect(text(part(part(clip, 'card-button')!, 'label'))).to.equal('Kaufen');
    expect(shadowLangs(clip)).to.deep.equal([]);
    expect(await axNames(id)).to.include('group Produktvideo');
  });
});

describe('<drop-clip> marks its words where the page gives its text no language they are in', () => {
  beforeEach(() => emulateMedia({ reducedMotion: 'reduce' }));
  afterEach(async () => {
    cleanup();
    document.documentElement.setAttribute('lang', 'en');
    await emulateMedia({ reducedMotion: 'no-preference' });
  });

  /** dropkit's words carry `expected` (its card's buy button too); the creator's products keep `page`. */
  function expectMarked(clip: Element, expected: string, page: string) {
    for (const name of ['play-pause', 'mute', 'play-overlay']) expect(langOf(part(clip, name)!), name).to.equal(expected);
    expect(langOf(namer(part(clip, 'cards')!)!)).to.equal(expected);
    expect(langOf(part(clip, 'card-price')!)).to.equal(expected);
    const buy = part(clip, 'card-button')!;
    expect(langOf(textNode(buy.shadowRoot!, text(part(buy, 'label'))))).to.equal(expected);
    for (const where of ['cards', 'list']) expect(langOf(textNode(part(clip, where)!, 'Hohtopaita')), where).to.equal(page);
    for (const name of ['base', 'stage', 'cards', 'card', 'list']) expect(part(clip, name)!.hasAttribute('lang'), name).to.equal(false);
  }

  it("a page with no lang: the browser's language, marked", async () => {
    document.documentElement.removeAttribute('lang');
    const { clip } = await clipAt(null);
    expectMarked(clip, navigator.language, '');
  });

  it('inside lang="" (an unknown language) on an English page: the browser\'s language, marked', async () => {
    // A plain comparison with the locale (the browser's, for lang="") left these unmarked.
    const { clip } = await clipAt('');
    expectMarked(clip, navigator.language, '');
  });

  it('lang="und" (undetermined) and its kin zxx and mul: read as lang="" is, the browser\'s language for words and prices alike, marked, no warning', async () => {
    const browserPrice = new Intl.NumberFormat(navigator.language, { style: 'currency', currency: 'EUR' }).format(24);
    for (const lang of ['und', 'und-DE', 'zxx', 'mul']) {
      const warnings = captureWarnings();
      try {
        const { clip } = await clipAt(lang);
        expect(part(clip, 'mute')!.getAttribute('aria-label'), lang).to.equal('Mute');
        expect(text(part(clip, 'card-price')), lang).to.equal(browserPrice);
        expectMarked(clip, navigator.language, lang);
        expect(warnings.messages, lang).to.deep.equal([]);
      } finally {
        warnings.restore();
        // One playing clip at a time.
        cleanup();
      }
    }
  });

  it('a lang="de_DE" page: German words, marked lang="de-DE", the tag a screen reader reads', async () => {
    const warnings = captureWarnings();
    try {
      const { clip } = await clipAt('de_DE');
      expect(part(clip, 'mute')!.getAttribute('aria-label')).to.equal('Stummschalten');
      expect(text(part(part(clip, 'card-button')!, 'label'))).to.equal('Kaufen');
      expectMarked(clip, 'de-DE', 'de_DE');
    } finally {
      warnings.restore();
    }
  });
});
