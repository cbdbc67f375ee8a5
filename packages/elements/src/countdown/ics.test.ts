import { describe, expect, it } from 'vitest';
import { buildIcs, escapeText, eventUid, foldLine, icsFileName } from './ics.ts';
import { googleCalendarUrl, utcStamp } from './calendar.ts';

const event = {
  start: new Date('2026-12-05T17:00:00Z'),
  end: new Date('2026-12-05T19:30:00Z'),
  summary: 'Winter drop; hoodies, caps\nand more',
  url: 'https://shop.example/drops/winter',
  stamp: new Date('2026-11-27T08:09:10.500Z'),
};

/** Undo RFC 5545 folding: a CRLF followed by one space or tab joins the lines. */
const unfold = (text: string) => text.replace(/\r\n[ \t]/g, '');

describe('buildIcs', () => {
  const ics = buildIcs(event);

  it('is one VEVENT in a VCALENDAR with the required properties', () => {
    const lines = unfold(ics).split('\r\n');
    expect(lines[0]).toBe('BEGIN:VCALENDAR');
    expect(lines.at(-1)).toBe('');
    expect(lines.at(-2)).toBe('END:VCALENDAR');
    expect(lines).toContain('VERSION:2.0');
    expect(lines.some((l) => l.startsWith('PRODID:'))).toBe(true);
    const begin = lines.indexOf('BEGIN:VEVENT');
    const end = lines.indexOf('END:VEVENT');
    expect(begin).toBeGreaterThan(0);
    expect(end).toBeGreaterThan(begin);
    const props = new Map(lines.slice(begin + 1, end).map((l) => [l.slice(0, l.indexOf(':')), l.slice(l.indexOf(':') + 1)]));
    expect(props.get('UID')).toMatch(/^20261205T170000Z-[0-9a-f]+@dropkit$/);
    expect(props.get('DTSTAMP')).toBe('20261127T080910Z');
    expect(props.get('DTSTART')).toBe('20261205T170000Z');
    expect(props.get('DTEND')).toBe('20261205T193000Z');
    expect(props.get('SUMMARY')).toBe('Winter drop\\; hoodies\\, caps\\nand more');
    expect(props.get('URL')).toBe('https://shop.example/drops/winter');
  });

  it('uses CRLF everywhere and no bare LF', () => {
    expect(ics.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
  });

  it('folds every line at 75 octets, counting UTF-8 bytes', () => {
    const long = buildIcs({ ...event, summary: `Édition limitée ${'🧢'.repeat(30)} — ${'x'.repeat(80)}` });
    for (const line of long.split('\r\n')) expect(new TextEncoder().encode(line).length).toBeLessThanOrEqual(75);
    expect(unfold(long)).toContain(`SUMMARY:Édition limitée ${'🧢'.repeat(30)} — ${'x'.repeat(80)}`);
  });

  it('omits URL when there is none', () => {
    expect(buildIcs({ ...event, url: undefined })).not.toContain('URL:');
  });
});

describe('ICS pieces', () => {
  it('escapes backslash, semicolon, comma and newlines', () => {
    expect(escapeText('a\\b;c,d\r\ne\nf')).toBe('a\\\\b\\;c\\,d\\ne\\nf');
  });

  // Found by ics.property.test.ts: a NUL or another control character went into the file as it was.
  it('leaves out control characters, which RFC 5545 content lines may not hold (HTAB stays)', () => {
    expect(escapeText('\u001f')).toBe('');
    expect(escapeText('Drop\u0000 one\tday\u007f')).toBe('Drop one\tday');
    expect(buildIcs({ ...event, summary: '\u0000' })).toContain('\r\nSUMMARY:\r\n');
  });

  it('never splits a multi-byte character when folding', () => {
    const folded = foldLine('SUMMARY:' + 'é'.repeat(60));
    const pieces = folded.split('\r\n');
    expect(pieces.length).toBe(2);
    expect(pieces[1]!.startsWith(' ')).toBe(true);
    expect(new TextEncoder().encode(pieces[0]!).length).toBeLessThanOrEqual(75);
    expect(unfold(folded)).toBe('SUMMARY:' + 'é'.repeat(60));
  });

  it('gives the same drop the same UID, a different drop a different one', () => {
    expect(eventUid(event)).toBe(eventUid({ ...event }));
    expect(eventUid(event)).not.toBe(eventUid({ ...event, summary: 'Spring drop' }));
  });

  it('names the file safely', () => {
    expect(icsFileName('Winter drop: Hoodies / Caps!')).toBe('winter-drop-hoodies-caps.ics');
    expect(icsFileName('🧢')).toBe('drop.ics');
  });
});

describe('googleCalendarUrl', () => {
  it('is an https template link with UTC dates', () => {
    const url = new URL(googleCalendarUrl(event));
    expect(url.protocol).toBe('https:');
    expect(url.hostname).toBe('calendar.google.com');
    expect(url.searchParams.get('action')).toBe('TEMPLATE');
    expect(url.searchParams.get('text')).toBe(event.summary);
    expect(url.searchParams.get('dates')).toBe('20261205T170000Z/20261205T193000Z');
    expect(url.searchParams.get('details')).toBe(event.url);
    expect(utcStamp(event.start)).toBe('20261205T170000Z');
  });
});
