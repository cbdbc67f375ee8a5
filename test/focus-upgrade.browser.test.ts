import { expect } from '@esm-bundle/chai';
import { waitFor } from '../packages/elements/src/test-support/wait.ts';

/**
 * A visitor who has Tabbed to a creator's own link before the kit arrives (a phone on a slow
 * network: the page works without the kit, so people use it) keeps a place when the kit upgrades
 * the element around it. The creator's page of test/layout-shift, its kit answered after a delay by
 * test/support/flaky-cdn.mjs; the built loader, as a creator's visitors get it.
 */

type Frame = { win: Window & typeof globalThis; remove: () => void };

let runs = 0;

async function creatorPage(): Promise<Frame> {
  const run = `focus-upgrade-${Date.now()}-${++runs}`;
  await fetch(`/__test/flaky-set?${new URLSearchParams({ run, delay: '1500' })}`);
  const frame = document.createElement('iframe');
  frame.width = '390';
  frame.height = '844';
  frame.src = `/test/layout-shift/creator-page.html?${new URLSearchParams({ run, lang: 'en' })}`;
  document.body.append(frame);
  const win = () => frame.contentWindow as Frame['win'];
  await waitFor(() => win().document?.getElementById('faq') != null, 'the creator page to render', 10_000);
  return { win: win(), remove: () => frame.remove() };
}

/** What has focus in the frame, through every shadow root, as `tag#id[part]` steps. */
function focusPath(win: Window): string {
  const steps: string[] = [];
  for (let node = win.document.activeElement; node; node = node.shadowRoot?.activeElement ?? null) {
    steps.push(`${node.localName}${node.id ? `#${node.id}` : ''}${node.getAttribute('part') ? `[${node.getAttribute('part')}]` : ''}`);
  }
  return steps.join(' > ');
}

const cases = [
  { what: "the buy button's link", link: '#buy > a', tag: 'drop-button', expected: 'drop-button#buy > a[button]' },
  { what: "the countdown's live link, before the drop", link: '#winter > a', tag: 'drop-countdown', expected: 'drop-countdown#winter' },
  { what: "a clip's product link", link: '#clip drop-product > a', tag: 'drop-clip', expected: 'drop-clip#clip > button[control play-pause]' },
];

describe('focus on a creator\'s link survives the kit arriving', () => {
  for (const { what, link, tag, expected } of cases) {
    it(`on ${what}`, async () => {
      const page = await creatorPage();
      try {
        const { win } = page;
        expect(win.customElements.get(tag) === undefined, 'the kit is still on its way').to.equal(true);
        win.focus();
        win.document.querySelector<HTMLElement>(link)!.focus();
        expect(focusPath(win)).to.equal(`a`);
        await waitFor(() => win.document.querySelector(tag)?.shadowRoot?.querySelector('[part]') != null, `${tag} upgraded`, 15_000);
        await (win.document.querySelector(tag) as Element & { updateComplete: Promise<unknown> }).updateComplete;
        await new Promise((resolve) => win.requestAnimationFrame(resolve));
        expect(focusPath(win)).to.equal(expected);
      } finally {
        page.remove();
      }
    });
  }
});
