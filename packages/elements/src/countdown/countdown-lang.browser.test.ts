/**
 * The countdown's `lang`, and the language tags pages really write. What the countdown writes carries
 * a `lang` only where its text would not inherit the language of its words: English on a Finnish
 * page, and pages whose `lang` browsers cannot read (none, `lang=""`, a server's `de_DE`). A German
 * page's countdown is German by inheritance, with no `lang="de"` of its own.
 */
import { expect } from '@esm-bundle/chai';
import { cleanup, fixture } from '../test-support/fixture.ts';
import { waitFor } from '../test-support/wait.ts';
import { captureWarnings } from '../test-support/warnings.ts';
import { langOf, shadowLangs, textNode } from '../test-support/lang.ts';

const AT = '2026-12-05T18:00:00+01:00';
const part = (el: Element, name: string) => el.shadowRoot?.querySelector<HTMLElement>(`[part~="${name}"]`) ?? null;
const text = (el: Element | null) => el?.textContent?.replace(/\s+/g, ' ').trim() ?? '';

/** A live and a scheduled countdown inside `<div lang=…>`, rendered. */
async function countdownsIn(lang: string) {
  const wrapper = await fixture(`<div lang="${lang}">
    <drop-countdown at="${AT}" now="2026-12-05T17:30:00Z"></drop-countdown>
    <drop-countdown at="${AT}" now="2026-12-05T14:58:57Z"></drop-countdown>
  </div>`);
  const [live, scheduled] = [...wrapper.querySelectorAll('drop-countdown')] as unknown as [Element, Element];
  await waitFor(() => text(part(live, 'status')) !== '' && text(part(scheduled, 'remaining')) !== '', 'the countdowns to render');
  return { wrapper, live, scheduled };
}

describe('<drop-countdown> lang: only where it differs from what the text inherits', () => {
  afterEach(cleanup);

  for (const lang of ['de', 'de-AT', 'DE-de', 'de-x-shop']) {
    it(`a lang="${lang}" page: German words, no lang in the countdown's shadow DOM`, async () => {
      const { wrapper, live, scheduled } = await countdownsIn(lang);
      expect(text(part(live, 'status'))).to.equal('Jetzt live');
      expect(text(part(scheduled, 'actions'))).to.include('Zum Kalender hinzufügen');
      expect(shadowLangs(wrapper)).to.deep.equal([]);
      expect(langOf(textNode(live.shadowRoot!, 'Jetzt live'))).to.equal(lang);
    });
  }

  it('an English page in any case ("EN-us"): no lang either', async () => {
    const { wrapper, live } = await countdownsIn('EN-us');
    expect(text(part(live, 'status'))).to.equal('Live now');
    expect(shadowLangs(wrapper)).to.deep.equal([]);
  });

  it('a Finnish page (no words): English, each part marked lang="en"', async () => {
    const warnings = captureWarnings();
    try {
      const { live, scheduled } = await countdownsIn('fi');
      expect(text(part(live, 'status'))).to.equal('Live now');
      expect(shadowLangs(live)).to.deep.equal(['span[part="status"] lang="en"']);
      expect(shadowLangs(scheduled)).to.deep.equal([
        // The time left in words, what a screen reader reads for the clock.
        'span[part=""] lang="en"',
        'span[part="remaining"] lang="en"',
        'time[part="moment"] lang="en"',
        'span[part="actions"] lang="en"',
      ]);
    } finally {
      warnings.restore();
    }
  });

  it('lang="" inside a German page (unknown language): the browser\'s language, marked as such', async () => {
    // lang="" stops inheritance: the countdown's text would be in no language at all, so it says
    // which one it is in. The words are the visitor's, as on a page with no lang.
    const wrapper = await fixture(`<div lang="de"><div lang="">
      <drop-countdown at="${AT}" now="2026-12-05T17:30:00Z"></drop-countdown>
    </div></div>`);
    const live = wrapper.querySelector('drop-countdown')!;
    await waitFor(() => text(part(live, 'status')) !== '', 'the countdown to render');
    expect(live.matches(':lang(de)')).to.equal(false);
    expect(text(part(live, 'status'))).to.equal(navigator.language.startsWith('de') ? 'Jetzt live' : 'Live now');
    expect(part(live, 'status')!.lang).to.equal(navigator.language);
  });

  it('xml:lang means nothing in an HTML page, to the browser and to the countdown alike', async () => {
    const warnings = captureWarnings();
    try {
      const wrapper = await fixture(`<div lang="fi"><div xml:lang="de">
        <drop-countdown at="${AT}" now="2026-12-05T17:30:00Z"></drop-countdown>
      </div></div>`);
      const live = wrapper.querySelector('drop-countdown')!;
      await waitFor(() => text(part(live, 'status')) !== '', 'the countdown to render');
      expect(live.matches(':lang(de)')).to.equal(false);
      expect(text(part(live, 'status'))).to.equal('Live now');
      expect(part(live, 'status')!.lang).to.equal('en');
    } finally {
      warnings.restore();
    }
  });
});

describe('<drop-countdown> lang as pages write it', () => {
  afterEach(cleanup);

  // A server's locale (PHP's and Java's de_DE) or a template's stray space: the page is German, but
  // browsers do not read it so. The words are German all the same (they were the visitor's browser's
  // language, English beside German text), marked with the tag the page meant, and one warning says
  // what to write.
  for (const [lang, tag] of [
    ['de_DE', 'de-DE'],
    [' de ', 'de'],
  ] as const) {
    it(`lang="${lang}": German words marked lang="${tag}", one warning`, async () => {
      const warnings = captureWarnings();
      try {
        const { wrapper, live, scheduled } = await countdownsIn(lang);
        expect(live.matches(':lang(de)')).to.equal(false);
        expect(text(part(live, 'status'))).to.equal('Jetzt live');
        expect(text(part(scheduled, 'moment'))).to.not.include('your time');
        expect(part(live, 'status')!.lang).to.equal(tag);
        expect(part(scheduled, 'remaining')!.lang).to.equal(tag);
        // Status, the time in words, the clock, the moment, the actions.
        expect(shadowLangs(wrapper).length).to.equal(5);
      } finally {
        warnings.restore();
      }
      const about = warnings.messages.filter((message) => message.includes(`lang="${lang}"`));
      expect(about).to.have.length(1);
      expect(about[0]).to.include(`"${tag}"`);
    });
  }

  it('lang="iw" (Hebrew\'s old code): Hebrew words, marked with the code browsers know', async () => {
    const { live } = await countdownsIn('iw');
    expect(text(part(live, 'status'))).to.not.equal('Live now');
    expect(part(live, 'status')!.lang).to.equal('he');
  });
});
