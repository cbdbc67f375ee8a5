import { mkdtemp, readFile, readdir, rm, stat, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeAtomically } from './write.ts';

describe('writeAtomically', () => {
  let parent: string;
  beforeEach(async () => {
    parent = await mkdtemp(join(tmpdir(), 'forge-write-'));
  });
  afterEach(() => rm(parent, { recursive: true, force: true }));

  it('creates the output folder with the mode mkdir would give it, not a private temp mode', async () => {
    const out = join(parent, 'icons');
    await writeAtomically(out, [{ name: 'favicon.svg', bytes: Buffer.from('<svg/>') }]);
    const mode = (await stat(out)).mode & 0o777;
    await mkdir(join(parent, 'reference'));
    const reference = (await stat(join(parent, 'reference'))).mode & 0o777;
    expect(mode.toString(8)).toBe(reference.toString(8));
  });

  it('replaces the previous set whole and leaves no staging folder behind', async () => {
    const out = join(parent, 'icons');
    await mkdir(out);
    await writeFile(join(out, 'old.png'), 'old');
    await writeAtomically(out, [{ name: 'sub/new.png', bytes: Buffer.from('new') }]);
    expect(await readdir(out)).toEqual(['sub']);
    expect(await readFile(join(out, 'sub', 'new.png'), 'utf8')).toBe('new');
    expect(await readdir(parent)).toEqual(['icons']);
  });

  it('keeps the previous set and leaves nothing behind when one of the files cannot be written', async () => {
    const out = join(parent, 'icons');
    await mkdir(out);
    await writeFile(join(out, 'old.png'), 'old');
    // `a` is also the folder of `a/b.png`: writing it fails while the other writes go on.
    const files = ['one.png', 'a', 'a/b.png', 'two.png'].map((name) => ({ name, bytes: Buffer.from(name) }));
    await expect(writeAtomically(out, files)).rejects.toThrow(/EISDIR/);
    expect(await readdir(out)).toEqual(['old.png']);
    expect(await readdir(parent)).toEqual(['icons']);
  });
});
