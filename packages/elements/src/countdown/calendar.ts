/**
 * Add-to-calendar, made in the visitor's browser: a Google Calendar link here, and an RFC 5545
 * `.ics` file in ics.ts (its own chunk, loaded when a visitor asks for it). No third-party service
 * sees who saved which drop.
 */
export interface CalendarEvent {
  start: Date;
  end: Date;
  summary: string;
  /** An https page for the drop, if there is one. */
  url?: string | undefined;
  /** When the file was made (DTSTAMP). */
  stamp: Date;
}

/** 20261205T170000Z — the UTC form both RFC 5545 and Google Calendar accept. */
export const utcStamp = (date: Date): string => date.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');

export function googleCalendarUrl(event: Omit<CalendarEvent, 'stamp'>): string {
  const url = new URL('https://calendar.google.com/calendar/render');
  url.searchParams.set('action', 'TEMPLATE');
  url.searchParams.set('text', event.summary);
  url.searchParams.set('dates', `${utcStamp(event.start)}/${utcStamp(event.end)}`);
  if (event.url) url.searchParams.set('details', event.url);
  return url.href;
}

