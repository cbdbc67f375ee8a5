/**
 * A language chunk that cannot load (offline, blocked by the page's CSP) must leave a working,
 * English element and one warning. The page blocks further scripts with a CSP, which cannot be
 * lifted again, so this lives in its own file (its own page).
 */
import { expect } from '@esm-bundle/chai';
import { cleanup, fixture, kitTarget } from '../test-support/fixture.ts';
import { waitFor } from '../test-support/wait.ts';
import { captureWarnings } from '../test-support/warnings.ts';

const AT = '2026-12-05T18:00:00+01:00';
const part = (el: Element, name: string) => el.shadowRoot?.querySelector<HTMLElement>(`[part~="${name}"]`) ?? null;
const text = (el: Element | null) => el?.textContent?.replace(/\s+/g, ' ').trim() ?? '';

describe('words: a language chunk that cannot load', () => {
  afterEach(cleanup);

  it('shows English after one warning, and the element works', async () => {
    // Every element chunk first (the ES loader fetches them lazily), then no script may load any more.
    await fixture(`<div><drop-countdown at="${AT}" now="2026-12-05T17:30:00Z"></drop-countdown><drop-button><a href="https://buy.stripe.com/x">Buy</a></drop-button></div>`);
    const csp = document.createElement('meta');
    csp.httpEquiv = 'Content-Security-Policy';
    csp.content = "script-src 'none'";
    document.head.append(csp);

    const warnings = captureWarnings();
    try {
      const wrapper = await fixture(`<div lang="sv">
        <drop-countdown id="live" at="${AT}" now="2026-12-05T17:30:00Z">Droppen fredag 18.00</drop-countdown>
        <drop-countdown id="scheduled" at="${AT}" now="2026-12-05T14:58:57Z">Droppen fredag 18.00</drop-countdown>
        <drop-button id="sold" state="sold-out"><a href="https://buy.stripe.com/x">Köp</a></drop-button>
      </div>`);
      const status = () => text(part(wrapper.querySelector('#live')!, 'status'));
      if (kitTarget === 'iife') {
        // The classic script carries every language in its one file: nothing left to block.
        await waitFor(() => status() === 'Live nu', 'Swedish from the classic script');
        expect(text(part(wrapper.querySelector('#sold')!, 'label'))).to.equal('Slutsåld');
        expect(warnings.messages.filter((message) => message.includes('words'))).to.deep.equal([]);
        return;
      }
      await waitFor(() => status() !== '', 'the countdown to give up on Swedish');
      expect(status()).to.equal('Live now');
      expect(text(part(wrapper.querySelector('#scheduled')!, 'calendar-button'))).to.equal('Add to calendar');
      // The date beside English words is English too ("lör 17:00 your time" read as neither language).
      expect(text(part(wrapper.querySelector('#scheduled')!, 'moment'))).to.match(/^Sat .* your time$/);
      expect(part(wrapper.querySelector('#scheduled')!, 'moment')!.lang).to.equal('en');
      expect(text(part(wrapper.querySelector('#sold')!, 'label'))).to.equal('Sold out');
      expect(warnings.messages.filter((message) => message.includes('could not load the sv words'))).to.have.length(1);
    } finally {
      warnings.restore();
    }
  });
});
