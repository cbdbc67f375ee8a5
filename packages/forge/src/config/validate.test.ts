import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { configErrors, assertValidConfig } from './validate.ts';
import { ForgeConfigError } from '../errors.ts';
import { testConfig } from '../testing/marks.ts';

describe('creator config validation', () => {
  it('accepts a complete config and a minimal one', () => {
    expect(configErrors(testConfig({ url: 'https://nova.example/shop', glyph: 'glyph.svg' }))).toEqual([]);
    expect(configErrors({ name: 'A', mark: 'a.svg', colors: { brand: '#f36', background: '#FFFFFF' } })).toEqual([]);
  });

  it('names the field and the expected value', () => {
    const errors = configErrors(testConfig({ colors: { brand: 'red;}' as never, background: '#fff' } }));
    expect(errors).toEqual(['Expected a hex colour such as #ff3366 or #f36 for colors.brand but received "red;}"']);
  });

  it('lists every problem at once', () => {
    const errors = configErrors({ mark: 42, colors: { background: '#fff', dark: { brand: '#000' } }, url: 'http://x', extra: 1 });
    expect(errors).toEqual([
      'Expected name (required) but it is missing',
      'Expected a non-empty string for mark but received number 42',
      'Expected colors.brand (required) but it is missing',
      'Expected colors.dark.background (required) but it is missing',
      'Expected an https:// URL for url but received "http://x"',
      'Unexpected field extra; expected one of: name, shortName, url, mark, glyph, colors, badges, social',
    ]);
  });

  it('rejects non-objects and empty strings', () => {
    expect(configErrors([])).toEqual(['Expected an object for the config but received an array']);
    expect(configErrors(testConfig({ name: '' }))).toEqual(['Expected a non-empty string for name but received an empty string']);
    expect(configErrors(testConfig({ shortName: 'x'.repeat(31) }))).toEqual(['Expected at most 30 characters for shortName but received 31']);
  });

  it('throws a typed error carrying every problem', () => {
    expect(() => assertValidConfig({}, 'creator.json')).toThrow(ForgeConfigError);
    try {
      assertValidConfig({}, 'creator.json');
    } catch (error) {
      expect((error as ForgeConfigError).problems).toHaveLength(3);
      expect((error as Error).message).toMatch(/^creator\.json: Expected name \(required\)/);
    }
  });

  it('ships the schema it validates with', () => {
    const shipped = JSON.parse(readFileSync(new URL('./creator-config.schema.json', import.meta.url), 'utf8'));
    expect(shipped.required).toEqual(['name', 'mark', 'colors']);
    expect(Object.keys(shipped.properties)).toContain('badges');
  });
});
