import { expect } from '@esm-bundle/chai';
import { emulateMedia, executeServerCommand, sendKeys, setViewport } from '@web/test-runner-commands';
import { cleanup, deepElements, fixture } from '../test-support/fixture.ts';
import { animationsSettled, waitFor } from '../test-support/wait.ts';
import { expectNoAxeViolations } from '../test-support/axe.ts';
import { clipReady } from '../test-support/clip.ts';

/**
 * What axe cannot see, checked in real Chromium for every element in its states: Windows High
 * Contrast (forced colours), reflow at 320 px, the WCAG text-spacing overrides, a visible focus
 * indicator on light and dark pages, and 24 px targets. Runs against the sources and both built
 * bundles; talks to the elements through the DOM only.
 *
 * Each check walks every open shadow root (a clip's cards hold drop-buttons with their own), so a
 * control added later is checked without a line here.
 */

type Updating = HTMLElement & { updateComplete: Promise<unknown>; playback?: string };

// --- the elements in their states -------------------------------------------------------------

const future = '2031-12-05T18:00:00Z';
const buy = (text = 'Buy the tee') => `<a href="https://buy.stripe.com/test_tee">${text}</a>`;
const clipProducts = `
  <drop-product at="0" x="60%" y="40%" price="24" currency="EUR"><img src="/test/media/clip/poster.png" alt="">${buy('Glow tee')}</drop-product>
  <drop-product at="0" price="18" currency="EUR"><a href="https://shop.example/cart/123:1">Glow socks heavyweight</a></drop-product>`;
const uniqueId = () => `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
const clipTag = (attributes: string) =>
  `<drop-clip style="width: 100%; max-width: 360px" src="/__test/clip/video.webm?id=${uniqueId()}" ratio="9/16" ${attributes}>${clipProducts}</drop-clip>`;

type Scene = { name: string; html: string; ready?: (root: HTMLElement) => Promise<void> };


const scenes: Scene[] = [
  {
    name: 'drop-countdown scheduled (calendar, Google, Notify me)',
    html: `<drop-countdown at="${future}" now="2031-12-04T16:00:00Z" name="Winter drop" notify="https://notify.example/winter">Drops 5 December</drop-countdown>`,
  },
  { name: 'drop-countdown live', html: `<drop-countdown state="live">Live now</drop-countdown>` },
  { name: 'drop-countdown sold out', html: `<drop-countdown state="sold-out">Sold out</drop-countdown>` },
  { name: 'drop-countdown ended', html: `<drop-countdown state="ended">Ended</drop-countdown>` },
  { name: 'drop-button live with a price', html: `<drop-button price="24" currency="EUR">${buy()}</drop-button>` },
  {
    name: 'drop-button scheduled (Drops in …)',
    html: `<drop-countdown id="a11y-drop" at="${future}" now="2031-12-04T16:00:00Z">Drops 5 December</drop-countdown><drop-button drop="a11y-drop">${buy()}</drop-button>`,
  },
  { name: 'drop-button sold out', html: `<drop-button state="sold-out">${buy()}</drop-button>` },
  { name: 'drop-button ended', html: `<drop-button state="ended">${buy()}</drop-button>` },
  { name: 'drop-button unavailable (refused link)', html: `<drop-button><a href="http://shop.example/x">Buy the tee</a></drop-button>` },
  {
    name: 'drop-button with a low-stock note',
    html: `<drop-button stock-src="/__test/stock?id=${uniqueId()}&available=2" stock-interval="1" low-stock="5">${buy()}</drop-button>`,
    ready: async (root) => {
      await waitFor(() => (root.querySelector('drop-button')!.shadowRoot!.querySelector('[part="stock"]')?.textContent ?? '') !== '', 'the stock note', 8000);
    },
  },
  {
    name: 'drop-mark',
    html: `<drop-mark name="Nova Studio" src-wordmark="/test/media/mark/wordmark.svg" src-glyph="/test/media/mark/glyph.svg"></drop-mark>`,
    ready: async (root) => {
      const shown = () => [...root.querySelector('drop-mark')!.shadowRoot!.querySelectorAll('img')].filter((img) => img.checkVisibility());
      await waitFor(() => shown().length > 0 && shown().every((img) => img.complete && img.naturalWidth > 0), 'the mark image');
    },
  },
  {
    name: 'drop-mark showing its name (no image loaded)',
    html: `<drop-mark name="Nova Studio" src-wordmark="/test/media/mark/gone/wordmark.svg"></drop-mark>`,
    // The name replaces the image once the browser has said it did not load.
    ready: (root) => waitFor(() => root.querySelector('drop-mark')!.shadowRoot!.querySelector('[part="name"]') !== null, 'the name'),
  },
  { name: 'drop-clip waiting for the visitor (cards, play button)', html: clipTag(''), ready: clipReady('ready') },
  { name: 'drop-clip end screen', html: clipTag(''), ready: clipReady('ended', true) },
  { name: 'drop-clip whose video failed (the list shows)', html: clipTag('').replace('video.webm?', 'video.webm?status=404&'), ready: clipReady('error') },
];

// --- walking the composed tree ------------------------------------------------------------------

/** The parent a box is laid out in: through slots and out of shadow roots. */
function composedParent(element: Element): Element | null {
  return element.assignedSlot ?? element.parentElement ?? ((element.getRootNode() as ShadowRoot).host ?? null);
}

/** Drawn with a size, and not inside a box shrunk to a pixel for screen readers only. */
const isShown = (element: Element) => {
  const box = element.getBoundingClientRect();
  return (
    box.width > 0 &&
    box.height > 0 &&
    getComputedStyle(element).visibility === 'visible' &&
    !clippingAncestors(element).some((ancestor) => ancestor.getBoundingClientRect().width <= 1)
  );
};

/** Links and buttons the elements draw (not the creator's light-DOM fallback they replace). */
function controls(root: ParentNode): HTMLElement[] {
  return deepElements(root).filter(
    (element): element is HTMLElement =>
      element.getRootNode() instanceof ShadowRoot && element.matches('a[href], button, [tabindex]') && isShown(element),
  );
}

/** What Tab should reach: every link and button the elements draw, shown or shown once focused. */
const tabbable = (root: ParentNode) =>
  deepElements(root).filter(
    (element): element is HTMLElement =>
      element instanceof HTMLElement &&
      element.getRootNode() instanceof ShadowRoot &&
      element.matches('a[href], button:not([disabled]), [tabindex]') &&
      element.tabIndex >= 0 &&
      element.checkVisibility(),
  );

const label = (element: Element) =>
  `${(element.getRootNode() as ShadowRoot).host?.localName ?? 'page'} ${element.localName}[part="${element.getAttribute('part') ?? ''}"] "${(
    element.getAttribute('aria-label') ?? element.textContent ?? ''
  )
    .replace(/\s+/g, ' ')
    .trim()}"`;

// --- colour ---------------------------------------------------------------------------------------

type Rgba = [number, number, number, number];

function parseColor(value: string): Rgba {
  // Computed colours come back as rgb()/rgba(); light-dark() and friends are resolved by then.
  const probe = document.createElement('i');
  // Forced colours would replace the probe's own colour: it must show the one it was given.
  probe.style.cssText = 'forced-color-adjust: none';
  probe.style.color = value;
  document.body.append(probe);
  const resolved = getComputedStyle(probe).color;
  probe.remove();
  const numbers = resolved.match(/[\d.]+/g)!.map(Number);
  return [numbers[0]!, numbers[1]!, numbers[2]!, numbers[3] ?? 1];
}

const over = (top: Rgba, below: Rgba): Rgba => {
  const a = top[3];
  return [top[0] * a + below[0] * (1 - a), top[1] * a + below[1] * (1 - a), top[2] * a + below[2] * (1 - a), 1];
};

/** The colour behind an element: its and its ancestors' backgrounds, composited onto the page's. */
function backgroundBehind(element: Element | null, includeSelf = true): Rgba {
  const layers: Rgba[] = [];
  for (let node = includeSelf ? element : element && composedParent(element); node; node = composedParent(node)) {
    layers.push(parseColor(getComputedStyle(node).backgroundColor));
  }
  let colour: Rgba = parseColor(getComputedStyle(document.documentElement).backgroundColor);
  if (colour[3] === 0) colour = matchMedia('(forced-colors: active)').matches ? parseColor('Canvas') : [255, 255, 255, 1];
  for (const layer of layers.reverse()) colour = over(layer, colour);
  return colour;
}

const luminance = ([r, g, b]: Rgba) => {
  const channel = (c: number) => ((c /= 255) <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
  return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
};

function contrast(a: Rgba, b: Rgba): number {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (light + 0.05) / (dark + 0.05);
}

// --- boxes --------------------------------------------------------------------------------------

const overlapArea = (a: DOMRect, b: DOMRect) =>
  Math.max(0, Math.min(a.right, b.right) - Math.max(a.left, b.left)) * Math.max(0, Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top));

/** Ancestors (through shadow roots) that cut off what sticks out of them. */
function clippingAncestors(element: Element): Element[] {
  const found: Element[] = [];
  for (let node = composedParent(element); node && node !== document.documentElement && node !== document.body; node = composedParent(node)) {
    const style = getComputedStyle(node);
    if (style.overflowX !== 'visible' || style.overflowY !== 'visible' || style.clipPath !== 'none') found.push(node);
  }
  return found;
}

/**
 * Text that the browser had to cut: wider or taller than a box of its own that clips, or (its own
 * box or, when that lets it overflow, its text) outside an ancestor that clips.
 */
function cutText(root: ParentNode): string[] {
  return deepElements(root)
    .filter((element) => element.getRootNode() instanceof ShadowRoot && isShown(element))
    .filter((element) => [...element.childNodes].some((node) => node.nodeType === Node.TEXT_NODE && node.textContent!.trim() !== ''))
    .filter((element) => {
      const style = getComputedStyle(element);
      const clips = style.overflowX !== 'visible' || style.overflowY !== 'visible';
      if (clips && (element.scrollWidth > element.clientWidth + 1 || element.scrollHeight > element.clientHeight + 1)) return true;
      const range = document.createRange();
      range.selectNodeContents(element);
      const text = clips ? element.getBoundingClientRect() : range.getBoundingClientRect();
      return clippingAncestors(element).some((ancestor) => {
        const box = ancestor.getBoundingClientRect();
        return text.left < box.left - 1 || text.right > box.right + 1 || text.top < box.top - 1 || text.bottom > box.bottom + 1;
      });
    })
    .map((element) => `${label(element)} (${element.scrollWidth}x${element.scrollHeight} in ${element.clientWidth}x${element.clientHeight})`);
}

/** Pieces of text from different parts drawn over each other. */
function overlappingText(root: ParentNode): string[] {
  const pieces = deepElements(root)
    .filter((element) => element.getRootNode() instanceof ShadowRoot && isShown(element))
    .flatMap((element) =>
      [...element.childNodes]
        .filter((node) => node.nodeType === Node.TEXT_NODE && node.textContent!.trim() !== '')
        .flatMap((node) => {
          const range = document.createRange();
          range.selectNodeContents(node);
          return [...range.getClientRects()].filter((box) => box.width > 0).map((box) => ({ element, box }));
        }),
    );
  const found: string[] = [];
  for (let i = 0; i < pieces.length; i++) {
    for (let j = i + 1; j < pieces.length; j++) {
      const [a, b] = [pieces[i]!, pieces[j]!];
      if (a.element === b.element) continue;
      if (overlapArea(a.box, b.box) > 2) found.push(`${label(a.element)} over ${label(b.element)}`);
    }
  }
  return found;
}

// --- the page -----------------------------------------------------------------------------------

const pages = {
  light: 'background: #ffffff; color: #111111',
  dark: 'background: #121212; color: #eeeeee; color-scheme: dark',
};

async function mount(scene: Scene, style = '', page: keyof typeof pages = 'light'): Promise<HTMLElement> {
  document.documentElement.style.cssText = pages[page];
  const root = await fixture<HTMLElement>(`<div style="padding: 16px; ${style}">${scene.html}</div>`);
  await scene.ready?.(root);
  for (const element of deepElements(root)) await (element as Partial<Updating>).updateComplete;
  await animationsSettled();
  return root;
}

/** The WCAG 1.4.12 bookmarklet's overrides, as a user style sheet would apply them to the page. */
function applyTextSpacing(): () => void {
  const sheet = document.createElement('style');
  sheet.textContent = `* { line-height: 1.5 !important; letter-spacing: 0.12em !important; word-spacing: 0.16em !important; }
    p { margin-bottom: 2em !important; }`;
  document.head.append(sheet);
  return () => sheet.remove();
}

const forcedColors = (active: boolean) => executeServerCommand('emulate-forced-colors', { active });

/** The element that has focus, followed through every shadow root. */
function deepActive(): Element | null {
  let element = document.activeElement;
  while (element?.shadowRoot?.activeElement) element = element.shadowRoot.activeElement;
  return element;
}

/**
 * Tabs from a button before the scene to one after it, handing each stop inside to `look` while it
 * has the focus (the indicator is gone once the next Tab lands); returns the stops.
 */
async function tabThrough(root: HTMLElement, look: (stop: HTMLElement) => void): Promise<Element[]> {
  const before = document.createElement('button');
  const after = document.createElement('button');
  before.textContent = 'before';
  after.textContent = 'after';
  root.prepend(before);
  root.append(after);
  before.focus();
  const stops: Element[] = [];
  for (let presses = 0; presses < 20; presses++) {
    await sendKeys({ press: 'Tab' });
    const active = deepActive();
    if (active === after || active === null) break;
    stops.push(active);
    look(active as HTMLElement);
  }
  return stops;
}

// --- the checks ---------------------------------------------------------------------------------

describe('accessibility beyond axe', () => {
  before(() => emulateMedia({ reducedMotion: 'reduce' }));
  afterEach(async () => {
    cleanup();
    document.documentElement.style.cssText = '';
    await forcedColors(false);
    await setViewport({ width: 800, height: 600 });
  });
  after(() => emulateMedia({ reducedMotion: 'no-preference' }));

  for (const scene of scenes) {
    describe(scene.name, () => {
      it('forced colours: every control keeps a visible edge or underline, visible text and icons', async () => {
        await forcedColors(true);
        const root = await mount(scene);
        const problems: string[] = [];
        for (const control of controls(root)) {
          const style = getComputedStyle(control);
          const behind = backgroundBehind(control, false);
          const face = backgroundBehind(control);
          const text = parseColor(style.color);
          if (contrast(text, face) < 4.5) problems.push(`${label(control)}: text ${style.color} on ${face} (${contrast(text, face).toFixed(2)}:1)`);
          const edged = (element: Element) => {
            const edge = getComputedStyle(element);
            return (['Top', 'Right', 'Bottom', 'Left'] as const).every(
              (side) =>
                parseFloat(edge[`border${side}Width`]) >= 1 &&
                edge[`border${side}Style`] !== 'none' &&
                contrast(parseColor(edge[`border${side}Color`]), backgroundBehind(element, false)) >= 3,
            );
          };
          // An outline of its own is the button's shape; a link in running text is its underline; a
          // link that is a whole card has the card's edge.
          const card = control.closest('[part~="card"]');
          if (!edged(control) && !style.textDecorationLine.includes('underline') && !(card && edged(card))) {
            problems.push(`${label(control)}: no edge (border ${style.borderTopWidth} ${style.borderTopStyle}) and no underline on ${behind}`);
          }
          for (const shape of control.querySelectorAll('svg path')) {
            const fill = getComputedStyle(shape).fill;
            if (contrast(parseColor(fill), face) < 3) problems.push(`${label(control)}: icon ${fill} on ${face}`);
          }
        }
        // The clip's buffering spinner is one ring with a lighter quarter: forced colours paint every
        // side alike unless the quarter is a system colour of its own.
        for (const clip of root.querySelectorAll('drop-clip')) {
          clip.toggleAttribute('buffering', true);
          const ring = getComputedStyle(clip.shadowRoot!.querySelector('.stage')!, '::after');
          const [quarter, rest] = [parseColor(ring.borderTopColor), parseColor(ring.borderRightColor)];
          if (contrast(quarter, rest) < 3) problems.push(`drop-clip buffering spinner: quarter ${ring.borderTopColor} on ring ${ring.borderRightColor}`);
          clip.toggleAttribute('buffering', false);
        }
        // State is in words, not only in a colour that forced colours replaces.
        for (const host of root.querySelectorAll('drop-countdown, drop-button')) {
          const words = host.shadowRoot!.textContent!.replace(/\s+/g, ' ').trim() || host.textContent!.trim();
          if (words === '') problems.push(`<${host.localName} state="${host.getAttribute('state')}"> says nothing`);
        }
        // The live dot is the state at a glance: forced colours paint every background in Canvas,
        // so it has to be drawn in something they keep, and still stand still under reduced motion.
        for (const host of root.querySelectorAll('drop-countdown[state="live"]')) {
          const status = host.shadowRoot!.querySelector('[part="status"]');
          if (!status) continue;
          const dot = getComputedStyle(status, '::before');
          const around = backgroundBehind(status);
          const sides = (['Top', 'Right', 'Bottom', 'Left'] as const).map((side) => ({
            width: parseFloat(dot[`border${side}Width`]),
            colour: parseColor(dot[`border${side}Color`]),
          }));
          const across = parseFloat(dot.width) + (dot.boxSizing === 'border-box' ? 0 : sides[1]!.width + sides[3]!.width);
          const face = over(parseColor(dot.backgroundColor), around);
          const faceShows = contrast(face, around) >= 3;
          const edgeShows = sides.every((side) => side.width >= 1 && contrast(side.colour, around) >= 3);
          if (across < 6 || !(faceShows || edgeShows)) {
            problems.push(`live dot: ${across}px across, background ${dot.backgroundColor}, border ${dot.borderTopWidth} ${dot.borderTopColor}, on ${around}`);
          }
          if (dot.animationName !== 'none') problems.push(`live dot: animation ${dot.animationName} under prefers-reduced-motion`);
        }
        expect(problems).to.deep.equal([]);
      });

      it('reflow: at 320 px nothing needs horizontal scrolling or is cut, and in a 256 px box nothing sticks out', async () => {
        await setViewport({ width: 320, height: 640 });
        let root = await mount(scene);
        expect(document.documentElement.scrollWidth, 'page width at 320 px').to.be.at.most(320);
        expect(cutText(root), 'text cut at 320 px').to.deep.equal([]);
        cleanup();
        root = await mount(scene, 'width: 256px; box-sizing: border-box; padding: 0');
        const box = root.getBoundingClientRect();
        const outside = deepElements(root)
          .filter((element) => element.getRootNode() instanceof ShadowRoot && isShown(element) && clippingAncestors(element).length === 0)
          .filter((element) => {
            const own = element.getBoundingClientRect();
            return own.left < box.left - 1 || own.right > box.right + 1;
          })
          .map(label);
        expect(outside, 'boxes outside a 256 px container').to.deep.equal([]);
        expect(cutText(root), 'text cut in a 256 px container').to.deep.equal([]);
      });

      it('reflow: text at 200 % in a 640 px window (browser zoom) overlaps nothing and is not cut', async () => {
        await setViewport({ width: 640, height: 480 });
        const root = await mount(scene, 'font-size: 200%');
        expect(document.documentElement.scrollWidth, 'page width').to.be.at.most(640);
        expect(overlappingText(root)).to.deep.equal([]);
        expect(cutText(root)).to.deep.equal([]);
      });

      it('text spacing (WCAG 1.4.12): no text cut or drawn over other text', async () => {
        const restore = applyTextSpacing();
        try {
          for (const width of ['360px', '256px']) {
            const root = await mount(scene, `width: ${width}; box-sizing: border-box; padding: 0`);
            // The overrides reach the shadow roots by inheritance: a part that pinned its own would
            // not be spaced at all.
            const texts = deepElements(root).filter(
              (e) => e.getRootNode() instanceof ShadowRoot && isShown(e) && [...e.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && n.textContent!.trim() !== ''),
            );
            for (const element of texts) {
              // Inherited, so in the host's own px (an element cannot know which em a user meant).
              const [style, host] = [getComputedStyle(element), getComputedStyle((element.getRootNode() as ShadowRoot).host)];
              expect([style.wordSpacing, style.letterSpacing], `${label(element)} word and letter spacing`).to.deep.equal([host.wordSpacing, host.letterSpacing]);
            }
            expect(cutText(root), `text cut at ${width}`).to.deep.equal([]);
            expect(overlappingText(root), `text over text at ${width}`).to.deep.equal([]);
            cleanup();
          }
        } finally {
          restore();
        }
      });

      for (const page of ['light', 'dark'] as const) {
        it(`focus visible on a ${page} page: every Tab stop has a 2 px indicator, uncut, at 3:1 against what is around it`, async () => {
          const root = await mount(scene, '', page);
          const problems: string[] = [];
          const stops = await tabThrough(root, (stop) => {
            const style = getComputedStyle(stop);
            const width = parseFloat(style.outlineWidth);
            if (style.outlineStyle === 'none' || width < 2) {
              problems.push(`${label(stop)}: outline ${style.outlineStyle} ${style.outlineWidth}`);
              return;
            }
            const reach = parseFloat(style.outlineOffset) + width;
            const own = stop.getBoundingClientRect();
            const ring = new DOMRect(own.left - reach, own.top - reach, own.width + 2 * reach, own.height + 2 * reach);
            for (const ancestor of clippingAncestors(stop)) {
              const box = ancestor.getBoundingClientRect();
              if (ring.left < box.left - 0.5 || ring.right > box.right + 0.5 || ring.top < box.top - 0.5 || ring.bottom > box.bottom + 0.5) {
                problems.push(`${label(stop)}: ring ${JSON.stringify(ring.toJSON())} cut by ${label(ancestor)} ${JSON.stringify(box.toJSON())}`);
              }
            }
            const ringColour = parseColor(style.outlineColor);
            const around = backgroundBehind(stop, false);
            if (contrast(ringColour, around) < 3) problems.push(`${label(stop)}: ring ${style.outlineColor} on ${around} (${contrast(ringColour, around).toFixed(2)}:1)`);
          });
          expect(stops.map(label), 'Tab stops').to.deep.equal(tabbable(root).map(label));
          expect(problems).to.deep.equal([]);
        });
      }

      it('on a dark page (color-scheme: dark, light text) axe finds nothing either', async () => {
        const root = await mount(scene, '', 'dark');
        await expectNoAxeViolations(root);
      });

      it('target size (WCAG 2.5.8): every link and button is at least 24 × 24 px', async () => {
        const root = await mount(scene);
        const small = controls(root)
          .map((control) => ({ control, box: control.getBoundingClientRect() }))
          .filter(({ box }) => box.width < 24 || box.height < 24)
          .map(({ control, box }) => `${label(control)} ${box.width}x${box.height}`);
        expect(small).to.deep.equal([]);
      });
    });
  }
});
