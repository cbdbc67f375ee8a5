import { expect } from '@esm-bundle/chai';
import { emulateMedia, executeServerCommand } from '@web/test-runner-commands';
import { cleanup, deepElements, fixture } from '../test-support/fixture.ts';
import { animationsSettled, waitFor } from '../test-support/wait.ts';
import { clipReady } from '../test-support/clip.ts';
import { expectNoAxeViolations } from '../test-support/axe.ts';

/**
 * What a screen reader gets: the accessibility tree Chromium computed for every element in its
 * states (the states of a11y-modes.browser.test.ts), read through the DevTools protocol
 * (test/support/ax-tree.mjs), on an English, a German and an Arabic (right-to-left) page. axe judges
 * the markup; this judges what the browser made of it: names, roles, disabled states, what is hidden.
 */

type AxNode = {
  role: string;
  name: string;
  description: string;
  ignored: boolean;
  properties: Record<string, unknown>;
  children: AxNode[];
};

type Updating = HTMLElement & { updateComplete: Promise<unknown>; playback?: string };

// --- the elements in their states (those of a11y-modes.browser.test.ts) ---------------------------

const future = '2031-12-05T18:00:00Z';
const buy = (text: string) => `<a href="https://buy.stripe.com/test_tee">${text}</a>`;
const uniqueId = () => `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;

type Lang = 'en' | 'de' | 'ar';
/** What the creator writes, in the page's language (the creator writes their own words). */
const creator = {
  en: { tee: 'Buy the tee', socks: 'Glow socks heavyweight', glow: 'Glow tee', drops: 'Drops 5 December', live: 'Live now', sold: 'Sold out', ended: 'Ended' },
  de: { tee: 'Das Shirt kaufen', socks: 'Leuchtsocken', glow: 'Leuchtshirt', drops: 'Drop am 5. Dezember', live: 'Jetzt live', sold: 'Ausverkauft', ended: 'Vorbei' },
  ar: { tee: 'اشترِ القميص', socks: 'جوارب مضيئة', glow: 'قميص مضيء', drops: 'الإطلاق في 5 ديسمبر', live: 'مباشر الآن', sold: 'نفدت الكمية', ended: 'انتهى' },
} satisfies Record<Lang, Record<string, string>>;

type Words = (typeof creator)[Lang];
/** What the reader must get in this state: problems found, as sentences. */
type Roles = (tree: AxNode, w: Words) => string[];
type Scene = { name: string; html: (w: Words) => string; ready?: (root: HTMLElement) => Promise<void>; roles: Roles };

const clipTag = (w: Words, attributes = '') =>
  `<drop-clip style="width: 100%; max-width: 360px" src="/__test/clip/video.webm?id=${uniqueId()}${attributes}" ratio="9/16">
    <drop-product at="0" x="60%" y="40%" price="24" currency="EUR"><img src="/test/media/clip/poster.png" alt="">${buy(w.glow)}</drop-product>
    <drop-product at="0" price="18" currency="EUR"><a href="https://shop.example/cart/123:1">${w.socks}</a></drop-product></drop-clip>`;


const markShown = async (root: HTMLElement) => {
  const shown = () => [...root.querySelector('drop-mark')!.shadowRoot!.querySelectorAll('img')].filter((img) => img.checkVisibility());
  await waitFor(() => shown().length > 0 && shown().every((img) => img.complete && img.naturalWidth > 0), 'the mark image');
};

// What each state must say, checked on the tree. `find` is every node that is not ignored.
const find = (tree: AxNode, role: string) => all(tree).filter((node) => !node.ignored && node.role === role);

const countdownScheduled: Roles = (tree) => {
  const problems: string[] = [];
  // The ticking text is a timer (silent by default); only the hidden announcer speaks, at milestones.
  if (find(tree, 'timer').length !== 1) problems.push('no timer for the remaining time');
  for (const node of all(tree)) {
    if (!node.ignored && ['polite', 'assertive'].includes(String(node.properties.live)) && !['status', 'alert', 'log'].includes(node.role)) {
      problems.push(`${node.role} "${node.name}" is a live region: the ticking would be read out`);
    }
  }
  return problems;
};

/** The state in words, as text the reader reaches (not only a colour or a disabled flag). */
const saysText = (pattern: RegExp, what: string): Roles => (tree) =>
  spoken(tree).some((text) => pattern.test(text)) ? [] : [`"${what}" is not text in the tree`];

/** A button that cannot be used: exposed as disabled, with the reason in its name or description. */
const disabledWithReason: Roles = (tree) => {
  const links = interactive(tree);
  if (links.length !== 1) return [`expected the one buy button, found ${links.length}`];
  const [link] = links as [AxNode];
  const problems: string[] = [];
  if (link.properties.disabled !== true) problems.push(`${link.role} "${link.name}" is not exposed as disabled`);
  if (`${link.name}${link.description}`.trim() === '') problems.push('the disabled button gives no reason');
  return problems;
};

const buyButton = (price: RegExp | null): Roles => (tree, w) => {
  const links = interactive(tree);
  if (links.length !== 1) return [`expected the one buy button, found ${links.length}`];
  const [link] = links as [AxNode];
  const problems: string[] = [];
  if (!link.name.startsWith(w.tee)) problems.push(`buy button "${link.name}" does not start with what is bought ("${w.tee}")`);
  if (price && !price.test(link.name)) problems.push(`buy button "${link.name}" does not say the price ${price}`);
  // The separator drawn before the price is decoration, not a word.
  if (/[·•|]/.test(link.name)) problems.push(`buy button "${link.name}" reads its separator out`);
  if (link.properties.disabled === true) problems.push('the live buy button is exposed as disabled');
  return problems;
};

const mark: Roles = (tree) => {
  const images = find(tree, 'image');
  return images.length === 1 && images[0]!.name === 'Nova Studio' ? [] : [`expected one image "Nova Studio", found ${images.map((i) => `"${i.name}"`).join(', ') || 'none'}`];
};

const clip = (ended: boolean, failed: boolean): Roles => (tree) => {
  const problems: string[] = [];
  const groups = find(tree, 'group');
  if (!groups.some((group) => group.name !== '')) problems.push('the clip is not a named group');
  const lists = find(tree, 'list');
  const named = lists.filter((list) => list.name !== '' || find(list, 'listitem').length > 0);
  if (named.length === 0) problems.push('the products are not a list');
  // Every product is in a list or a named group, each a link named with the product.
  for (const list of lists) {
    const inNamedGroup = groups.some((group) => group.name !== '' && group.children.includes(list));
    if (list.name === '' && !inNamedGroup) problems.push('a product list without a name');
  }
  if (!failed) {
    const buttons = find(tree, 'button');
    const mute = buttons.find((button) => button.properties.pressed !== undefined);
    if (!mute) problems.push('the mute button does not say whether the sound is off (aria-pressed)');
    if (!ended && !buttons.some((button) => button.name !== '' && button !== mute)) problems.push('no named play button');
  }
  return problems;
};

const scenes: Scene[] = [
  {
    name: 'drop-countdown scheduled',
    html: (w) => `<drop-countdown at="${future}" now="2031-12-04T16:00:00Z" name="Winter drop" notify="https://notify.example/winter">${w.drops}</drop-countdown>`,
    roles: countdownScheduled,
  },
  { name: 'drop-countdown live', html: (w) => `<drop-countdown state="live">${w.live}</drop-countdown>`, roles: saysText(/./, 'live') },
  { name: 'drop-countdown sold out', html: (w) => `<drop-countdown state="sold-out">${w.sold}</drop-countdown>`, roles: (tree, w) => saysText(new RegExp(w.sold), w.sold)(tree, w) },
  { name: 'drop-countdown ended', html: (w) => `<drop-countdown state="ended">${w.ended}</drop-countdown>`, roles: saysText(/./, 'ended') },
  { name: 'drop-button live with a price', html: (w) => `<drop-button price="24" currency="EUR">${buy(w.tee)}</drop-button>`, roles: buyButton(/24[.,]00/) },
  {
    name: 'drop-button scheduled (Drops in …)',
    html: (w) =>
      `<drop-countdown id="ax-drop" at="${future}" now="2031-12-04T16:00:00Z">${w.drops}</drop-countdown><drop-button drop="ax-drop">${buy(w.tee)}</drop-button>`,
    roles: (tree, w) => [...countdownScheduled(tree, w), ...disabledWithReason(find(tree, 'link').find((l) => l.properties.disabled) ?? tree, w)],
  },
  { name: 'drop-button sold out', html: (w) => `<drop-button state="sold-out">${buy(w.tee)}</drop-button>`, roles: (tree, w) => [...disabledWithReason(tree, w), ...saysText(new RegExp(w.sold), w.sold)(tree, w)] },
  { name: 'drop-button ended', html: (w) => `<drop-button state="ended">${buy(w.tee)}</drop-button>`, roles: disabledWithReason },
  { name: 'drop-button unavailable (refused link)', html: (w) => `<drop-button><a href="http://shop.example/x">${w.tee}</a></drop-button>`, roles: disabledWithReason },
  {
    name: 'drop-button with a low-stock note',
    html: (w) => `<drop-button stock-src="/__test/stock?id=${uniqueId()}&available=2" stock-interval="1" low-stock="5">${buy(w.tee)}</drop-button>`,
    ready: async (root) => {
      await waitFor(() => (root.querySelector('drop-button')!.shadowRoot!.querySelector('[part="stock"]')?.textContent ?? '') !== '', 'the stock note', 8000);
    },
    roles: (tree, w) => [...buyButton(null)(tree, w), ...(find(tree, 'status').length === 1 ? [] : ['the low-stock note is not one status'])],
  },
  {
    name: 'drop-button with the mark as its icon',
    html: (w) =>
      `<drop-button price="24" currency="EUR"><drop-mark slot="mark" name="Nova Studio" src-glyph="/test/media/mark/glyph.svg"></drop-mark>${buy(w.tee)}</drop-button>`,
    ready: markShown,
    // The mark is the button's icon: the words are the label's, the mark is decoration.
    roles: (tree, w) => [
      ...buyButton(/24[.,]00/)(tree, w),
      ...(interactive(tree)[0]?.name.includes('Nova Studio') ? [`buy button "${interactive(tree)[0]!.name}" reads the icon's name`] : []),
      ...find(tree, 'image').map((image) => `the icon is an image "${image.name}" inside the button`),
    ],
  },
  {
    name: 'drop-mark',
    html: () => `<drop-mark name="Nova Studio" src-wordmark="/test/media/mark/wordmark.svg" src-glyph="/test/media/mark/glyph.svg"></drop-mark>`,
    ready: markShown,
    roles: mark,
  },
  {
    name: 'drop-mark showing its name (no image loaded)',
    html: () => `<drop-mark name="Nova Studio" src-wordmark="/test/media/mark/gone/wordmark.svg"></drop-mark>`,
    ready: (root) => waitFor(() => root.querySelector('drop-mark')!.shadowRoot!.querySelector('[part="name"]') !== null, 'the name'),
    roles: mark,
  },
  { name: 'drop-clip waiting for the visitor', html: (w) => clipTag(w), ready: clipReady('ready'), roles: clip(false, false) },
  { name: 'drop-clip end screen', html: (w) => clipTag(w), ready: clipReady('ended', true), roles: clip(true, false) },
  { name: 'drop-clip whose video failed', html: (w) => clipTag(w, '&status=404'), ready: clipReady('error'), roles: clip(false, true) },
];

// --- reading the tree ---------------------------------------------------------------------------

let mounted = 0;

async function mount(scene: Scene, lang: Lang): Promise<{ root: HTMLElement; tree: AxNode }> {
  const id = `ax-${++mounted}`;
  const root = await fixture<HTMLElement>(`<div data-ax="${id}" lang="${lang}" dir="${lang === 'ar' ? 'rtl' : 'ltr'}">${scene.html(creator[lang])}</div>`);
  await scene.ready?.(root);
  await waitForWords(root);
  await animationsSettled();
  return { root, tree: await readTree(root) };
}

async function readTree(root: HTMLElement): Promise<AxNode> {
  for (const element of deepElements(root)) await (element as Partial<Updating>).updateComplete;
  // The tree is computed in a frame after the DOM changed.
  await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
  return executeServerCommand<AxNode, { selector: string }>('ax-tree', { selector: `[data-ax="${root.dataset.ax}"]` });
}

/** The elements show the creator's text until their words have come: wait for a shadow root of their own. */
const waitForWords = (root: HTMLElement) =>
  waitFor(
    () =>
      [...root.querySelectorAll('drop-countdown, drop-button, drop-clip')].every((host) =>
        host.shadowRoot!.querySelector('[part]') !== null,
      ),
    'the elements in their own words',
    8000,
  );

/** Every node, each with the ignored/hidden ancestors above it. */
function walk(node: AxNode, visit: (node: AxNode, ancestors: AxNode[]) => void, ancestors: AxNode[] = []) {
  visit(node, ancestors);
  for (const child of node.children) walk(child, visit, [...ancestors, node]);
}

const all = (tree: AxNode) => {
  const nodes: AxNode[] = [];
  walk(tree, (node) => nodes.push(node));
  return nodes;
};

/** The tree as lines, for failure messages: what a reader would step through. */
const dump = (tree: AxNode) => {
  const lines: string[] = [];
  walk(tree, (node, ancestors) => {
    if (node.ignored || (node.role === 'generic' && !node.name) || node.role === 'none') return;
    const flags = Object.entries(node.properties)
      .filter(([key, value]) => ['disabled', 'live', 'pressed', 'focusable', 'hidden'].includes(key) && value !== undefined && value !== false)
      .map(([key, value]) => `${key}=${value}`);
    lines.push(`${'  '.repeat(ancestors.length)}${node.role} "${node.name}"${node.description ? ` desc="${node.description}"` : ''} ${flags.join(' ')}`);
  });
  return lines.join('\n');
};

/** Text a reader reads: static text and names of the nodes that are not ignored, in order. */
const spoken = (tree: AxNode) =>
  all(tree)
    .filter((node) => !node.ignored && node.role === 'StaticText')
    .map((node) => node.name.trim())
    .filter(Boolean);

const interactive = (tree: AxNode) => all(tree).filter((node) => !node.ignored && ['link', 'button', 'checkbox', 'switch'].includes(node.role));

/** English words the elements say themselves; none of them may reach a German page. */
const ENGLISH = [
  'Live now', 'This drop has ended', 'Sold out', 'Add to calendar', 'Google Calendar', 'Notify me', 'your time',
  'Drops in', 'Coming soon', 'Drop ended', 'Checkout unavailable', 'Buy', 'Only', 'left', 'Product clip', 'Play',
  'Pause', 'Mute', 'Captions', 'Watch again', 'Products in', 'undefined', 'null',
];

/** What a reader must never read: raw data instead of words. */
const RAW = [/\d{4}-\d{2}-\d{2}T/, /https?:\/\//, /\bundefined\b/, /\bnull\b/, /\[object /, /\bNaN\b/, /\{\w+\}/];

/** "Buy Buy now": a word read twice in a row. */
const doubled = (name: string) => /(^|\s)(\p{L}{2,})\s+\2(\s|$)/iu.test(name);

// --- two drops on one page ---------------------------------------------------------------------

/** The countdown's visible words on each page, as its language files have them (i18n/*.ts). */
const countdownWords = {
  en: { add: 'Add to calendar', google: 'Google Calendar', notify: 'Notify me' },
  de: { add: 'Zum Kalender hinzufügen', google: 'Google Kalender', notify: 'Erinnere mich' },
  ar: { add: 'أضف إلى التقويم', google: 'تقويم Google', notify: 'ذكّرني' },
  ja: { add: 'カレンダーに追加', google: 'Google カレンダー', notify: '通知を受け取る' },
};
/** Drop names as creators write them, one in the page's script, one not. */
const dropNames = { en: ['Winter hoodie', 'Glow socks'], de: ['Winterhoodie', 'Glow socks'], ar: ['هودي الشتاء', 'Glow socks'], ja: ['冬のパーカー', 'Glow socks'] };

const threeDrops = (names: string[]) =>
  [...names, null]
    .map(
      (name) =>
        `<drop-countdown at="${future}" now="2031-12-04T16:00:00Z" notify="https://notify.example/drop"${name === null ? '' : ` name="${name}"`}>5 December</drop-countdown>`,
    )
    .join('');

// --- the checks ---------------------------------------------------------------------------------

describe('two drops on one page: each "Add to calendar" says which drop', () => {
  afterEach(cleanup);

  for (const lang of ['en', 'de', 'ar', 'ja'] as const) {
    it(`${lang}: the calendar and notify controls are named with their visible words first, then the drop's name; without a name, the words alone`, async () => {
      const words = countdownWords[lang];
      const [first, second] = dropNames[lang];
      const root = await fixture<HTMLElement>(
        `<div data-ax="ax-${++mounted}" lang="${lang}" dir="${lang === 'ar' ? 'rtl' : 'ltr'}">${threeDrops([first!, second!])}</div>`,
      );
      await waitForWords(root);
      await animationsSettled();
      const tree = await readTree(root);
      const names = (role: string, start: string) => interactive(tree).filter((node) => node.role === role && node.name.startsWith(start)).map((node) => node.name);
      // Visible words first (WCAG 2.5.3), then the name, in reading order whatever the direction.
      expect(names('button', words.add), dump(tree)).to.deep.equal([`${words.add}: ${first}`, `${words.add}: ${second}`, words.add]);
      expect(names('link', words.google), dump(tree)).to.deep.equal([`${words.google}: ${first}`, `${words.google}: ${second}`, words.google]);
      expect(names('link', words.notify), dump(tree)).to.deep.equal([`${words.notify}: ${first}`, `${words.notify}: ${second}`, words.notify]);
      // What the names start with is what the page shows.
      const shown = [...root.querySelectorAll('drop-countdown')].map((host) => host.shadowRoot!.querySelector('[part="calendar-button"]')!.textContent);
      expect(shown).to.deep.equal([words.add, words.add, words.add]);
      await expectNoAxeViolations(root);
    });
  }

  it('a name written as markup is read as those characters, never made into elements', async () => {
    const hostile = `<img src=x onerror="window.__named=1">Hoodie`;
    const root = await fixture<HTMLElement>(`<div data-ax="ax-${++mounted}" lang="en"><drop-countdown at="${future}" now="2031-12-04T16:00:00Z"></drop-countdown></div>`);
    const countdown = root.querySelector('drop-countdown')! as HTMLElement & { name: string | null };
    countdown.name = hostile;
    await waitForWords(root);
    const tree = await readTree(root);
    expect(find(tree, 'button').map((node) => node.name), dump(tree)).to.deep.equal([`Add to calendar: ${hostile}`]);
    expect(countdown.shadowRoot!.querySelector('img'), 'an element made from the name').to.equal(null);
    expect((window as { __named?: number }).__named).to.equal(undefined);
  });
});


describe('the accessibility tree (what a screen reader gets)', () => {
  before(() => emulateMedia({ reducedMotion: 'reduce' }));
  afterEach(cleanup);
  after(() => emulateMedia({ reducedMotion: 'no-preference' }));

  for (const lang of ['en', 'de', 'ar'] as const) {
    for (const scene of scenes) {
      it(`${lang}: ${scene.name}: every link and button has a name, once, in words of the page's language`, async () => {
        const { tree } = await mount(scene, lang);
        const problems: string[] = [];
        const controls = interactive(tree);
        for (const control of controls) {
          const said = `${control.role} "${control.name}"`;
          if (control.name.trim() === '') problems.push(`${control.role} without a name`);
          if (doubled(control.name)) problems.push(`${said}: a word read twice`);
          for (const raw of RAW) if (raw.test(control.name) || raw.test(control.description)) problems.push(`${said}: raw data ${raw}`);
          if (lang === 'de') {
            for (const word of ENGLISH) if (new RegExp(`\\b${word}\\b`).test(`${control.name} ${control.description}`)) problems.push(`${said}: English "${word}"`);
          }
        }
        for (const text of spoken(tree)) {
          for (const raw of RAW) if (raw.test(text)) problems.push(`text "${text}": raw data ${raw}`);
          if (lang === 'de') for (const word of ENGLISH) if (new RegExp(`\\b${word}\\b`).test(text)) problems.push(`text "${text}": English "${word}"`);
        }
        expect(problems, dump(tree)).to.deep.equal([]);
      });

      it(`${lang}: ${scene.name}: roles and states say what it is`, async () => {
        const { tree } = await mount(scene, lang);
        expect(scene.roles(tree, creator[lang]), dump(tree)).to.deep.equal([]);
      });

      it(`${lang}: ${scene.name}: nothing focusable is hidden from the reader, and nothing is read twice`, async () => {
        const { root, tree } = await mount(scene, lang);
        const problems: string[] = [];
        walk(tree, (node, ancestors) => {
          if (node.properties.focusable === true && (node.ignored || ancestors.some((a) => a.ignored && a.properties.hidden === true))) {
            problems.push(`focusable ${node.role} "${node.name}" hidden from the tree`);
          }
        });
        // The same check in the DOM, where the tree leaves hidden nodes out altogether.
        for (const element of deepElements(root)) {
          if (!(element instanceof HTMLElement) || !element.matches('a[href], button, input, [tabindex]') || element.tabIndex < 0) continue;
          if (!element.checkVisibility()) continue;
          for (let node: Element | null = element; node; node = node.assignedSlot ?? node.parentElement ?? ((node.getRootNode() as ShadowRoot).host ?? null)) {
            if (node.getAttribute('aria-hidden') === 'true') problems.push(`${element.localName} "${element.textContent!.trim()}" focusable inside aria-hidden ${node.localName}`);
          }
        }
        // The creator's fallback read again beside the element's own words. A clip's products are in
        // two lists on purpose (the moment's cards, and the list of every product for readers that
        // do not watch), so a text counts once per list. A countdown's timer counts on its own too: a
        // button waiting for it says the same time in words in its name, since Tab reaches the button
        // without passing the timer ("يوم وساعتان", then "يبدأ بعد يوم وساعتان").
        const seen = new Set<string>();
        const lists = new Map<AxNode, number>();
        walk(tree, (node, ancestors) => {
          const text = node.name.trim();
          if (node.ignored || node.role !== 'StaticText' || text.length <= 3) return;
          const list = ancestors.findLast((a) => a.role === 'list' || a.role === 'timer');
          if (list && !lists.has(list)) lists.set(list, lists.size + 1);
          const key = `${list ? lists.get(list) : 0}:${text}`;
          if (seen.has(key)) problems.push(`"${text}" read twice`);
          seen.add(key);
        });
        expect(problems, dump(tree)).to.deep.equal([]);
      });
    }
  }
});
