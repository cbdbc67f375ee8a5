import { describe, expect, it } from 'vitest';
import {
  cityOf,
  crossedMilestone,
  formatMoment,
  formatRemaining,
  milestoneText,
  nextMilestoneMoment,
  remainingSeconds,
  zoneName,
} from './format.ts';
import de from '../i18n/de.ts';
import es from '../i18n/es.ts';
import he from '../i18n/he.ts';
import ja from '../i18n/ja.ts';
import nl from '../i18n/nl.ts';
import { languageChunks } from '../shared/words.ts';

const S = 1000;
const M = 60 * S;
const H = 60 * M;
const D = 24 * H;

describe('formatRemaining', () => {
  const left = 2 * D + 3 * H + 4 * M + 5 * S;

  it('clock: padded digits, days as a unit', () => {
    expect(formatRemaining(3 * H + 4 * M + 5 * S, 'clock', 'en')).toBe('03:04:05');
    expect(formatRemaining(left, 'clock', 'en')).toBe('2d 03:04:05');
  });

  it('long and compact spell every unit left, localized', () => {
    expect(formatRemaining(left, 'long', 'en')).toBe('2 days, 3 hours, 4 minutes, 5 seconds');
    expect(formatRemaining(left, 'compact', 'en')).toBe('2d 3h 4m 5s');
    expect(formatRemaining(left, 'long', 'de')).toBe('2 Tage, 3 Stunden, 4 Minuten und 5 Sekunden');
    expect(formatRemaining(left, 'long', 'fr')).toMatch(/^2\sjours, 3\sheures, 4\sminutes et 5\ssecondes$/);
  });

  it('uses the locale digits (Arabic-Indic for ar-EG)', () => {
    expect(formatRemaining(3 * H + 4 * M + 5 * S, 'clock', 'ar-EG')).toBe('٠٣:٠٤:٠٥');
  });

  it('auto: days and hours when far, a clock when under a day', () => {
    expect(formatRemaining(left, 'auto', 'en')).toBe('2 days, 3 hours');
    expect(formatRemaining(5 * M + 1 * S, 'auto', 'en')).toBe('00:05:01');
  });

  // Found by format.property.test.ts: with no hours left over, auto went on to the minutes or seconds.
  it('auto with days left says days and hours only, even with no hours', () => {
    expect(formatRemaining((20 * D + S), 'auto', 'en')).toBe('20 days');
    expect(formatRemaining(2 * D + 5 * M, 'auto', 'en')).toBe('2 days');
    expect(formatRemaining(2 * D + 3 * H + 5 * M, 'auto', 'en')).toBe('2 days, 3 hours');
  });

  it('rounds up to whole seconds and never goes negative', () => {
    expect(remainingSeconds(400)).toBe(1);
    expect(remainingSeconds(0)).toBe(0);
    expect(remainingSeconds(-5000)).toBe(0);
    expect(formatRemaining(-5 * S, 'clock', 'en')).toBe('00:00:00');
    expect(formatRemaining(-5 * S, 'long', 'en')).toBe('0 seconds');
    expect(formatRemaining(999, 'clock', 'en')).toBe('00:00:01');
  });
});

describe('formatMoment (visitor time and creator time)', () => {
  it('shows the creator zone with the city name', () => {
    const at = new Date('2026-12-05T17:00:00Z');
    const text = formatMoment(at, 'en-GB', 'America/Los_Angeles', 'Europe/Berlin');
    expect(text).toBe('Sat 18:00 your time · 09:00 Los Angeles');
  });

  it('is DST-correct on both sides: the same UTC hour reads differently in July and December', () => {
    const summer = new Date('2026-07-03T16:00:00Z');
    const winter = new Date('2026-12-04T17:00:00Z');
    // Berlin is UTC+2 in July, +1 in December; Los Angeles −7 and −8.
    expect(formatMoment(summer, 'en-GB', 'America/Los_Angeles', 'Europe/Berlin')).toBe(
      'Fri 18:00 your time · 09:00 Los Angeles',
    );
    expect(formatMoment(winter, 'en-GB', 'America/Los_Angeles', 'Europe/Berlin')).toBe(
      'Fri 18:00 your time · 09:00 Los Angeles',
    );
    // The day the US changes (8 Mar 2026) and Europe has not yet: 7 h apart instead of 9.
    expect(formatMoment(new Date('2026-03-10T17:00:00Z'), 'en-GB', 'America/Los_Angeles', 'Europe/Berlin')).toBe(
      'Tue 18:00 your time · 10:00 Los Angeles',
    );
  });

  it('repeats the weekday only when the creator is on another day', () => {
    const at = new Date('2026-12-05T03:00:00Z');
    expect(formatMoment(at, 'en-GB', 'America/Los_Angeles', 'Europe/Berlin')).toBe(
      'Sat 04:00 your time · Fri 19:00 Los Angeles',
    );
  });

  it('without a creator zone shows the visitor time only, in the page language', () => {
    const at = new Date('2026-12-05T17:00:00Z');
    expect(formatMoment(at, 'en-US', undefined, 'America/New_York')).toBe('Sat 12:00 PM your time');
    expect(formatMoment(at, 'en-US', 'America/Los_Angeles', 'America/New_York')).toBe('Sat 12:00 PM your time · 9:00 AM Los Angeles');
    expect(formatMoment(at, 'de', undefined, 'Europe/Berlin')).toBe('Sa., 18:00 your time');
  });

  it('says the time once to a visitor whose clock reads what the creator’s does', () => {
    const at = new Date('2026-12-05T17:00:00Z');
    expect(formatMoment(at, 'en-GB', 'Asia/Tokyo', 'Asia/Tokyo')).toBe('Sun 02:00 your time');
    // Another zone name, the same wall clock at that moment.
    expect(formatMoment(at, 'de', 'Europe/Paris', 'Europe/Berlin', de)).toBe('Sa., 18:00 (deine Zeit)');
    // The same hour on another day is still said.
    expect(formatMoment(at, 'en-GB', 'Pacific/Kiritimati', 'Pacific/Honolulu')).toBe('Sat 07:00 your time · Sun 07:00 Kiritimati');
  });

  it('names the creator zone in the page language, with no word said twice', () => {
    const at = new Date('2026-12-05T17:00:00Z');
    expect(formatMoment(at, 'de', 'America/Los_Angeles', 'Europe/Berlin', de)).toBe('Sa., 18:00 (deine Zeit) · 09:00 Los Angeles (Ortszeit)');
    expect(formatMoment(at, 'ja', 'Europe/Berlin', 'Asia/Tokyo', ja)).toBe('02:00 (日)（現地時間） · ドイツ時間 18:00 (土)');
    // The zone name carries "שעון" itself, so the template no longer adds it.
    expect(formatMoment(at, 'he', 'Asia/Tokyo', 'Asia/Jerusalem', he)).toBe('שבת 19:00 (השעה אצלך) · יום א׳ 02:00 (שעון יפן)');
    expect(formatMoment(at, 'es', 'UTC', 'Europe/Madrid', es)).toBe('sáb, 18:00 (tu hora) · 17:00 (GMT+0)');
  });

  it('names the city where the language would abbreviate the zone, and always in English', () => {
    const at = new Date('2026-12-05T17:00:00Z');
    // Dutch, Spanish and Japanese Intl say "PT", "CET" and "JST"; a visitor abroad cannot read those.
    expect(zoneName('America/Los_Angeles', 'nl', at)).toBe('Los Angeles');
    expect(zoneName('Europe/Berlin', 'es', at)).toBe('Berlin');
    expect(zoneName('Asia/Tokyo', 'ja', at)).toBe('Tokyo');
    expect(formatMoment(at, 'nl', 'America/Los_Angeles', 'Europe/Amsterdam', nl)).toBe('za 18:00 (jouw tijd) · 09:00 (Los Angeles)');
    expect(zoneName('America/Los_Angeles', 'en-GB', at)).toBe('Los Angeles');
    expect(zoneName('Australia/Sydney', 'en', at)).toBe('Sydney');
  });

  it('takes only the zone name, never the date, in every language', async () => {
    const at = new Date('2026-12-05T17:00:00Z');
    for (const language of Object.keys(languageChunks)) {
      for (const zone of ['America/Los_Angeles', 'Europe/Berlin', 'Asia/Tokyo', 'UTC', 'Australia/Sydney']) {
        const name = zoneName(zone, language, at);
        expect(name, `${language} ${zone}`).not.toMatch(/2026|٢٠٢٦/);
        expect(name.length, `${language} ${zone}`).toBeGreaterThan(3);
      }
    }
  });

  it('names a zone by its city', () => {
    expect(cityOf('America/Los_Angeles')).toBe('Los Angeles');
    expect(cityOf('America/Argentina/Buenos_Aires')).toBe('Buenos Aires');
    expect(cityOf('UTC')).toBe('UTC');
  });
});

describe('milestones', () => {
  it('announces a threshold only when it is crossed', () => {
    expect(crossedMilestone(D + S, D)).toBe(D);
    expect(crossedMilestone(H + 1, H - 500)).toBe(H);
    expect(crossedMilestone(10 * M + 1, 10 * M)).toBe(10 * M);
    expect(crossedMilestone(M + 1, M)).toBe(M);
    expect(crossedMilestone(2 * H, 2 * H - S)).toBeNull();
    expect(crossedMilestone(H, H - S)).toBeNull();
  });

  it('after a jump over several, announces only the nearest one', () => {
    expect(crossedMilestone(2 * D, 5 * M)).toBe(10 * M);
  });

  it('the first reading announces nothing', () => {
    expect(crossedMilestone(Number.NaN, 5 * M)).toBeNull();
  });

  it('knows the next moment worth waking for', () => {
    const at = 10 * D;
    expect(nextMilestoneMoment(at, at - 3 * D)).toBe(at - D);
    expect(nextMilestoneMoment(at, at - D)).toBe(at - H);
    expect(nextMilestoneMoment(at, at - 30 * M)).toBe(at - 10 * M);
    expect(nextMilestoneMoment(at, at - 5 * M)).toBe(at - M);
    expect(nextMilestoneMoment(at, at - 30 * S)).toBe(at);
  });

  it('speaks in full words in the page language', () => {
    expect(milestoneText(D, 'en')).toBe('The drop starts in 1 day.');
    expect(milestoneText(H, 'en')).toBe('The drop starts in 1 hour.');
    expect(milestoneText(10 * M, 'en')).toBe('The drop starts in 10 minutes.');
    expect(milestoneText(M, 'en')).toBe('The drop starts in 1 minute.');
    expect(milestoneText(10 * M, 'de')).toBe('The drop starts in 10 Minuten.');
  });
});
