import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DROP_STATES, VERSION, isDropState } from './vocabulary.ts';

describe('vocabulary', () => {
  it('VERSION matches the package version that npm publishes', () => {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));
    expect(VERSION).toBe(pkg.version);
  });

  it('recognises exactly the four drop states', () => {
    expect(DROP_STATES).toEqual(['scheduled', 'live', 'sold-out', 'ended']);
    for (const state of DROP_STATES) expect(isDropState(state)).toBe(true);
    for (const other of ['Live', 'soldout', '', null, 3, undefined]) expect(isDropState(other)).toBe(false);
  });
});
