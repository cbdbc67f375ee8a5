/**
 * The page's one live region on its own: visually hidden whatever the page's CSS says, in the
 * accessibility tree, each message once per burst, and the same message again after the burst.
 */
import { expect } from '@esm-bundle/chai';
import { expectNoAxeViolations } from '../test-support/axe.ts';
import { sleep } from '../test-support/wait.ts';
import { ANNOUNCER_TAG, REPEAT_WINDOW_MS, documentAnnouncer } from './announcer.ts';

const region = () => document.querySelector(ANNOUNCER_TAG)!.shadowRoot!.querySelector<HTMLElement>('[role="status"]')!;
const messages = () => [...region().children].map((said) => said.textContent);

describe('shared announcer', () => {
  let release: () => void;
  beforeEach(() => {
    release = documentAnnouncer().hold();
  });
  afterEach(() => release());

  it('is one polite status region, in the document as soon as it is held', () => {
    expect(document.querySelectorAll(ANNOUNCER_TAG).length).to.equal(1);
    expect(region().isConnected).to.equal(true);
    expect(region().getAttribute('role')).to.equal('status');
    expect(region().getAttribute('aria-live') ?? 'polite').to.equal('polite');
    expect(documentAnnouncer()).to.equal(documentAnnouncer());
  });

  it('says an identical message once per burst, a different one beside it, and the first again after the burst', async () => {
    const announcer = documentAnnouncer();
    announcer.say('Burst one.');
    announcer.say('Burst one.');
    announcer.say('Another drop.');
    announcer.say('Burst one.');
    expect(messages()).to.deep.equal(['Burst one.', 'Another drop.']);
    await sleep(REPEAT_WINDOW_MS + 200);
    announcer.say('Burst one.');
    // The earlier burst is cleared (removals are not announced); the repeat is a new node, so it is spoken.
    expect(messages()).to.deep.equal(['Burst one.']);
  });

  it('stays visually hidden and in the accessibility tree against hostile page CSS', async () => {
    const hostile = document.createElement('style');
    hostile.textContent = `${ANNOUNCER_TAG}, body > * { display: none !important; position: static !important;
      width: 400px !important; height: 300px !important; clip-path: none !important; visibility: hidden !important; }`;
    document.head.append(hostile);
    try {
      const host = document.querySelector(ANNOUNCER_TAG)!;
      const style = getComputedStyle(host);
      expect(style.display).to.equal('block');
      expect(style.position).to.equal('absolute');
      expect(style.visibility).to.equal('visible');
      const box = host.getBoundingClientRect();
      expect(box.width * box.height).to.be.at.most(1);
      expect(region().checkVisibility({ visibilityProperty: true })).to.equal(true);
    } finally {
      hostile.remove();
    }
  });

  it('has no inline style attribute and passes axe with a message in it', async () => {
    documentAnnouncer().say('Axe check.');
    const host = document.querySelector(ANNOUNCER_TAG)!;
    expect(host.hasAttribute('style')).to.equal(false);
    expect(host.shadowRoot!.querySelector('[style]')).to.equal(null);
    await expectNoAxeViolations(host);
  });
});
