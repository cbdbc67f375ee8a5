import { lstat, mkdtemp, readFile, readdir, rename, rm, stat, symlink, utimes, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LEFTOVER_AGE_MS, restoreMovedAside, stageAtomically, writeAtomically } from './write.ts';

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

  it('replaces the folder a symlinked output names, and keeps the link', async () => {
    // A deploy's `public -> releases/site` (or a link to a mounted volume).
    await mkdir(join(parent, 'releases/site'), { recursive: true });
    await writeFile(join(parent, 'releases/site/old.png'), 'old');
    await symlink('releases/site', join(parent, 'public'));
    await writeAtomically(join(parent, 'public'), [{ name: 'new.png', bytes: Buffer.from('new') }]);
    expect((await lstat(join(parent, 'public'))).isSymbolicLink()).toBe(true);
    expect(await readdir(join(parent, 'releases/site'))).toEqual(['new.png']);
    expect(await readFile(join(parent, 'public/new.png'), 'utf8')).toBe('new');
    expect((await readdir(parent)).sort()).toEqual(['public', 'releases']);
    expect(await readdir(join(parent, 'releases'))).toEqual(['site']);
  });

  it('lets writers of the same folder at once each put a whole set in place in turn, leaving nothing beside it', async () => {
    // Two runs of one creator at once (a creator who saves twice): one set's two renames can fall
    // between the other's. Until 28 November 2026 about one writer in four failed (ENOTEMPTY) and
    // left the set it had moved aside as a .previous folder for good.
    const out = join(parent, 'icons');
    for (let round = 0; round < 40; round += 1) {
      const set = (tag: string) => Array.from({ length: 12 }, (_, index) => ({ name: `f${index}.txt`, bytes: Buffer.from(tag) }));
      const outcomes = await Promise.allSettled(['a', 'b', 'c'].map((tag) => writeAtomically(out, set(tag))));
      expect(outcomes.filter((outcome) => outcome.status === 'rejected')).toEqual([]);
      expect(await readdir(parent)).toEqual(['icons']);
      const tags = new Set(await Promise.all((await readdir(out)).map((name) => readFile(join(out, name), 'utf8'))));
      expect(tags.size).toBe(1);
    }
  });

  it('removes what killed runs left beside the folder (staging and moved-aside sets an hour old), nothing else', async () => {
    // A run killed outright (SIGKILL, an OOM kill, a container stopped) leaves its staging folder;
    // until 28 November 2026 every such folder stayed for good.
    const old = (Date.now() - LEFTOVER_AGE_MS - 60_000) / 1000;
    const make = async (name: string, age: number | null, file = false) => {
      const path = join(parent, name);
      if (file) await writeFile(path, 'x');
      else await mkdir(path);
      if (!file) await writeFile(join(path, 'favicon.ico'), 'x');
      if (age !== null) await utimes(path, age, age);
    };
    await make('.icons.forge-Ab12Cd', old);
    await make('.icons.forge-Ef34Gh.previous', old);
    await make('.badges.forge-Ij56Kl', old);
    await make('.icons.forge-Mn78Op', null); // a writer at work right now
    await make('.icons.forge-keep', old); // not mkdtemp's name
    await make('.icons.forge-Qr90St', old, true); // a file, not a staging folder
    await make('notes', old);
    await writeAtomically(join(parent, 'icons'), [{ name: 'favicon.svg', bytes: Buffer.from('<svg/>') }]);
    expect((await readdir(parent)).sort()).toEqual(['.icons.forge-Mn78Op', '.icons.forge-Qr90St', '.icons.forge-keep', 'icons', 'notes']);
  });

  it('keeps the previous set and leaves nothing behind when one of the files cannot be written', async () => {
    const out = join(parent, 'icons');
    await mkdir(out);
    await writeFile(join(out, 'old.png'), 'old');
    // `a` is also the folder of `a/b.png`: one of the two fails while the other writes go on.
    const files = ['one.png', 'a', 'a/b.png', 'two.png'].map((name) => ({ name, bytes: Buffer.from(name) }));
    await expect(writeAtomically(out, files)).rejects.toThrow(/EISDIR|EEXIST|ENOTDIR/);
    expect(await readdir(out)).toEqual(['old.png']);
    expect(await readdir(parent)).toEqual(['icons']);
  });
});

describe('a run killed between the two renames of its commit', () => {
  // What a SIGKILL there leaves, made on disk: the set that was in place renamed to the staging
  // folder's name plus .previous, and the whole new set still in its staging folder, no output.
  let parent: string;
  beforeEach(async () => {
    parent = await mkdtemp(join(tmpdir(), 'forge-killed-'));
  });
  afterEach(() => rm(parent, { recursive: true, force: true }));

  const set = async (path: string, tag: string, ageSeconds?: number) => {
    await mkdir(path, { recursive: true });
    await writeFile(join(path, 'favicon.ico'), tag);
    if (ageSeconds !== undefined) await utimes(path, ageSeconds, ageSeconds);
  };
  const killedMidSwap = async (out: string, name = '.icons.forge-Ab12Cd') => {
    await set(out, 'previous');
    await rename(out, join(parent, `${name}.previous`));
    await set(join(parent, name), 'staged');
  };

  it('leaves the previous set in place for a set abandoned after it, not no folder', async () => {
    const out = join(parent, 'icons');
    // An older kill's moved-aside set, long replaced by a later run: not the one to put back.
    await set(join(parent, '.icons.forge-Zz99Zz.previous'), 'older', (Date.now() - 3 * LEFTOVER_AGE_MS) / 1000);
    await killedMidSwap(out);
    const staged = await stageAtomically(out);
    void staged.add({ name: 'favicon.ico', bytes: Buffer.from('new') });
    await staged.abort();
    expect(await readFile(join(out, 'favicon.ico'), 'utf8')).toBe('previous');
    // The killed run's staging folder waits for the sweep: it could have been a live writer's.
    expect((await readdir(parent)).sort()).toEqual(['.icons.forge-Ab12Cd', '.icons.forge-Zz99Zz.previous', 'icons']);
  });

  it('says what it put back, and does nothing with the output in place', async () => {
    const out = join(parent, 'icons');
    await killedMidSwap(out);
    expect(await restoreMovedAside(out)).toBe(join(parent, '.icons.forge-Ab12Cd.previous'));
    expect(await readFile(join(out, 'favicon.ico'), 'utf8')).toBe('previous');
    await set(join(parent, '.icons.forge-Cd34Ef.previous'), 'other');
    expect(await restoreMovedAside(out)).toBe(undefined);
    expect(await readFile(join(out, 'favicon.ico'), 'utf8')).toBe('previous');
  });

  it('puts a new set in place, as if the output had been there', async () => {
    const out = join(parent, 'icons');
    await killedMidSwap(out);
    await writeAtomically(out, [{ name: 'favicon.ico', bytes: Buffer.from('new') }]);
    expect(await readdir(out)).toEqual(['favicon.ico']);
    expect(await readFile(join(out, 'favicon.ico'), 'utf8')).toBe('new');
    expect((await readdir(parent)).sort()).toEqual(['.icons.forge-Ab12Cd', 'icons']);
  });

  it("restores a symlinked output's folder, keeping the link", async () => {
    await set(join(parent, 'releases/site'), 'previous');
    await symlink('releases/site', join(parent, 'public'));
    await rename(join(parent, 'releases/site'), join(parent, 'releases/.site.forge-Ab12Cd.previous'));
    await set(join(parent, 'releases/.site.forge-Ab12Cd'), 'staged');
    // The link names a missing folder: staged beside the link, the rename replaced the link itself.
    await writeAtomically(join(parent, 'public'), [{ name: 'favicon.ico', bytes: Buffer.from('new') }]);
    expect((await lstat(join(parent, 'public'))).isSymbolicLink()).toBe(true);
    expect(await readFile(join(parent, 'releases/site/favicon.ico'), 'utf8')).toBe('new');
    expect((await readdir(parent)).sort()).toEqual(['public', 'releases']);
  });

  it("is not swept as a leftover when a batch's other set is put in place beside it, however old", async () => {
    const old = (Date.now() - LEFTOVER_AGE_MS - 60_000) / 1000;
    await killedMidSwap(join(parent, 'ada'), '.ada.forge-Ab12Cd');
    await utimes(join(parent, '.ada.forge-Ab12Cd.previous'), old, old);
    await utimes(join(parent, '.ada.forge-Ab12Cd'), old, old);
    await writeAtomically(join(parent, 'nova'), [{ name: 'favicon.ico', bytes: Buffer.from('nova') }]);
    // The staging folder an hour old goes; the set that is ada's output until ada's next run stays.
    expect((await readdir(parent)).sort()).toEqual(['.ada.forge-Ab12Cd.previous', 'nova']);
    await restoreMovedAside(join(parent, 'ada'));
    expect(await readFile(join(parent, 'ada/favicon.ico'), 'utf8')).toBe('previous');
  });
});

describe('stageAtomically (files written as they are rendered)', () => {
  let parent: string;
  beforeEach(async () => {
    parent = await mkdtemp(join(tmpdir(), 'forge-stage-'));
  });
  afterEach(() => rm(parent, { recursive: true, force: true }));

  it('keeps the previous set in place until commit, then replaces it whole', async () => {
    const out = join(parent, 'icons');
    await mkdir(out);
    await writeFile(join(out, 'old.png'), 'old');
    const staged = await stageAtomically(out);
    await staged.add({ name: 'favicon.svg', bytes: Buffer.from('<svg/>') });
    await staged.add({ name: 'mark/mark.png', bytes: Buffer.from('png') });
    expect(await readdir(out)).toEqual(['old.png']);
    await staged.commit();
    expect((await readdir(out)).sort()).toEqual(['favicon.svg', 'mark']);
    expect(await readFile(join(out, 'mark', 'mark.png'), 'utf8')).toBe('png');
    expect(await readdir(parent)).toEqual(['icons']);
  });

  it('waits for a write still under way before it commits', async () => {
    const out = join(parent, 'icons');
    const staged = await stageAtomically(out);
    const big = Buffer.alloc(8 << 20, 1);
    void staged.add({ name: 'sub/big.bin', bytes: big });
    await staged.commit();
    expect((await stat(join(out, 'sub', 'big.bin'))).size).toBe(big.length);
  });

  it('on abort keeps the previous set, removes the staging folder and refuses later files', async () => {
    const out = join(parent, 'icons');
    await mkdir(out);
    await writeFile(join(out, 'old.png'), 'old');
    const staged = await stageAtomically(out);
    void staged.add({ name: 'a.png', bytes: Buffer.from('a') });
    await staged.abort();
    // A late image of a failed set: its subfolder must not bring the staging folder back.
    await expect(staged.add({ name: 'mark/late.png', bytes: Buffer.from('late') })).rejects.toThrow(/abandoned/);
    expect(await readdir(out)).toEqual(['old.png']);
    expect(await readdir(parent)).toEqual(['icons']);
  });
});
