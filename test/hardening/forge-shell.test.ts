/**
 * The `dropkit forge` CLI (the built one) as a marketplace runs it on strangers' configs: what its
 * batch holds in memory, what it prints from the file system's names, and which folders it agrees
 * to replace. Real files, real renders, a separate process each.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from './support/server.ts';

const cli = join(repoRoot, 'packages', 'forge', 'dist', 'cli.js');
const demoCreator = join(repoRoot, 'tools', 'demo', 'creator');

let work: string;

function forge(args: string[], nodeOptions: string[] = []) {
  const result = spawnSync(process.execPath, [...nodeOptions, cli, 'forge', ...args], { cwd: work, encoding: 'utf8', timeout: 240_000 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** A creator in `folder` (made), with the demo's marks and `fields` over the demo's config. */
async function creator(folder: string, fields: Record<string, unknown> = {}): Promise<string> {
  await mkdir(join(work, folder), { recursive: true });
  for (const file of ['mark.svg', 'glyph.svg']) await copyFile(join(demoCreator, file), join(work, folder, file));
  const config = JSON.parse(await readFile(join(demoCreator, 'creator.json'), 'utf8'));
  delete config.$schema;
  await writeFile(join(work, folder, 'creator.json'), JSON.stringify({ ...config, ...fields }));
  return join(folder, 'creator.json');
}

beforeAll(async () => {
  if (!existsSync(cli)) throw new Error(`${cli} is missing: run npm run build first`);
  work = await mkdtemp(join(tmpdir(), 'dropkit-forge-shell-'));
});

afterAll(async () => {
  if (work) await rm(work, { recursive: true, force: true });
});

describe('dropkit forge, a batch of strangers', () => {
  it('keeps no written set in memory until its summary: the batch holds far less than it wrote', async () => {
    // A mark of ~400 KB (8 000 dots) makes every set's mark/ files big: what a batch kept per config.
    const dots = Array.from({ length: 8000 }, (_, index) => `<circle cx="${(index % 100) * 10 + 5}" cy="${Math.floor(index / 100) * 10 + 5}" r="4" fill="#1b1b3a"/>`);
    const mark = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1000 800">${dots.join('')}</svg>`;
    const configs: string[] = [];
    for (let index = 0; index < 10; index += 1) {
      const config = await creator(`batch/shop${index}`);
      await writeFile(join(work, `batch/shop${index}/mark.svg`), mark);
      configs.push(config);
    }
    // When the summary table is printed every outcome is still held: collect the garbage there and
    // report what ArrayBuffers (every file's bytes are one) the process still holds. Three
    // collections: one frees dead buffers' memory only as its sweep ends, which the next finishes
    // (after one, the same build read 0.7, 3.2 or 8.2 MB; after three, 0.7 MB every time).
    const probe = join(work, 'probe.cjs');
    const report = join(work, 'held.json');
    await writeFile(
      probe,
      `const { writeFileSync } = require('node:fs');
const write = process.stdout.write.bind(process.stdout);
process.stdout.write = (chunk, ...rest) => {
  if (String(chunk).startsWith('creator ')) { global.gc(); global.gc(); global.gc(); writeFileSync(${JSON.stringify(report)}, JSON.stringify(process.memoryUsage().arrayBuffers)); }
  return write(chunk, ...rest);
};`,
    );
    const { code, stdout, stderr } = forge([...configs, '--out', 'batch-out', '--only', 'mark-set'], ['--expose-gc', '--require', probe]);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    let written = 0;
    for (const entry of await readdir(join(work, 'batch-out'), { recursive: true, withFileTypes: true })) {
      if (entry.isFile()) written += (await readFile(join(entry.parentPath, entry.name))).length;
    }
    const held = JSON.parse(await readFile(report, 'utf8')) as number;
    // 10 sets of ~770 KB. Held until the summary, they were all in memory at its end (and a batch of
    // 10 000 configs ran out of it); forge's own buffers (fonts, the renderer's pipes) are a few MB.
    expect(written).toBeGreaterThan(7_000_000);
    expect(held, `${held} bytes of ArrayBuffers held at the summary, ${written} written (${stdout.split('\n').length} summary lines)`).toBeLessThan(written / 3);
  });

  it('refuses two configs whose folders differ only by letter case, one folder on macOS and Windows', async () => {
    const upper = await creator('cased/Ada');
    const lower = await creator('cased/ada');
    const { code, stderr } = forge([upper, lower, '--out', 'cased-out', '--only', 'favicon']);
    expect(code).toBe(1);
    expect(stderr).toContain('two configs would both write cased-out/Ada and cased-out/ada, which macOS (and for letter case Windows) takes as one folder;');
    expect(existsSync(join(work, 'cased-out'))).toBe(false);
  });

  it('refuses two configs whose folders differ only in how an accent is encoded, one folder on macOS', async () => {
    // "é" as one code point (NFC, as most keyboards type it) and as e and a combining accent (NFD,
    // as macOS's older file system stored names): two folders here, one on macOS's APFS.
    const composed = await creator('accented/caf\u00e9');
    const decomposed = await creator('accented/cafe\u0301');
    const { code, stderr } = forge([composed, decomposed, '--out', 'accented-out', '--only', 'favicon']);
    expect(code).toBe(1);
    expect(stderr).toBe(
      'dropkit forge: two configs would both write accented-out/caf\u00e9 and accented-out/cafe\u0301, which macOS (and for letter case Windows) takes as one folder; give them different file or folder names\n',
    );
    expect(existsSync(join(work, 'accented-out'))).toBe(false);
  });

  it('shows a control character in a config path as U+FFFD, never sends it to the terminal', async () => {
    // A folder name a stranger chose: ESC sequences that retitle the window and clear the screen, a
    // C1 CSI, a bidi override and a line break that would fake a line of forge's own.
    const hostile = 'shop\x1b]0;pwned\x07\x1b[2J\u009b31m\u202e\nfake';
    const good = await creator(join('term', hostile));
    const bad = await creator(join('term', `${hostile}2`), { mark: 'missing.svg' });
    const { code, stdout, stderr } = forge([good, bad, '--out', 'term-out', '--only', 'favicon']);
    expect(code).toBe(1);
    for (const output of [stdout, stderr]) {
      expect(output).not.toMatch(/[\x00-\x08\x0b-\x1f\x7f-\x9f\u202e]/u);
      expect(output).toContain('shop\uFFFD]0;pwned\uFFFD\uFFFD[2J\uFFFD31m\uFFFD\uFFFDfake');
    }
    // Every line of stderr is forge's: the line break in the name did not start one.
    for (const line of stderr.trim().split('\n')) expect(line.startsWith('dropkit forge: ')).toBe(true);
  });

  it('shows a C1 control or a bidi override in an option it refuses as U+FFFD, as in a path', async () => {
    // JSON.stringify escapes C0 but not U+009B (CSI, C1's ESC [) nor U+202E: a batch script's
    // --base or --only from a stranger's upload reached the terminal raw in the refusal.
    const config = await creator('options');
    for (const option of [['--timeout', '\u009b2J'], ['--base', '/\u009b2J/'], ['--only', 'favicon,\u202eevil']]) {
      const { code, stderr } = forge([config, '--out', 'options-out', ...option]);
      expect(code).toBe(1);
      expect(stderr.startsWith('dropkit forge: expected ')).toBe(true);
      expect(stderr).not.toMatch(/[\x00-\x08\x0b-\x1f\x7f-\x9f\u202e]/u);
      expect(stderr).toContain('\uFFFD');
    }
    expect(existsSync(join(work, 'options-out'))).toBe(false);
  });

  it('shows a bidi override in a creator\'s name as U+FFFD on the progress line of a terminal', async () => {
    // The schema refuses control characters in a name but not format ones: U+202E (right-to-left
    // override) reached the operator's terminal raw on every progress line and turned what followed.
    const config = await creator('bidi', { name: 'Nova\u202eevil', glyph: undefined, homeScreen: undefined });
    const command = [process.execPath, cli, 'forge', config, '--out', 'bidi-out', '--only', 'favicon'].map((part) => `'${part}'`).join(' ');
    // script(1) gives the CLI a terminal, where it shows progress.
    const result = spawnSync('script', ['-qec', command, '/dev/null'], { cwd: work, encoding: 'utf8', timeout: 120_000 });
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('Nova\uFFFDevil: ');
    expect(result.stdout).not.toContain('\u202e');
  });

  it('with --confine reads only inside each config\'s folder: no other shop\'s mark through ../', async () => {
    // Each upload in a folder of its own did not stop a stranger's "../victim/mark.svg": the
    // victim's unreleased mark was drawn into the stranger's icons.
    const victim = await creator('shops/victim');
    await writeFile(join(work, 'shops/victim/secret.svg'), '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 8 8"><rect width="8" height="8" fill="#123456"/></svg>');
    const thief = await creator('shops/thief', { mark: '../victim/secret.svg', glyph: undefined, homeScreen: undefined });
    const { code, stdout, stderr } = forge([victim, thief, '--out', 'confined', '--only', 'favicon', '--confine']);
    expect(code).toBe(1);
    expect(stderr).toBe(
      'dropkit forge: shops/thief/creator.json: Expected mark to name a file inside the folder forge may read (within) but "../victim/secret.svg" lies outside it\n',
    );
    expect(stdout).toMatch(/^shops\/victim\/creator\.json\s+confined\/victim\s+\d+/m);
    expect(existsSync(join(work, 'confined', 'thief'))).toBe(false);
    // Without it, a creator's own layout (a mark beside the config's folder) is read as ever.
    expect(forge([thief, '--out', 'unconfined', '--only', 'favicon']).code).toBe(0);
  });

  it('refuses to replace a folder it wrote before once it holds files of the user, and says which', async () => {
    const config = await creator('kept', { badges: ['live'] });
    expect(forge([config, '--out', 'kept-out', '--only', 'favicon,badges']).code).toBe(0);
    // Finder's .DS_Store is not the user's work: the folder is still replaced.
    await writeFile(join(work, 'kept-out', '.DS_Store'), 'finder');
    expect(forge([config, '--out', 'kept-out', '--only', 'favicon,badges']).code).toBe(0);
    // Files the user put in the served folder since, at its top and among forge's own badges.
    await writeFile(join(work, 'kept-out', 'robots.txt'), 'User-agent: *\n');
    await writeFile(join(work, 'kept-out', 'badges', 'mine.png'), 'my own badge');
    const before = (await readdir(join(work, 'kept-out'), { recursive: true })).sort();
    const { code, stderr } = forge([config, '--out', 'kept-out', '--only', 'favicon,badges']);
    expect(code).toBe(1);
    // Said as what it is, a folder forge wrote, with what to do: not "a new or empty folder, or one
    // forge wrote before … give another folder", which this is and which loses the site its files.
    expect(stderr).toBe(
      'dropkit forge: Expected --out to hold only what forge wrote there, but kept-out also holds badges/mine.png, robots.txt, ' +
        'which its forge.json does not list and replacing the folder would delete; move them to your site\'s own folder (forge writes only its set here), or give another folder\n',
    );
    expect((await readdir(join(work, 'kept-out'), { recursive: true })).sort()).toEqual(before);
    expect(await readFile(join(work, 'kept-out', 'robots.txt'), 'utf8')).toBe('User-agent: *\n');
  });
});
