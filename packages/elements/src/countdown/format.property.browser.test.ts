/**
 * The countdown's text properties (format.properties.ts) in Chromium, where the clock format takes
 * the Intl.DurationFormat path that visitors of current browsers get (Node has no DurationFormat, so
 * format.property.test.ts checks the NumberFormat path), and the moment line is written by the
 * browser's own ICU data. Pure functions: run in the `src` group only (web-test-runner.config.mjs).
 */
import { expect } from '@esm-bundle/chai';
import fc from 'fast-check';
import { momentProperties, remainingProperties, transitions } from './format.properties.ts';

const moment = await momentProperties();

describe('formatRemaining in Chromium (Intl.DurationFormat), for every remaining time, language and format', () => {
  it('runs on the DurationFormat path here', () => {
    expect('DurationFormat' in Intl).to.equal(true);
  });
  for (const { name, property, runs } of remainingProperties()) {
    it(name, () => fc.assert(property as fc.IProperty<never>, { numRuns: runs }));
  }
});

describe('formatMoment in Chromium, for every instant and zone, across DST changes', () => {
  it('finds DST changes to test across (the properties below are vacuous without them)', () => {
    expect(transitions('Europe/Berlin').length >= 20).to.equal(true);
    expect(transitions('Australia/Lord_Howe').length >= 20).to.equal(true);
  });
  for (const { name, property, runs } of moment) {
    it(name, () => fc.assert(property as fc.IProperty<never>, { numRuns: runs }));
  }
});
