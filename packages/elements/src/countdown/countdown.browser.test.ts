import { expect } from '@esm-bundle/chai';
import { emulateMedia, executeServerCommand } from '@web/test-runner-commands';
import { cleanup, fixture } from '../test-support/fixture.ts';
import { expectNoAxeViolations } from '../test-support/axe.ts';
import {
  HOUR,
  announcerRegion,
  captureWarnings,
  iso,
  part,
  realNow,
  recordAnnouncements,
  recordStates,
  remainingText,
  setPageVisibility,
  sleep,
  waitFor,
  watchFlip,
  type CountdownElement,
} from './countdown-test-helpers.ts';

const at = '2026-12-05T18:00:00+01:00';
const atMs = Date.UTC(2026, 11, 5, 17);

describe('<drop-countdown> states (pinned clock)', () => {
  afterEach(cleanup);

  it('scheduled: counts down to `at`, shows the moment and the calendar links, hides the fallback text', async () => {
    const el = await fixture<CountdownElement>(
      `<drop-countdown at="${at}" now="2026-12-05T14:58:57Z" format="clock" name="Winter drop">Drops Sat 5 Dec, 18:00 CET</drop-countdown>`,
    );
    expect(el.state).to.equal('scheduled');
    expect(el.getAttribute('state')).to.equal('scheduled');
    expect(el.at!.getTime()).to.equal(atMs);
    expect(remainingText(el)).to.equal('02:01:03');
    expect(part(el, 'moment')!.getAttribute('datetime')).to.equal('2026-12-05T17:00:00.000Z');
    expect(part(el, 'moment')!.textContent).to.contain('your time');
    expect(el.shadowRoot!.querySelector('slot:not([name])')).to.equal(null);
    expect(part(el, 'calendar-button')!.textContent).to.equal('Add to calendar');
    await expectNoAxeViolations(el);
  });

  it('live: shows the live slot content, or "Live now" by default', async () => {
    const el = await fixture<CountdownElement>(
      `<drop-countdown at="${at}" now="2026-12-05T17:00:00Z"><a slot="live" href="https://shop.example/buy">Buy now</a></drop-countdown>`,
    );
    expect(el.state).to.equal('live');
    expect(el.getAttribute('state')).to.equal('live');
    const slot = el.shadowRoot!.querySelector<HTMLSlotElement>('slot[name="live"]')!;
    expect(slot.assignedElements().map((e) => e.textContent)).to.deep.equal(['Buy now']);
    expect(part(el, 'remaining')).to.equal(null);
    await expectNoAxeViolations(el);

    const bare = await fixture<CountdownElement>(`<drop-countdown at="${at}" now="2026-12-06T00:00:00Z"></drop-countdown>`);
    expect(part(bare, 'status')!.textContent).to.equal('Live now');
    await expectNoAxeViolations(bare);
  });

  it('ended: after `until`', async () => {
    const el = await fixture<CountdownElement>(
      `<drop-countdown at="${at}" until="2026-12-05T19:00:00+01:00" now="2026-12-05T18:00:00Z"></drop-countdown>`,
    );
    expect(el.state).to.equal('ended');
    expect(el.getAttribute('state')).to.equal('ended');
    expect(part(el, 'status')!.textContent).to.equal('This drop has ended');
    await expectNoAxeViolations(el);
  });

  it('sold-out: set by attribute, it wins over the clock and shows the sold-out slot', async () => {
    const el = await fixture<CountdownElement>(
      `<drop-countdown at="${at}" state="sold-out" now="2026-12-05T17:30:00Z"><span slot="sold-out">All gone, thank you!</span></drop-countdown>`,
    );
    expect(el.state).to.equal('sold-out');
    const slot = el.shadowRoot!.querySelector<HTMLSlotElement>('slot[name="sold-out"]')!;
    expect(slot.assignedElements().map((e) => e.textContent)).to.deep.equal(['All gone, thank you!']);
    el.now = new Date('2026-12-05T16:00:00Z');
    await el.updateComplete;
    expect(el.state).to.equal('sold-out');
    await expectNoAxeViolations(el);
  });

  it('sold-out: set by property, fires drop-state once and reflects', async () => {
    const el = await fixture<CountdownElement>(`<drop-countdown at="${at}" now="2026-12-05T17:30:00Z"></drop-countdown>`);
    const seen = recordStates(el);
    el.state = 'sold-out';
    el.state = 'sold-out';
    await el.updateComplete;
    expect(seen).to.deep.equal([{ state: 'sold-out', previous: 'live', elementState: 'sold-out' }]);
    expect(el.getAttribute('state')).to.equal('sold-out');
    expect(part(el, 'status')!.textContent).to.equal('Sold out');
  });

  it('sold-out lifted (attribute removed, or a framework setting undefined): the clock decides again, no warning', async () => {
    const warnings = captureWarnings();
    try {
      const el = await fixture<CountdownElement>(`<drop-countdown at="${at}" state="sold-out" now="2026-12-05T17:30:00Z"></drop-countdown>`);
      const seen = recordStates(el);
      el.removeAttribute('state');
      await el.updateComplete;
      expect(el.state).to.equal('live');
      expect(el.getAttribute('state'), 'the state is reflected again, for CSS and followers').to.equal('live');
      expect(part(el, 'status')!.textContent).to.equal('Live now');
      el.state = 'sold-out';
      el.state = undefined as unknown as 'live';
      await el.updateComplete;
      expect(el.state).to.equal('live');
      expect(el.getAttribute('state')).to.equal('live');
      expect(seen.map(({ state }) => state)).to.deep.equal(['live', 'sold-out', 'live']);
      // A state the clock overrides does not stay on the element either.
      el.setAttribute('state', 'scheduled');
      await el.updateComplete;
      expect(el.state).to.equal('live');
      expect(el.getAttribute('state')).to.equal('live');
      const unscheduled = await fixture<CountdownElement>(`<drop-countdown state="live">Drops soon</drop-countdown>`);
      unscheduled.removeAttribute('state');
      await unscheduled.updateComplete;
      expect(unscheduled.state, 'without at, no state is the default').to.equal('scheduled');
    } finally {
      warnings.restore();
    }
    expect(warnings.messages.filter((m) => m.includes('state'))).to.deep.equal([]);
  });

  it('pinning `now` moves a preview through every state, one event per change', async () => {
    const el = await fixture<CountdownElement>(
      `<drop-countdown at="${at}" until="2026-12-05T20:00:00+01:00" now="2026-12-05T16:00:00Z"></drop-countdown>`,
    );
    const seen = recordStates(el);
    for (const moment of ['2026-12-05T16:30:00Z', '2026-12-05T17:00:00Z', '2026-12-05T17:30:00Z', '2026-12-05T19:00:00Z']) {
      el.setAttribute('now', moment);
      await el.updateComplete;
    }
    expect(seen.map(({ state, previous }) => [previous, state])).to.deep.equal([
      ['scheduled', 'live'],
      ['live', 'ended'],
    ]);
  });
});

describe('<drop-countdown> formats and language', () => {
  afterEach(cleanup);

  it('formats auto, clock, long and compact in the nearest lang', async () => {
    const now = '2026-12-03T13:56:55Z'; // 2 d 3 h 3 min 5 s before T0
    const text = async (attrs: string) =>
      remainingText(await fixture(`<drop-countdown at="${at}" now="${now}" ${attrs}></drop-countdown>`));
    // A number and its unit are joined by a no-break space: they never wrap apart on a phone.
    expect(await text('')).to.equal('2\u00a0days, 3\u00a0hours');
    // Intl.DurationFormat's digital style, as Chromium writes it (Node's fallback: "2d 03:03:05").
    expect(await text('format="clock"')).to.equal('2d, 03:03:05');
    expect(await text('format="compact"')).to.equal('2d 3h 3m 5s');
    expect(await text('format="long"')).to.equal('2\u00a0days, 3\u00a0hours, 3\u00a0minutes, 5\u00a0seconds');
    const german = await fixture(`<div lang="de"><p><drop-countdown at="${at}" now="${now}" format="long"></drop-countdown></p></div>`);
    // The German words arrive in their own chunk; until then the countdown shows the creator's text.
    await waitFor(() => remainingText(german.querySelector('drop-countdown')!) !== null, 'the German words');
    expect(remainingText(german.querySelector('drop-countdown')!)).to.equal('2\u00a0Tage, 3\u00a0Stunden, 3\u00a0Minuten und 5\u00a0Sekunden');
  });

  it('wraps a long time left between its units on a narrow phone instead of overflowing', async () => {
    const now = '2026-12-03T13:56:55Z';
    const box = await fixture(`<div lang="de" style="inline-size: 150px"><drop-countdown at="${at}" now="${now}" format="long"></drop-countdown></div>`);
    const el = box.querySelector('drop-countdown')!;
    await waitFor(() => remainingText(el) !== null, 'the German words');
    const remaining = part(el, 'remaining')!;
    expect(remaining.getBoundingClientRect().right).to.be.at.most(box.getBoundingClientRect().right + 0.5);
    // Every line starts with a number: no unit was split from its number.
    const range = document.createRange();
    range.selectNodeContents(remaining);
    expect(new Set([...range.getClientRects()].map((rect) => Math.round(rect.top))).size).to.be.greaterThan(1);
  });

  it('lays English words out left to right on a right-to-left page', async () => {
    const now = '2026-12-03T13:56:55Z';
    const box = await fixture(`<div dir="rtl" lang="en"><drop-countdown at="${at}" now="${now}"></drop-countdown></div>`);
    const text = [...part(box.querySelector('drop-countdown')!, 'remaining')!.childNodes].find((node): node is Text => node instanceof Text && node.data !== '')!;
    const x = (index: number) => {
      const range = document.createRange();
      range.setStart(text, index);
      range.setEnd(text, index + 1);
      return range.getBoundingClientRect().left;
    };
    // "2 days": the 2 stands left of the d, as in English, not at the right end of the line.
    expect(x(0)).to.be.lessThan(x(2));
  });

  it('a bad format falls back to auto with one warning', async () => {
    const warnings = captureWarnings();
    try {
      const el = await fixture(`<drop-countdown at="${at}" now="2026-12-05T16:00:00Z" format="fancy"></drop-countdown>`);
      expect(remainingText(el)).to.equal('01:00:00');
    } finally {
      warnings.restore();
    }
    expect(warnings.messages.filter((m) => m.includes('format'))).to.have.length(1);
  });

  it('digits are tabular, so the text does not shift as it ticks', async () => {
    const el = await fixture(`<drop-countdown at="${at}" now="2026-12-05T16:00:00Z"></drop-countdown>`);
    expect(getComputedStyle(part(el, 'remaining')!).fontVariantNumeric).to.equal('tabular-nums');
  });

  it('shows the creator time zone beside the visitor time', async () => {
    const el = await fixture(
      `<drop-countdown lang="en-GB" at="${at}" now="2026-12-05T16:00:00Z" time-zone="America/Los_Angeles"></drop-countdown>`,
    );
    expect(part(el, 'moment')!.textContent).to.match(/your time · (Fri |Sat )?09:00 Los Angeles$/);
  });

  it('names the creator time zone in the page language', async () => {
    const el = await fixture(
      `<drop-countdown lang="ja" at="${at}" now="2026-12-05T16:00:00Z" time-zone="Europe/Berlin"></drop-countdown>`,
    );
    await waitFor(() => part(el, 'moment')?.textContent?.includes('現地時間') ?? false, 'the Japanese words');
    // Japanese puts the zone before the time; Intl names Berlin's zone by its country.
    expect(part(el, 'moment')!.textContent).to.match(/（現地時間） · ドイツ時間 18:00( \(土\))?$/);
  });
});

describe('<drop-countdown> invalid input', () => {
  afterEach(cleanup);

  for (const [label, attr, expected] of [
    ['missing', '', /at is missing/],
    ['without an offset', 'at="2026-12-05T18:00:00"', /no time zone offset/],
    ['garbage', 'at="next friday"', /not an ISO 8601/],
  ] as const) {
    it(`at ${label}: the creator's text stays, one warning, no exception`, async () => {
      const warnings = captureWarnings();
      let el: CountdownElement;
      try {
        el = await fixture<CountdownElement>(`<drop-countdown ${attr}>Drops Friday at six</drop-countdown>`);
        el.requestUpdate();
        await el.updateComplete;
      } finally {
        warnings.restore();
      }
      expect(warnings.messages).to.have.length(1);
      expect(warnings.messages[0]).to.match(expected);
      expect(el.state).to.equal('scheduled');
      expect(el.at).to.equal(null);
      const slot = el.shadowRoot!.querySelector<HTMLSlotElement>('slot:not([name])')!;
      expect(slot.assignedNodes().map((n) => n.textContent)).to.deep.equal(['Drops Friday at six']);
      expect(el.offsetHeight).to.be.greaterThan(0);
      await expectNoAxeViolations(el);
    });
  }

  it('a mistyped now, url or until: the fallback, and one warning each naming the attribute', async () => {
    const warnings = captureWarnings();
    let el: CountdownElement;
    try {
      el = await fixture<CountdownElement>(`<drop-countdown at="${at}" now="2026-12-05T18:30" url="http://shop.example/winter">Drops Sat</drop-countdown>`);
      el.requestUpdate();
      await el.updateComplete;
      // A framework sets it as a property.
      (el as unknown as { now: unknown }).now = 'tomorrow';
      await el.updateComplete;
      el.setAttribute('until', '2026-12-05T16:00:00Z');
      await el.updateComplete;
      el.setAttribute('until', 'Saturday night');
      await el.updateComplete;
      el.requestUpdate();
      await el.updateComplete;
    } finally {
      warnings.restore();
    }
    // Not pinned: the real clock, weeks before the drop.
    expect(el.state).to.equal('scheduled');
    expect(await el.toIcs()).to.not.contain('shop.example');
    const about = (attribute: string) => warnings.messages.filter((m) => m.includes(attribute));
    expect(about('now="2026-12-05T18:30"'), 'now without an offset').to.have.length(1);
    expect(about('now="tomorrow"'), 'now set as a property').to.have.length(1);
    expect(about('url="http://shop.example/winter"'), 'an http url').to.have.length(1);
    expect(about('until is not after at'), 'until before at').to.have.length(1);
    expect(about('until="Saturday night"'), 'a mistyped until after that').to.have.length(1);
    expect(warnings.messages).to.have.length(5);
  });

  it('without `at`, a marketplace may drive the state itself, with no warning', async () => {
    const warnings = captureWarnings();
    let el: CountdownElement;
    try {
      el = await fixture<CountdownElement>(`<drop-countdown state="live"><b slot="live">Buy</b>Drops soon</drop-countdown>`);
      const seen = recordStates(el);
      el.state = 'sold-out';
      await el.updateComplete;
      expect(seen.map((s) => s.state)).to.deep.equal(['sold-out']);
    } finally {
      warnings.restore();
    }
    expect(warnings.messages).to.deep.equal([]);
    expect(part(el, 'status')!.textContent).to.equal('Sold out');
  });

  it('an unknown state is ignored with a warning', async () => {
    const warnings = captureWarnings();
    const el = await fixture<CountdownElement>(`<drop-countdown at="${at}" now="2026-12-05T16:00:00Z"></drop-countdown>`);
    try {
      el.setAttribute('state', 'exploded');
      await el.updateComplete;
    } finally {
      warnings.restore();
    }
    expect(el.state).to.equal('scheduled');
    expect(warnings.messages).to.have.length(1);
  });
});

describe('<drop-countdown> links', () => {
  afterEach(cleanup);

  it('notify: an https link is rendered, anything else is not (one warning)', async () => {
    const good = await fixture(`<drop-countdown at="${at}" now="2026-12-05T16:00:00Z" notify="https://t.me/yourchannel"></drop-countdown>`);
    const link = part(good, 'notify-link') as HTMLAnchorElement;
    expect(link.href).to.equal('https://t.me/yourchannel');
    expect(link.textContent).to.equal('Notify me');
    expect(link.rel).to.contain('noopener');

    for (const bad of ['javascript:alert(1)', 'JaVaScRiPt:alert(1)', 'http://t.me/x', 'data:text/html,hi', '//evil.example', 'https://user:pw@evil.example']) {
      const warnings = captureWarnings();
      try {
        const el = await fixture(`<drop-countdown at="${at}" now="2026-12-05T16:00:00Z"></drop-countdown>`);
        el.setAttribute('notify', bad);
        await (el as CountdownElement).updateComplete;
        expect(part(el, 'notify-link'), bad).to.equal(null);
      } finally {
        warnings.restore();
      }
      expect(warnings.messages, bad).to.have.length(1);
    }
  });

  it("the links and the button say the drop's name after their words, and follow it when it changes", async () => {
    const el = await fixture<CountdownElement & { name: string | null }>(
      `<drop-countdown at="${at}" now="2026-12-05T16:00:00Z" notify="https://t.me/x" name=" Winter drop "></drop-countdown>`,
    );
    const labels = () => ['calendar-button', 'google-link', 'notify-link'].map((name) => part(el, name)!.getAttribute('aria-label'));
    expect(labels()).to.deep.equal(['Add to calendar: Winter drop', 'Google Calendar: Winter drop', 'Notify me: Winter drop']);
    el.name = 'Summer tee';
    await el.updateComplete;
    expect(labels()).to.deep.equal(['Add to calendar: Summer tee', 'Google Calendar: Summer tee', 'Notify me: Summer tee']);
    // No name (or only spaces): the visible words are the whole name, as before.
    for (const none of ['   ', null]) {
      el.name = none;
      await el.updateComplete;
      expect(labels(), String(none)).to.deep.equal([null, null, null]);
    }
    expect(part(el, 'calendar-button')!.textContent).to.equal('Add to calendar');
    await expectNoAxeViolations(el);
  });

  it('every rendered href is https', async () => {
    const el = await fixture(
      `<drop-countdown at="${at}" now="2026-12-05T16:00:00Z" notify="https://t.me/x" url="javascript:alert(1)"></drop-countdown>`,
    );
    const hrefs = [...el.shadowRoot!.querySelectorAll('a')].map((a) => new URL(a.href).protocol);
    expect(hrefs).to.have.length(2);
    expect(hrefs.every((p) => p === 'https:')).to.equal(true);
  });

  it('Google Calendar link and .ics carry the drop in UTC', async () => {
    const el = await fixture<CountdownElement>(
      `<drop-countdown at="${at}" until="2026-12-05T20:00:00+01:00" now="2026-12-05T16:00:00Z" name="Winter, drop" url="https://shop.example/winter"></drop-countdown>`,
    );
    const google = new URL((part(el, 'google-link') as HTMLAnchorElement).href);
    expect(google.origin).to.equal('https://calendar.google.com');
    expect(google.searchParams.get('dates')).to.equal('20261205T170000Z/20261205T190000Z');
    expect(google.searchParams.get('text')).to.equal('Winter, drop');
    const ics = await el.toIcs();
    expect(ics).to.match(/^BEGIN:VCALENDAR\r\n/);
    expect(ics).to.contain('\r\nDTSTART:20261205T170000Z\r\n');
    expect(ics).to.contain('\r\nDTEND:20261205T190000Z\r\n');
    expect(ics).to.contain('\r\nSUMMARY:Winter\\, drop\r\n');
    expect(ics).to.contain('\r\nURL:https://shop.example/winter\r\n');
    expect(ics).to.match(/\r\nUID:[^\r]+@dropkit\r\n/);
  });

  it('"Add to calendar" is a keyboard-reachable button that downloads an .ics file', async () => {
    const el = await fixture(`<drop-countdown at="${at}" now="2026-12-05T16:00:00Z" name="Winter drop"></drop-countdown>`);
    const button = part(el, 'calendar-button') as HTMLButtonElement;
    expect(button.localName).to.equal('button');
    button.focus();
    expect(el.shadowRoot!.activeElement).to.equal(button);
    const downloads: Array<{ name: string; href: string }> = [];
    const click = HTMLAnchorElement.prototype.click;
    HTMLAnchorElement.prototype.click = function (this: HTMLAnchorElement) {
      downloads.push({ name: this.download, href: this.href });
    };
    try {
      button.click();
      await waitFor(() => downloads.length > 0, 'the download');
    } finally {
      HTMLAnchorElement.prototype.click = click;
    }
    expect(downloads[0]!.name).to.equal('winter-drop.ics');
    expect(downloads[0]!.href).to.match(/^blob:/);
    const text = await (await fetch(downloads[0]!.href)).text();
    expect(text).to.contain('SUMMARY:Winter drop');
  });
});

describe('<drop-countdown> links on a touch screen', () => {
  afterEach(async () => {
    await executeServerCommand('emulate-touch', { active: false });
    cleanup();
  });

  /** The links' boxes, in rows as the browser wrapped them (top to bottom). */
  function linkRows(el: Element): DOMRect[][] {
    const boxes = ['calendar-button', 'google-link', 'notify-link'].map((name) => part(el, name)!.getBoundingClientRect());
    const rows = new Map<number, DOMRect[]>();
    for (const box of boxes) rows.set(Math.round(box.top), [...(rows.get(Math.round(box.top)) ?? []), box]);
    return [...rows.entries()].sort(([a], [b]) => a - b).map(([, row]) => row);
  }

  // Three links in a 200 px column wrap onto two or three rows. Each 44 px box already holds its
  // line 10 px clear of the next; the gap on top of that left a wrapped "Notify me" 28 px under
  // "Google Calendar", a paragraph of its own rather than the next link of the same row.
  for (const pointer of ['touch', 'mouse'] as const) {
    it(`${pointer}: a wrapped row of links sits ${pointer === 'touch' ? 'right under the row above (44 px boxes)' : 'one gap under the row above (24 px boxes)'}`, async () => {
      await executeServerCommand('emulate-touch', { active: pointer === 'touch' });
      expect(matchMedia('(pointer: coarse)').matches, 'the pointer the page sees').to.equal(pointer === 'touch');
      const page = await fixture(`<div style="width: 200px; font: 16px/1.5 sans-serif">
        <drop-countdown at="${at}" now="2026-12-05T16:00:00Z" notify="https://t.me/x">Drops 5 December</drop-countdown>
      </div>`);
      const el = page.querySelector('drop-countdown')!;
      await (el as CountdownElement).updateComplete;
      const rows = linkRows(el);
      expect(rows.length, 'rows of links').to.be.at.least(2);
      const size = pointer === 'touch' ? 44 : 24;
      for (const box of rows.flat()) {
        expect(box.height, 'a link\'s height').to.be.at.least(size - 0.5);
        if (pointer === 'touch') expect(box.width, 'a link\'s width').to.be.at.least(43.5);
      }
      const gap = pointer === 'touch' ? 0 : parseFloat(getComputedStyle(el).fontSize) / 2;
      for (let i = 1; i < rows.length; i++) {
        const above = Math.max(...rows[i - 1]!.map((box) => box.bottom));
        expect(rows[i]![0]!.top - above, `row ${i + 1} under row ${i}`).to.be.closeTo(gap, 0.5);
      }
      await expectNoAxeViolations(el);
    });
  }
});

describe('<drop-countdown> on the real clock', () => {
  afterEach(() => {
    cleanup();
    setPageVisibility('visible');
  });

  it('flips to live at `at`, firing drop-state exactly once, synchronously with the state', async () => {
    const target = realNow() + 1200;
    const el = await fixture<CountdownElement>(`<drop-countdown at="${iso(target)}" format="clock"></drop-countdown>`);
    const flip = watchFlip(el, 'live', 4000, 1100);
    expect(remainingText(el)).to.match(/^00:00:0[12]$/);
    const { flippedAt, seen } = await flip;
    expect(seen).to.deep.equal([{ state: 'live', previous: 'scheduled', elementState: 'live' }]);
    expect(flippedAt).to.be.at.least(target - 5);
    await el.updateComplete;
    expect(el.getAttribute('state')).to.equal('live');
  });

  it('ticks on second boundaries of the remaining time and never shows negative time', async () => {
    const el = await fixture<CountdownElement>(`<drop-countdown at="${iso(realNow() + 2500)}" format="clock"></drop-countdown>`);
    const shown: string[] = [];
    const observer = new MutationObserver(() => shown.push(remainingText(el) ?? 'gone'));
    observer.observe(el.shadowRoot!, { subtree: true, characterData: true, childList: true });
    await waitFor(() => el.state === 'live', 'live', 5000);
    observer.disconnect();
    const texts = shown.filter((t) => t !== 'gone');
    expect(texts.every((t) => /^00:00:0[0-3]$/.test(t))).to.equal(true);
    // Each value strictly decreases: no repeated or backwards tick.
    const seconds = [...new Set(texts)].map((t) => Number(t.slice(-2)));
    expect(seconds).to.deep.equal([...seconds].sort((a, b) => b - a));
  });

  it('live → ended at `until`, once', async () => {
    const el = await fixture<CountdownElement>(
      `<drop-countdown at="${iso(realNow() - 1000)}" until="${iso(realNow() + 700)}"></drop-countdown>`,
    );
    expect(el.state).to.equal('live');
    const seen = recordStates(el);
    await waitFor(() => el.state === 'ended', 'ended', 4000);
    await sleep(300);
    expect(seen.map((s) => s.state)).to.deep.equal(['ended']);
  });

  it('a hidden tab does no rendering work but still flips once; the visible tab catches up', async () => {
    const el = await fixture<CountdownElement>(`<drop-countdown at="${iso(realNow() + 1800)}" format="clock"></drop-countdown>`);
    const seen = recordStates(el);
    setPageVisibility('hidden');
    const frozen = remainingText(el);
    await sleep(1100);
    expect(el.state).to.equal('scheduled');
    expect(remainingText(el)).to.equal(frozen);
    await waitFor(() => el.state === 'live', 'live while hidden', 4000);
    setPageVisibility('visible');
    await el.updateComplete;
    expect(seen.map((s) => s.state)).to.deep.equal(['live']);
  });

  it('after sleep (the clock moved on, no timer fired) it flips once when the tab returns', async () => {
    const el = await fixture<CountdownElement>(`<drop-countdown at="${iso(realNow() + 10 * 60_000)}"></drop-countdown>`);
    const seen = recordStates(el);
    setPageVisibility('hidden');
    const original = Date.now;
    Date.now = () => realNow() + 11 * 60_000;
    try {
      setPageVisibility('visible');
      expect(el.state).to.equal('live');
      setPageVisibility('hidden');
      setPageVisibility('visible');
      await sleep(50);
    } finally {
      Date.now = original;
    }
    expect(seen.map((s) => s.state)).to.deep.equal(['live']);
  });
});

describe('<drop-countdown> announcements', () => {
  afterEach(cleanup);

  it("the ticking text is not a live region; the page's one polite region announces the milestone in full words", async () => {
    const el = await fixture<CountdownElement>(`<drop-countdown at="${iso(realNow() + 60_000 + 900)}"></drop-countdown>`);
    const remaining = part(el, 'remaining')!;
    expect(remaining.closest('[aria-live]')).to.equal(null);
    expect(['timer', null]).to.include(remaining.getAttribute('role'));
    expect(el.shadowRoot!.querySelector('[role="status"], [aria-live]'), 'no live region per countdown').to.equal(null);
    // In the document before it speaks: a region that appears with its text is not announced.
    const region = announcerRegion()!;
    expect(region.isConnected).to.equal(true);
    expect(region.getAttribute('aria-live') ?? 'polite').to.equal('polite');
    const said = recordAnnouncements();
    await waitFor(() => said.length > 0, 'the 1 minute milestone', 4000);
    expect(said).to.deep.equal(['The drop starts in 1 minute.']);
    // Visually hidden but in the accessibility tree.
    const host = region.getRootNode() instanceof ShadowRoot ? (region.getRootNode() as ShadowRoot).host : region;
    const box = host.getBoundingClientRect();
    expect(box.width * box.height).to.be.at.most(1);
    expect(host.checkVisibility({ visibilityProperty: true })).to.equal(true);
    await expectNoAxeViolations(el);
    await expectNoAxeViolations(host);
  });

  it("announces 'live' at the flip, with the drop's name when it has one", async () => {
    const el = await fixture<CountdownElement>(`<drop-countdown name="Flip test drop" at="${iso(realNow() + 600)}"></drop-countdown>`);
    const said = recordAnnouncements();
    await waitFor(() => el.state === 'live', 'live', 4000);
    await el.updateComplete;
    expect(said).to.deep.equal(['Flip test drop: The drop is live.']);
    await expectNoAxeViolations(el);
  });

  it('does not announce on load, only on crossing (also not a countdown that arrives already live)', async () => {
    await fixture(`<drop-countdown at="${iso(realNow() + 5 * 60_000)}"></drop-countdown>`);
    const said = recordAnnouncements();
    await fixture(`<drop-countdown at="${iso(realNow() - 60_000)}"></drop-countdown>`);
    // Already inside the last minute when it loads: the 1 minute milestone was not crossed here.
    await fixture(`<drop-countdown at="${iso(realNow() + 59_000)}"></drop-countdown>`);
    await sleep(1100);
    expect(said).to.deep.equal([]);
  });
});

describe('<drop-countdown favicon-live>', () => {
  let icon: HTMLLinkElement;
  beforeEach(() => {
    icon = document.createElement('link');
    icon.rel = 'icon';
    icon.type = 'image/png';
    icon.setAttribute('href', '/favicon.png');
    document.head.append(icon);
  });
  afterEach(() => {
    cleanup();
    icon.remove();
  });

  const iconHref = () => icon.getAttribute('href')!;

  it('swaps the page icon while live and restores it when the drop leaves live', async () => {
    const el = await fixture<CountdownElement>(
      `<drop-countdown at="${iso(realNow() - HOUR)}" favicon-live="/favicon-live.svg"></drop-countdown>`,
    );
    await waitFor(() => iconHref().endsWith('/favicon-live.svg'), 'the live icon');
    expect(icon.hasAttribute('type')).to.equal(false);
    el.state = 'sold-out';
    await waitFor(() => iconHref() === '/favicon.png', 'the original icon');
    expect(icon.type).to.equal('image/png');
  });

  it('restores the icon when the countdown is removed', async () => {
    const el = await fixture(`<drop-countdown at="${iso(realNow() - HOUR)}" favicon-live="/favicon-live.svg"></drop-countdown>`);
    await waitFor(() => iconHref().endsWith('/favicon-live.svg'), 'the live icon');
    el.remove();
    await waitFor(() => iconHref() === '/favicon.png', 'the original icon');
  });

  it('takes the live icon again when the countdown comes back (a tab panel an app re-renders)', async () => {
    const el = await fixture(`<drop-countdown at="${iso(realNow() - HOUR)}" favicon-live="/favicon-live.svg"></drop-countdown>`);
    const parent = el.parentElement!;
    await waitFor(() => iconHref().endsWith('/favicon-live.svg'), 'the live icon');
    el.remove();
    await waitFor(() => iconHref() === '/favicon.png', 'the original icon');
    parent.append(el);
    await waitFor(() => iconHref().endsWith('/favicon-live.svg'), 'the live icon again');
  });

  it('does not touch the icon before live, and flips it at T0', async () => {
    const el = await fixture<CountdownElement>(
      `<drop-countdown at="${iso(realNow() + 700)}" favicon-live="/favicon-live.svg"></drop-countdown>`,
    );
    await sleep(100);
    expect(iconHref()).to.equal('/favicon.png');
    await waitFor(() => el.state === 'live', 'live');
    await waitFor(() => iconHref().endsWith('/favicon-live.svg'), 'the live icon');
  });

  it('refuses icons that are neither same-origin nor https', async () => {
    for (const bad of ['javascript:alert(1)', 'http://evil.example/icon.svg', 'data:image/svg+xml,<svg/>']) {
      const warnings = captureWarnings();
      try {
        await fixture(`<drop-countdown at="${iso(realNow() - HOUR)}" favicon-live="${bad}"></drop-countdown>`);
        await waitFor(() => warnings.messages.length > 0, 'the warning');
      } finally {
        warnings.restore();
      }
      expect(iconHref(), bad).to.equal('/favicon.png');
      expect(warnings.messages, bad).to.have.length(1);
      cleanup();
    }
  });
});

describe('<drop-countdown> properties, motion and the shared ticker', () => {
  afterEach(async () => {
    cleanup();
    await emulateMedia({ reducedMotion: 'no-preference' });
  });

  it('attributes and properties agree', async () => {
    const el = await fixture<CountdownElement>(`<drop-countdown at="${at}" now="2026-12-05T16:00:00Z" format="clock"></drop-countdown>`);
    el.at = new Date('2026-12-05T16:30:00Z');
    await el.updateComplete;
    expect(remainingText(el)).to.equal('00:30:00');
    el.now = new Date('2026-12-05T16:15:00Z');
    await el.updateComplete;
    expect(remainingText(el)).to.equal('00:15:00');
    el.setAttribute('state', 'sold-out');
    await el.updateComplete;
    expect(el.state).to.equal('sold-out');
    el.state = 'live';
    await el.updateComplete;
    expect(el.getAttribute('state')).to.equal('scheduled');
  });

  it('accepts ISO text and epoch milliseconds set as properties, the way frameworks set them', async () => {
    const el = await fixture<CountdownElement>(`<drop-countdown format="clock"></drop-countdown>`);
    const loose = el as unknown as { at: unknown; now: unknown; until: unknown };
    loose.at = '2026-12-05T16:30:00Z';
    loose.now = Date.parse('2026-12-05T16:15:00Z');
    await el.updateComplete;
    expect(el.at!.getTime()).to.equal(Date.parse('2026-12-05T16:30:00Z'));
    expect(el.state).to.equal('scheduled');
    expect(remainingText(el)).to.equal('00:15:00');
    loose.until = '2026-12-05T17:40:00+01:00';
    loose.now = '2026-12-05T16:45:00Z';
    await el.updateComplete;
    expect(el.until!.getTime()).to.equal(Date.parse('2026-12-05T16:40:00Z'));
    expect(el.state).to.equal('ended');
    // Local times stay refused as properties too.
    loose.at = '2026-12-05T18:00:00';
    await el.updateComplete;
    expect(el.at).to.equal(null);
  });

  it('an unseen countdown a month away arms no timer longer than browsers can wait', async () => {
    // A delay past 2^31 − 1 ms (24.8 days) wraps around (to 0 up to 49.7 days): the page's one timer
    // fired at once, found nothing due and armed itself again, every 4 ms, while a countdown announced
    // a month ahead sat below the fold or in a background tab (51 timers in 200 ms).
    const delays: number[] = [];
    const original = window.setTimeout;
    window.setTimeout = ((handler: TimerHandler, timeout?: number, ...rest: unknown[]) => {
      delays.push(Number(timeout ?? 0));
      return original(handler, timeout, ...rest);
    }) as typeof window.setTimeout;
    try {
      setPageVisibility('hidden');
      await fixture(`<drop-countdown at="${iso(realNow() + 30 * 24 * HOUR)}"></drop-countdown>`);
      await sleep(200);
    } finally {
      window.setTimeout = original;
      setPageVisibility('visible');
    }
    expect(delays.filter((delay) => delay > 2 ** 31 - 1)).to.deep.equal([]);
    expect(delays.filter((delay) => delay < 1000).length < 20, `${delays.length} timers in 200 ms`).to.equal(true);
  });

  it('refuses Unix seconds set as a property (a shop API timestamp) instead of opening the drop in 1970', async () => {
    // Stripe and many shop APIs give seconds; read as milliseconds they are January 1970, long past:
    // the countdown went live at once and a following button sold before the drop.
    const warnings = captureWarnings();
    try {
      const el = await fixture<CountdownElement>(`<drop-countdown format="clock">Drops Saturday</drop-countdown>`);
      const seen = recordStates(el);
      (el as unknown as { at: unknown }).at = Math.floor(Date.parse('2030-12-05T17:00:00Z') / 1000);
      await el.updateComplete;
      expect(el.at).to.equal(null);
      expect(el.state).to.equal('scheduled');
      expect(seen).to.deep.equal([]);
      expect(warnings.messages.some((message) => message.includes('at=1922720400 looks like seconds'))).to.equal(true);
    } finally {
      warnings.restore();
    }
  });

  it('the live dot pulses, and stands still under prefers-reduced-motion', async () => {
    const el = await fixture(`<drop-countdown at="${at}" now="2026-12-05T17:01:00Z"></drop-countdown>`);
    const dot = () => getComputedStyle(part(el, 'status')!, '::before').animationName;
    expect(dot()).to.not.equal('none');
    await emulateMedia({ reducedMotion: 'reduce' });
    expect(dot()).to.equal('none');
  });

  it('twenty countdowns share one timer, which stops when they are gone', async () => {
    const target = iso(realNow() + 10 * 60_000);
    await fixture(`<div>${`<drop-countdown at="${target}"></drop-countdown>`.repeat(20)}</div>`);
    const originalSetTimeout = window.setTimeout;
    const wait = (ms: number) => new Promise<void>((resolve) => originalSetTimeout(resolve, ms));
    let calls = 0;
    window.setTimeout = ((...args: Parameters<typeof setTimeout>) => {
      calls++;
      return originalSetTimeout(...args);
    }) as typeof setTimeout;
    try {
      await wait(2100);
      expect(calls).to.be.within(1, 4);
      cleanup();
      calls = 0;
      await wait(1100);
      expect(calls).to.equal(0);
    } finally {
      window.setTimeout = originalSetTimeout;
    }
  });

  it('a countdown off-screen does no rendering work; on screen it ticks', async () => {
    const container = await fixture(
      `<div><drop-countdown id="seen" at="${iso(realNow() + 60 * 60_000)}" format="clock"></drop-countdown>
        <div style="height: 300vh"></div>
        <drop-countdown id="unseen" at="${iso(realNow() + 60 * 60_000)}" format="clock"></drop-countdown></div>`,
    );
    const changes = { seen: 0, unseen: 0 };
    for (const id of ['seen', 'unseen'] as const) {
      const el = container.querySelector(`#${id}`)!;
      new MutationObserver(() => changes[id]++).observe(el.shadowRoot!, { subtree: true, characterData: true, childList: true });
    }
    await sleep(2200);
    expect(changes.seen).to.be.greaterThan(0);
    expect(changes.unseen).to.equal(0);
    container.querySelector('#unseen')!.scrollIntoView();
    await waitFor(() => changes.unseen > 0, 'the scrolled-in countdown to render', 3000);
  });
});

describe('<drop-countdown> going live in the frame it first rendered in', () => {
  afterEach(cleanup);

  it('computes no style before its first frame, so a widget drawn "waiting" in that frame does not fade from it', async () => {
    // A buy button's colour change, stood in for by a neighbour with a long transition.
    const sheet = new CSSStyleSheet();
    sheet.replaceSync('.neighbour { transition: background-color 2s; background-color: #e5e5e5 } .neighbour.live { background-color: #111 }');
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
    try {
      const el = await fixture<CountdownElement>(`<drop-countdown at="${at}" now="2026-12-05T16:59:59Z"></drop-countdown>`);
      expect(el.state).to.equal('scheduled');
      // Still the task of the first render: nothing has computed this neighbour's style yet.
      const neighbour = document.createElement('div');
      neighbour.className = 'neighbour';
      el.after(neighbour);
      el.now = new Date('2026-12-05T17:00:01Z');
      await el.updateComplete;
      expect(el.state).to.equal('live');
      neighbour.classList.add('live');
      await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
      // A size read at the flip would have computed the grey first, and the change would be a 2 s fade.
      expect(neighbour.getAnimations().length).to.equal(0);
    } finally {
      document.adoptedStyleSheets = document.adoptedStyleSheets.filter((s) => s !== sheet);
    }
  });
});
