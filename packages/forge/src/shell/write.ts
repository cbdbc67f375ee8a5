import { chmod, lstat, mkdir, mkdtemp, readdir, readlink, realpath, rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import type { ForgedFile } from '../plan/types.ts';

type FileToWrite = Pick<ForgedFile, 'name' | 'bytes'>;

/** An output folder being written: files land in a staging folder until `commit`. */
export interface StagedWrite {
  /** Writes one file into the staging folder (its subfolder made on demand). */
  add(file: FileToWrite): Promise<void>;
  /** Replaces the output folder whole with the staged files, once every `add` has settled. */
  commit(): Promise<void>;
  /** Removes the staging folder, once every `add` has settled; the previous output stays as it was. */
  abort(): Promise<void>;
}

/**
 * The folder a set for `outDir` replaces. An output that is a symlink to a folder (a deploy's
 * `public -> releases/site`, a mounted volume) replaces the folder it names, staged beside that
 * folder, on its file system: renaming onto the link itself swapped the link for a folder and left
 * the one it named stale. A link whose folder is missing (moved aside by a run killed mid-swap)
 * still names it. A path not there yet is used as given.
 */
async function outputTarget(outDir: string): Promise<string> {
  const path = resolve(outDir);
  try {
    return await realpath(path);
  } catch {
    const link = await lstat(path).catch(() => undefined);
    return link?.isSymbolicLink() ? resolve(dirname(path), await readlink(path)) : path;
  }
}

/** The set a commit moved aside, named after its staging folder (mkdtemp's six characters). */
const MOVED_ASIDE = /^[A-Za-z0-9]{6}\.previous$/;

/**
 * Puts back the set a run moved aside when it was stopped between a commit's two renames (the
 * output renamed to `.<name>.forge-XXXXXX.previous`, the new set not yet renamed into place:
 * Node has no atomic exchange of two folders, so a SIGKILL or OOM kill there leaves no output
 * folder at all, and a site served from it no icons). Does nothing when the output is there. The
 * newest such folder is the set last in place (older ones were replaced by a later run). Resolves
 * with that folder's path as it was, or undefined when there was nothing to put back. The
 * killed run's staged set stays for the sweep: it may be a live writer's, an instant from its
 * second rename, which then puts its own set in place as usual (its rename finds this one there).
 */
export async function restoreMovedAside(outDir: string): Promise<string | undefined> {
  const target = await outputTarget(outDir);
  if (await lstat(target).then(() => true, () => false)) return undefined;
  const folder = dirname(target);
  const prefix = `.${basename(target)}.forge-`;
  const names = (await readdir(folder).catch(() => [])).filter((name) => name.startsWith(prefix) && MOVED_ASIDE.test(name.slice(prefix.length)));
  const found = await Promise.all(names.map(async (name) => ({ name, info: await stat(join(folder, name)).catch(() => undefined) })));
  const newest = found.filter(({ info }) => info?.isDirectory()).sort((a, b) => b.info!.mtimeMs - a.info!.mtimeMs)[0];
  if (!newest) return undefined;
  try {
    await rename(join(folder, newest.name), target);
  } catch {
    // Another writer's set went into place meanwhile, or the folder went: the output is not ours to restore.
    return undefined;
  }
  return join(folder, newest.name);
}

/**
 * Starts writing a set that replaces `outDir` whole or not at all. The CLI adds each file as soon
 * as it is rendered, so only the last image, the report and the rename are left once drawing ends
 * (written after the fact, a favicon set took 8-10 ms of a ~200 ms one-creator run).
 */
export async function stageAtomically(outDir: string): Promise<StagedWrite> {
  // (The CLI's check of what --out holds follows a symlinked output too.)
  const target = await outputTarget(outDir);
  // A set abandoned now must leave the previous output, even one a killed run left moved aside.
  await restoreMovedAside(target);
  await mkdir(dirname(target), { recursive: true });
  const staging = await mkdtemp(join(dirname(target), `.${basename(target)}.forge-`));
  const writes: Promise<void>[] = [];
  let finished = false;
  // Every write settled before the folder is moved or removed, so neither ever races one.
  const settled = async () => {
    const outcomes = await Promise.allSettled(writes);
    const failed = outcomes.find((outcome) => outcome.status === 'rejected');
    if (failed) throw failed.reason;
  };
  try {
    // mkdtemp makes a private (0700) folder; the set is a website's public icons, and the web
    // server reading it often runs as another user, so give it the mode mkdir would have.
    await chmod(staging, 0o777 & ~process.umask());
  } catch (error) {
    await rm(staging, { recursive: true, force: true });
    throw error;
  }
  return {
    add(file) {
      // A late file (another image of a creator whose set already failed) must not recreate
      // the staging folder through its subfolder.
      if (finished) return Promise.reject(new Error(`${outDir} is already written or abandoned`));
      const path = join(staging, file.name);
      const folder = dirname(path);
      const write = (async () => {
        if (folder !== staging) await mkdir(folder, { recursive: true });
        await writeFile(path, file.bytes);
      })();
      writes.push(write);
      return write;
    },
    async commit() {
      finished = true;
      await settled();
      const previous = `${staging}.previous`;
      // Another writer of the same folder (two runs of one creator at once) may put its set in
      // place between this one's two renames. This set then goes in after it, as if it had come
      // second: each try loses only to a rename made in that instant.
      for (let attempt = 1; ; attempt += 1) {
        let moved = false;
        try {
          await rename(target, previous);
          moved = true;
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
        }
        try {
          await rename(staging, target);
        } catch (error) {
          const code = (error as NodeJS.ErrnoException).code;
          if ((code === 'ENOTEMPTY' || code === 'EEXIST') && attempt < 10) {
            // Another writer's whole set is in place: the one moved aside is older, so it goes,
            // and this one tries again after a pause of its own, so two writers in step part.
            if (moved) await rm(previous, { recursive: true, force: true });
            await new Promise((wait) => setTimeout(wait, Math.random() * 5 * attempt));
            continue;
          }
          // Any other failure puts the set moved aside back: the previous output stays as it was.
          if (moved) await rename(previous, target).catch(() => rm(previous, { recursive: true, force: true }));
          throw error;
        }
        if (moved) await rm(previous, { recursive: true, force: true });
        await sweepLeftovers(target);
        return;
      }
    },
    async abort() {
      finished = true;
      await settled().catch(() => {});
      await rm(staging, { recursive: true, force: true });
    },
  };
}

/**
 * A staging folder untouched this long belongs to no running writer: one creator's set is staged in
 * seconds, so only a run killed outright (SIGKILL, an OOM kill, a container stopped after its grace
 * period, a power cut) leaves one behind.
 */
export const LEFTOVER_AGE_MS = 60 * 60 * 1000;

/** mkdtemp's name for a staging folder (six random characters), or the set it moved aside; and the output's name. */
const LEFTOVER = /^\.(.+)\.forge-[A-Za-z0-9]{6}(\.previous)?$/;

/** Folders already swept by this process: a batch writing thousands of sets into one folder reads it once. */
const swept = new Set<string>();

/**
 * Removes what killed runs left beside `target` (`.<name>.forge-XXXXXX`, and their `.previous`)
 * once a set is in place there: a marketplace's server restarted mid-run must not gather hidden
 * copies of icon sets for good. Only folders of that name untouched for LEFTOVER_AGE_MS, so another
 * writer's live staging folder is never removed; best effort, never failing the run that wrote.
 */
async function sweepLeftovers(target: string): Promise<void> {
  const folder = dirname(target);
  if (swept.has(folder)) return;
  // A server forging for months into ever new folders must not keep every name: forgetting them
  // only means reading a folder again.
  if (swept.size >= 10_000) swept.clear();
  swept.add(folder);
  const stale = Date.now() - LEFTOVER_AGE_MS;
  try {
    const names = (await readdir(folder)).filter((name) => LEFTOVER.test(name));
    await Promise.all(
      names.map(async (name) => {
        const path = join(folder, name);
        const info = await stat(path);
        if (!info.isDirectory() || info.mtimeMs >= stale) return;
        // A moved-aside set whose output is missing (a batch's other creator, killed mid-swap) is
        // the one restoreMovedAside puts back at that output's next run: not a leftover.
        const [, output, previous] = LEFTOVER.exec(name)!;
        if (previous && !(await lstat(join(folder, output!)).then(() => true, () => false))) return;
        await rm(path, { recursive: true, force: true });
      }),
    );
  } catch {
    // A folder that cannot be read or a leftover that cannot be removed costs disk space, not the set.
  }
}

/**
 * Writes a whole set or nothing: files go to a temporary sibling folder, which then replaces the
 * output folder. A failure at any point leaves the previous output (or no output) untouched.
 */
export async function writeAtomically(outDir: string, files: readonly FileToWrite[]): Promise<void> {
  const staged = await stageAtomically(outDir);
  try {
    // All at once: one at a time, each write waited for its own trip through libuv's threads.
    for (const file of files) staged.add(file).catch(() => {});
    await staged.commit();
  } catch (error) {
    await staged.abort();
    throw error;
  }
}
