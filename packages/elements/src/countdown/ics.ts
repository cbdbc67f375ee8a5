/** The RFC 5545 calendar file for a drop (loaded only when a visitor clicks "Add to calendar"). */
import { utcStamp, type CalendarEvent } from './calendar.ts';

/**
 * RFC 5545 §3.3.11: backslash, semicolon, comma and line breaks are escaped in TEXT values. Other
 * control characters (a NUL or an escape pasted into a name) have no escape and no place in a content
 * line (§3.1 allows HTAB only), so they are left out.
 */
export const escapeText = (text: string): string =>
  text
    .replace(/[\\;,]/g, (c) => `\\${c}`)
    .replace(/\r\n|\r|\n/g, '\\n')
    .replace(/[\x00-\x08\x0b-\x1f\x7f]/g, '');

const encoder = new TextEncoder();

/**
 * RFC 5545 §3.1: lines longer than 75 octets continue on the next line after CRLF and one space.
 * Octets, not characters, and never through the middle of a UTF-8 sequence.
 */
export function foldLine(line: string): string {
  const pieces: string[] = [];
  let current = '';
  let octets = 0;
  for (const char of line) {
    const size = encoder.encode(char).length;
    // Continuation lines start with a space, which counts towards their 75.
    if (octets + size > 75) {
      pieces.push(current);
      current = ' ';
      octets = 1;
    }
    current += char;
    octets += size;
  }
  pieces.push(current);
  return pieces.join('\r\n');
}

/**
 * The UID is derived from the drop itself, so saving the same drop twice updates one calendar entry
 * instead of adding a second.
 */
export function eventUid(event: Pick<CalendarEvent, 'start' | 'summary' | 'url'>): string {
  let hash = 0x811c9dc5;
  for (const char of `${event.summary}\n${event.url ?? ''}`) {
    hash = Math.imul(hash ^ char.codePointAt(0)!, 0x01000193) >>> 0;
  }
  return `${utcStamp(event.start)}-${hash.toString(16)}@dropkit`;
}

export function buildIcs(event: CalendarEvent): string {
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//dropkit//drop-countdown//EN',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    'BEGIN:VEVENT',
    `UID:${eventUid(event)}`,
    `DTSTAMP:${utcStamp(event.stamp)}`,
    `DTSTART:${utcStamp(event.start)}`,
    `DTEND:${utcStamp(event.end)}`,
    `SUMMARY:${escapeText(event.summary)}`,
    ...(event.url ? [`URL:${event.url}`] : []),
    'END:VEVENT',
    'END:VCALENDAR',
  ];
  return lines.map(foldLine).join('\r\n') + '\r\n';
}

/** A calendar file name a phone will open: letters, digits and dashes only. */
export const icsFileName = (summary: string): string =>
  `${summary.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 60) || 'drop'}.ics`;
