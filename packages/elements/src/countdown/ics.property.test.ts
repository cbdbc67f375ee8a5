/**
 * Properties of the calendar file and the Google Calendar link, for every drop name and link: any
 * Unicode (emoji, accents, right-to-left), the characters RFC 5545 escapes (, ; \ and line breaks),
 * control characters, and names far longer than a line. The file must stay valid RFC 5545 and read
 * back to what went in; the link must carry the same through URLSearchParams.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildIcs, foldLine } from './ics.ts';
import { googleCalendarUrl } from './calendar.ts';

const encoder = new TextEncoder();
const octets = (text: string) => encoder.encode(text).length;
/** No half of a surrogate pair alone: a piece cut through a 4-octet UTF-8 character would have one. */
const wellFormed = (text: string) => !/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(text);

/** RFC 5545 §3.1 unfolding: a CRLF followed by one space or tab joins the lines. */
const unfold = (text: string) => text.replace(/\r\n[ \t]/g, '');
/** RFC 5545 §3.3.11 TEXT unescaping, one escape at a time from the left. */
const unescape = (text: string) => text.replace(/\\([\\;,nN])/g, (_, c: string) => (c === 'n' || c === 'N' ? '\n' : c));

/** Text pieces that stress the escaping and the octet counting, strung into names of any length. */
const piece = fc.oneof(
  { weight: 4, arbitrary: fc.string({ unit: 'binary', maxLength: 12 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 6 }) },
  {
    weight: 3,
    arbitrary: fc.constantFrom(',', ';', '\\', '\\n', '\r\n', '\n', '\r', '\t', ':', '"', 'é', '€', '🧢', '👩‍👩‍👧', 'שלום', 'ア', '\u0000', '\u001f', '\u007f', '\u2028', ' ', 'x'.repeat(80)),
  },
);
const summary = fc.array(piece, { maxLength: 40 }).map((pieces) => pieces.join(''));

/** https links as the element passes them: URL.href, so percent-encoded and ASCII. */
const link = fc.option(
  fc
    .tuple(fc.webUrl({ validSchemes: ['https'], withQueryParameters: true, withFragments: true }), fc.string({ unit: 'binary', maxLength: 100 }))
    .map(([url, path]) => new URL(`${url}/${encodeURIComponent(path)}`).href),
  { nil: undefined },
);

/** Any instant in years 0000–9999, the four-digit years a calendar file can write. */
const instant = fc.integer({ min: Date.parse('0000-01-01T00:00:00Z'), max: Date.parse('9999-12-31T23:59:59.999Z') }).map((ms) => new Date(ms));
const event = fc.record({ start: instant, end: instant, stamp: instant, summary, url: link });

const UTC_BASIC = /^\d{8}T\d{6}Z$/;
const basic = (date: Date) => date.toISOString().slice(0, 19).replace(/[-:]/g, '') + 'Z';

/** RFC 5545 §3.1: no control character in a content line but HTAB. */
const CONTROL = /[\u0000-\u0008\u000a-\u001f\u007f]/;

const params = { numRuns: 600 };

describe('buildIcs, for every drop name and link', () => {
  it('writes CRLF line ends only, lines of at most 75 octets, and never splits a character', () => {
    fc.assert(
      fc.property(event, (e) => {
        const ics = buildIcs(e);
        expect(ics.endsWith('\r\n')).toBe(true);
        const lines = ics.slice(0, -2).split('\r\n');
        for (const line of lines) {
          expect(line).not.toMatch(/[\r\n]/);
          expect(octets(line), line).toBeLessThanOrEqual(75);
          expect(wellFormed(line), line).toBe(true);
        }
      }),
      params,
    );
  });

  it('has no control characters in any line (RFC 5545 allows HTAB only)', () => {
    fc.assert(
      fc.property(event, (e) => {
        for (const line of buildIcs(e).slice(0, -2).split('\r\n')) expect(line, JSON.stringify(line)).not.toMatch(CONTROL);
      }),
      params,
    );
  });

  it('reads back: unfolding and unescaping give the name (line breaks as LF, controls gone) and the link', () => {
    fc.assert(
      fc.property(event, (e) => {
        const lines = unfold(buildIcs(e)).split('\r\n');
        const value = (name: string) => lines.filter((l) => l.startsWith(`${name}:`)).map((l) => l.slice(name.length + 1));
        const expected = e.summary.replace(/\r\n|\r/g, '\n').replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '');
        // RFC 5545 TEXT: ; , and \ only escaped, and no control but HTAB.
        expect(value('SUMMARY')[0]).toMatch(/^(?:[^\\;,\x00-\x08\x0a-\x1f\x7f]|\\[\\;,nN])*$/);
        expect(value('SUMMARY').map(unescape)).toEqual([expected]);
        expect(value('URL')).toEqual(e.url ? [e.url] : []);
      }),
      params,
    );
  });

  it('writes DTSTART, DTEND and DTSTAMP in UTC basic form, UID once, one event', () => {
    fc.assert(
      fc.property(event, (e) => {
        const lines = unfold(buildIcs(e)).split('\r\n');
        const value = (name: string) => lines.filter((l) => l.startsWith(`${name}:`)).map((l) => l.slice(name.length + 1));
        expect(value('DTSTART')).toEqual([basic(e.start)]);
        expect(value('DTEND')).toEqual([basic(e.end)]);
        expect(value('DTSTAMP')).toEqual([basic(e.stamp)]);
        for (const stamp of [...value('DTSTART'), ...value('DTEND'), ...value('DTSTAMP')]) expect(stamp).toMatch(UTC_BASIC);
        expect(value('UID')).toHaveLength(1);
        expect(value('UID')[0]).toMatch(/^\d{8}T\d{6}Z-[0-9a-f]+@dropkit$/);
        expect(lines.filter((l) => l === 'BEGIN:VEVENT')).toHaveLength(1);
        expect(lines.filter((l) => l === 'END:VEVENT')).toHaveLength(1);
        // Every unfolded line is a property: a name, then ":" (nothing a name could have pushed out).
        for (const line of lines.slice(0, -1)) expect(line).toMatch(/^[A-Z-]+:/);
      }),
      params,
    );
  });
});

describe('foldLine, for every line', () => {
  it('unfolds to itself, each piece at most 75 octets, continuations starting with one space', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 400 }), fc.string({ unit: 'grapheme', maxLength: 100 }), (a, b) => {
        const line = `SUMMARY:${a}${b}`.replace(/[\r\n]/g, '');
        const folded = foldLine(line);
        expect(unfold(folded)).toBe(line);
        const pieces = folded.split('\r\n');
        for (const [i, p] of pieces.entries()) {
          expect(octets(p)).toBeLessThanOrEqual(75);
          expect(wellFormed(p)).toBe(true);
          if (i > 0) expect(p[0]).toBe(' ');
        }
        // Folded only where needed: every piece but the last is full (another character would not fit).
        for (const [i, p] of pieces.slice(0, -1).entries()) {
          const next = [...pieces[i + 1]!.slice(1)][0]!;
          expect(octets(p) + octets(next)).toBeGreaterThan(75);
        }
      }),
      params,
    );
  });
});

describe('googleCalendarUrl, for every drop name and link', () => {
  it('carries the name, the UTC dates and the link through URLSearchParams unchanged', () => {
    fc.assert(
      fc.property(event, (e) => {
        const url = new URL(googleCalendarUrl(e));
        expect(url.origin + url.pathname).toBe('https://calendar.google.com/calendar/render');
        expect(url.searchParams.get('action')).toBe('TEMPLATE');
        expect(url.searchParams.get('text')).toBe(e.summary);
        expect(url.searchParams.get('dates')).toBe(`${basic(e.start)}/${basic(e.end)}`);
        expect(url.searchParams.get('details')).toBe(e.url || null);
      }),
      params,
    );
  });
});
