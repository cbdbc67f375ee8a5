/**
 * The countdown's text properties (format.properties.ts) in Node. Node's Intl has no DurationFormat,
 * so the clock format is checked on its NumberFormat path here; format.property.browser.test.ts runs
 * the same properties in Chromium, on the DurationFormat path.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { momentProperties, remainingProperties, transitions, utcOffsetMinutes } from './format.properties.ts';

describe('formatRemaining, for every remaining time, language and format', () => {
  it('runs on the NumberFormat path here (the browser file covers DurationFormat)', () => {
    expect('DurationFormat' in Intl).toBe(false);
  });
  for (const { name, property, runs } of remainingProperties()) {
    it(name, () => fc.assert(property, { numRuns: runs }));
  }
});

describe('formatMoment, for every instant and zone, across DST changes', async () => {
  it('finds DST changes to test across (the properties below are vacuous without them)', () => {
    for (const name of ['America/Los_Angeles', 'Europe/Berlin', 'Australia/Lord_Howe', 'Pacific/Chatham', 'America/St_Johns']) {
      expect(transitions(name).length, name).toBeGreaterThanOrEqual(20);
    }
    // Lord Howe moves by half an hour.
    const [first] = transitions('Australia/Lord_Howe');
    expect(Math.abs(utcOffsetMinutes('Australia/Lord_Howe', first!) - utcOffsetMinutes('Australia/Lord_Howe', first! - 60_000))).toBe(30);
  });
  for (const { name, property, runs } of await momentProperties()) {
    it(name, () => fc.assert(property as fc.IProperty<never>, { numRuns: runs }));
  }
});
