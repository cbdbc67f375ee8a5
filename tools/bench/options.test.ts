import { describe, expect, it } from 'vitest';
import { allSections, parseOptions, runtimePages } from './options.mjs';

describe('bench options', () => {
  it('defaults to 10 s windows, every section, and a fresh build', () => {
    expect(parseOptions([])).toMatchObject({ window: 10, loads: 10, cycles: 10, sections: allSections, pages: runtimePages, build: true });
  });

  it('has a quick mode and lets each figure be set', () => {
    expect(parseOptions(['--quick'])).toMatchObject({ window: 3, loads: 3, cycles: 3 });
    expect(parseOptions(['--window=2.5', '--only=size,forge', '--no-build'])).toMatchObject({ window: 2.5, sections: ['size', 'forge'], build: false });
    expect(parseOptions(['--pages=20,1000/20']).pages).toEqual(['20', '1000/20']);
    expect(parseOptions(['--kit=/tmp/release/cdn'])).toMatchObject({ kit: '/tmp/release/cdn', build: false });
  });

  it('says what it expected when a flag is wrong', () => {
    expect(() => parseOptions(['--window=-1'])).toThrow("Expected a positive number for --window but received '-1'");
    expect(() => parseOptions(['--only=size,speed'])).toThrow('Expected --only=');
    expect(() => parseOptions(['--pages=100,5000'])).toThrow("Expected --pages=");
    expect(() => parseOptions(['--fast'])).toThrow("Unknown option '--fast'");
  });
});
