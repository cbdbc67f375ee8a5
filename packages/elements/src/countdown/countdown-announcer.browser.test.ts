/**
 * The page's one screen-reader announcer as countdowns use it: a milestone that many countdowns
 * reach together is spoken once, different drops keep their names, and the region survives a
 * framework that re-renders the body's children. Real milestones on the real clock (each test
 * waits about a second for the 1 minute milestone).
 */
import { expect } from '@esm-bundle/chai';
import { cleanup, fixture } from '../test-support/fixture.ts';
import { expectNoAxeViolations } from '../test-support/axe.ts';
import { documentAnnouncer } from '../shared/announcer.ts';
import { announcerRegion, iso, realNow, recordAnnouncements, sleep, waitFor } from './countdown-test-helpers.ts';

/** One minute and a bit from now: the 1 minute milestone is crossed about a second after mounting. */
const nearMinute = () => iso(realNow() + 60_000 + 900);

describe('<drop-countdown> and the page announcer', () => {
  afterEach(cleanup);

  it('fifty countdowns crossing the same milestone in the same second say it once', async () => {
    const at = nearMinute();
    // Taller than the viewport: some tick on screen, the others only wake for the milestone.
    const countdowns = Array.from({ length: 50 }, () => `<drop-countdown name="Crowd drop" at="${at}"></drop-countdown>`);
    const container = await fixture(`<div>${countdowns.join('<br>')}</div>`);
    expect(container.querySelectorAll('drop-countdown').length).to.equal(50);
    const said = recordAnnouncements();
    await waitFor(() => said.length > 0, 'the milestone', 4000);
    await sleep(500);
    expect(said).to.deep.equal(['Crowd drop: The drop starts in 1 minute.']);
  });

  it('two drops reaching a milestone together are each announced, by name', async () => {
    const at = nearMinute();
    await fixture(`<div>
      <drop-countdown name="Winter hoodie" at="${at}"></drop-countdown>
      <drop-countdown name="Winter hoodie" at="${at}"></drop-countdown>
      <drop-countdown name="Tour poster" at="${at}"></drop-countdown>
    </div>`);
    const said = recordAnnouncements();
    await waitFor(() => said.length >= 2, 'both milestones', 4000);
    await sleep(500);
    expect([...said].sort()).to.deep.equal([
      'Tour poster: The drop starts in 1 minute.',
      'Winter hoodie: The drop starts in 1 minute.',
    ]);
    // Both stay readable together in the region until the next burst.
    const held = [...announcerRegion()!.children].map((said) => said.textContent);
    expect(held).to.include('Tour poster: The drop starts in 1 minute.');
    expect(held).to.include('Winter hoodie: The drop starts in 1 minute.');
  });

  it('speaks in the language its words are in: English on a page dropkit has no words for, marked so', async () => {
    // "The drop starts in 1 minuutin päästä." was neither language, and read with the page's voice.
    await fixture(`<div lang="fi"><drop-countdown at="${nearMinute()}"></drop-countdown></div>`);
    const said = recordAnnouncements();
    await waitFor(() => said.length > 0, 'the milestone', 4000);
    expect(said).to.deep.equal(['The drop starts in 1 minute.']);
    expect(announcerRegion()!.lastElementChild!.getAttribute('lang')).to.equal('en');
  });

  it('marks what it says with its lang even where the countdown needs none: the region inherits the page\'s', async () => {
    // A German shop section on an English page: the countdown's own text inherits German from the
    // section, but the announcer sits in the body, where English would read "Der Drop startet…".
    await fixture(`<div lang="de"><drop-countdown at="${nearMinute()}"></drop-countdown></div>`);
    const said = recordAnnouncements();
    await waitFor(() => said.length > 0, 'the milestone', 4000);
    expect(said[0]).to.not.include('The drop');
    expect(announcerRegion()!.lastElementChild!.getAttribute('lang')).to.equal('de');
  });

  it('is put back, and still speaks, after a framework re-renders the body without it', async () => {
    // The milestone comes 2.5 s after mounting, after the region had to be put back twice.
    await fixture(`<drop-countdown name="Re-render drop" at="${iso(realNow() + 62_500)}"></drop-countdown>`);
    const host = document.querySelector('dropkit-announcer')!;
    const region = announcerRegion()!;
    // A framework removing the nodes it does not know…
    host.remove();
    await waitFor(() => host.isConnected, 'the announcer put back', 1000);
    // …or re-rendering every child of <body>, its own nodes included (the countdown reconnecting
    // puts the region back at once).
    document.body.replaceChildren(...[...document.body.childNodes].filter((node) => node !== host));
    await waitFor(() => host.isConnected, 'the announcer put back after the re-render', 1000);
    expect(document.querySelectorAll('dropkit-announcer').length).to.equal(1);
    expect(announcerRegion()).to.equal(region);
    const said = recordAnnouncements();
    await waitFor(() => said.length > 0, 'the milestone', 4000);
    expect(said).to.deep.equal(['Re-render drop: The drop starts in 1 minute.']);
  });

  it('stays in the document while no countdown needs it, and is found again by the next one', async () => {
    const first = await fixture(`<drop-countdown at="${iso(realNow() + 3_600_000)}"></drop-countdown>`);
    first.remove();
    const region = announcerRegion();
    expect(region?.isConnected).to.equal(true);
    await fixture(`<drop-countdown at="${iso(realNow() + 3_600_000)}"></drop-countdown>`);
    expect(announcerRegion()).to.equal(region);
    expect(document.querySelectorAll('dropkit-announcer').length).to.equal(1);
  });

  it('is shared with another dropkit copy on the page: one region, nothing said twice', async () => {
    // In the cdn groups this import is a second copy of the module beside the built kit's own.
    await fixture(`<drop-countdown name="Two copies drop" at="${nearMinute()}"></drop-countdown>`);
    const said = recordAnnouncements();
    const other = documentAnnouncer();
    const release = other.hold();
    await waitFor(() => said.length > 0, 'the milestone', 4000);
    other.say('Two copies drop: The drop starts in 1 minute.');
    release();
    await sleep(100);
    expect(said).to.deep.equal(['Two copies drop: The drop starts in 1 minute.']);
    expect(document.querySelectorAll('dropkit-announcer').length).to.equal(1);
    await expectNoAxeViolations(document.querySelector('dropkit-announcer')!);
  });
});
