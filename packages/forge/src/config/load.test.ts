import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { constants, openSync, closeSync } from 'node:fs';
import { mkdtemp, mkdir, rm, symlink, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadCreator } from './load.ts';

/**
 * The mistakes a creator makes with creator.json and the files it names, read from real files:
 * each one line that says where and what was expected.
 */
const MARK = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><rect width="10" height="10"/></svg>';
const CONFIG = { name: 'Nova', mark: 'mark.svg', colors: { brand: '#ff3366', background: '#ffffff' } };
let dir: string;

async function creator(folder: string, config: string, files: Record<string, string | Uint8Array> = { 'mark.svg': MARK }): Promise<string> {
  await mkdir(join(dir, folder), { recursive: true });
  for (const [name, bytes] of Object.entries(files)) await writeFile(join(dir, folder, name), bytes);
  await writeFile(join(dir, folder, 'creator.json'), config);
  return join(dir, folder, 'creator.json');
}

const messageOf = (path: string) => loadCreator(path).then(() => 'loaded', (error: Error) => error.message);

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'forge-load-'));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('loadCreator', () => {
  it('points at the comma after the last entry by line and column, in objects and arrays', async () => {
    const object = await creator('comma-object', '{\n  "name": "Nova",\n  "mark": "mark.svg",\n}\n');
    expect(await messageOf(object)).toBe(`${object}: Expected JSON but there is a comma before the "}" at line 4, column 1: remove it, JSON allows no comma after the last entry`);
    // V8 gives no position for this one: forge finds the comma itself.
    const array = await creator('comma-array', '{ "badges": ["live", "verified",] }');
    expect(await messageOf(array)).toBe(`${array}: Expected JSON but there is a comma before the "]" at line 1, column 33: remove it, JSON allows no comma after the last entry`);
  });

  it('says where other JSON mistakes are, and when the file is empty or cut short', async () => {
    const quotes = await creator('quotes', "{\n  'name': 'Nova'\n}");
    expect(await messageOf(quotes)).toBe(`${quotes}: Expected JSON but line 2, column 3 has "'" (Expected property name or '}')`);
    const empty = await creator('empty', '');
    expect(await messageOf(empty)).toBe(`${empty}: Expected JSON but the file is empty`);
    const short = await creator('short', '{ "name": "Nova"');
    expect(await messageOf(short)).toBe(`${short}: Expected JSON but the file ends too soon at line 1, column 17 (a closing } or ] or " is missing)`);
  });

  it('names a comment as what JSON does not allow, where it starts, wherever it is', async () => {
    const cases = [
      ['comment-line', '{\n  // the shop\n  "name": "Nova"\n}', 'line 2, column 3'],
      ['comment-after', '{\n  "name": "Nova" // ours\n}', 'line 2, column 18'],
      ['comment-block', '{ "name": "Nova", /* the shop */ "mark": "mark.svg" }', 'line 1, column 19'],
      // V8 names no position for this one: forge finds it.
      ['comment-first', '// creator config\n{ "name": "Nova" }', 'line 1, column 1'],
      ['comment-bom', '\uFEFF  /* saved by VS Code */ {}', 'line 1, column 3'],
    ];
    for (const [folder, text, where] of cases) {
      const path = await creator(folder!, text!);
      expect(await messageOf(path), folder).toBe(`${path}: Expected JSON but a comment starts at ${where}: remove it (and any other), JSON allows no comments`);
    }
  });

  it('refuses a config not saved as UTF-8, naming where, instead of forging "Caf\uFFFD" into the set', async () => {
    const config = JSON.stringify({ ...CONFIG, name: 'Nova' }, null, 2).replace('"name": "Nova"', '"name": "Café Noël"');
    const latin1 = await creator('latin1', '');
    await writeFile(latin1, Buffer.from(config, 'latin1'));
    expect(await messageOf(latin1)).toBe(
      `${latin1}: Expected a config saved as UTF-8 but line 2, column 15 holds a byte that is not UTF-8 (saved in another encoding, such as Windows-1252); save it again as UTF-8 (Notepad: File, Save as, Encoding: UTF-8)`,
    );
    const le = await creator('utf16le', '');
    await writeFile(le, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(config, 'utf16le')]));
    const be = await creator('utf16be', '');
    await writeFile(be, Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(config, 'utf16le').swap16()]));
    for (const path of [le, be]) {
      expect(await messageOf(path)).toBe(`${path}: Expected a config saved as UTF-8 but it is saved as UTF-16; save it again as UTF-8 (Notepad: File, Save as, Encoding: UTF-8)`);
    }
    // The same config as UTF-8, with or without its byte order mark, is read as written.
    const utf8 = await creator('utf8', `\uFEFF${config}`);
    expect((await loadCreator(utf8)).config.name).toBe('Café Noël');
  });

  it('reads a config saved with a byte order mark (Windows Notepad)', async () => {
    const path = await creator('bom', `\uFEFF${JSON.stringify(CONFIG)}`);
    expect((await loadCreator(path)).config.name).toBe('Nova');
  });

  it('names a missing config file, and a folder given instead of one', async () => {
    const missing = join(dir, 'nowhere/creator.json');
    expect(await messageOf(missing)).toBe(`Expected a readable config file at ${missing} but there is no such file`);
    await mkdir(join(dir, 'a-folder'));
    expect(await messageOf(join(dir, 'a-folder'))).toBe(`Expected a readable config file at ${join(dir, 'a-folder')} but it is a folder (name the creator.json inside it)`);
  });

  it('names the field, the path as written and where it looked for a mark that is not there', async () => {
    const path = await creator('wrong-path', JSON.stringify({ ...CONFIG, mark: '../assets/mark.svg' }));
    expect(await messageOf(path)).toBe(
      `Expected mark to name a readable file relative to ${path} but "../assets/mark.svg" does not exist (looked for ${join(dir, 'assets/mark.svg')})`,
    );
    const glyph = await creator('glyph-folder', JSON.stringify({ ...CONFIG, glyph: 'art' }));
    await mkdir(join(dir, 'glyph-folder/art'));
    expect(await messageOf(glyph)).toBe(`Expected glyph to name a readable file relative to ${glyph} but "art" is a folder (${join(dir, 'glyph-folder/art')})`);
  });

  it('reads only inside the folder given as within: no ../, absolute path or link out of it', async () => {
    // A marketplace keeps each upload in a folder of its own, and a stranger's config named
    // "../other-shop/mark.svg": another creator's unreleased mark, drawn into the stranger's icons.
    // The folder alone never stopped that; `within` does, before anything outside is looked at.
    const other = await creator('tenants/other-shop', JSON.stringify(CONFIG), { 'mark.svg': '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 4 4"><circle cx="2" cy="2" r="2"/></svg>' });
    const shop = join(dir, 'tenants/stranger');
    const load = async (config: Record<string, unknown>, links: Record<string, string> = {}) => {
      await rm(shop, { recursive: true, force: true });
      const path = await creator('tenants/stranger', JSON.stringify({ ...CONFIG, ...config }));
      if (!('sub' in links)) await mkdir(join(shop, 'sub'));
      for (const [name, target] of Object.entries(links)) await symlink(target, join(shop, name));
      return loadCreator(path, { within: shop }).then((input) => `loaded ${input.mark.viewBox.join(' ')}`, (error: { code: string; message: string }) => `${error.code}: ${error.message}`);
    };
    const outside = (field: string, path: string) =>
      `config-invalid: Expected ${field} to name a file inside the folder forge may read (within) but ${JSON.stringify(path)} lies outside it`;
    expect(await load({ mark: '../other-shop/mark.svg' })).toBe(outside('mark', '../other-shop/mark.svg'));
    expect(await load({ glyph: join(dir, 'tenants/other-shop/mark.svg') })).toBe(outside('glyph', join(dir, 'tenants/other-shop/mark.svg')));
    expect(await load({ monogram: 'sub/../../other-shop/mark.svg' })).toBe(outside('monogram', 'sub/../../other-shop/mark.svg'));
    // Outside and missing: refused the same, so a stranger cannot ask what exists where.
    expect(await load({ mark: '../../nothing-here.svg' })).toBe(outside('mark', '../../nothing-here.svg'));
    expect(await load({ mark: 'sub/link.svg' }, { 'sub/link.svg': join(dir, 'tenants/other-shop/mark.svg') })).toBe(
      `config-invalid: Expected mark to name a file inside the folder forge may read (within) but "sub/link.svg" is a link to a file outside it`,
    );
    expect(await load({ mark: 'sub/mark.svg' }, { sub: join(dir, 'tenants/other-shop') })).toBe(
      `config-invalid: Expected mark to name a file inside the folder forge may read (within) but "sub/mark.svg" is a link to a file outside it`,
    );
    // Inside, and through a link that stays inside: read as ever.
    expect(await load({ mark: './sub/../mark.svg' })).toBe('loaded 0 0 10 10');
    expect(await load({ mark: 'sub/alias.svg' }, { 'sub/alias.svg': '../mark.svg' })).toBe('loaded 0 0 10 10');
    // Without within, a path out of the config's folder is read as before (a creator's own files).
    expect((await loadCreator(join(shop, 'creator.json')).catch(() => undefined))?.mark.viewBox.join(' ')).toBe('0 0 10 10');
    const wandering = await creator('tenants/local', JSON.stringify({ ...CONFIG, mark: '../other-shop/mark.svg' }));
    expect((await loadCreator(wandering)).mark.viewBox.join(' ')).toBe('0 0 4 4');
    expect(other).toContain('other-shop');
  });

  it('gives the real size of a mark over the limit', async () => {
    const huge = `<svg xmlns="http://www.w3.org/2000/svg">${'<path d="M0 0h1v1z"/>'.repeat(150_000)}</svg>`;
    const path = await creator('huge', JSON.stringify(CONFIG), { 'mark.svg': huge });
    const error = await loadCreator(path).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: 'svg-too-large', message: `mark.svg: Expected at most 1048576 bytes but received ${huge.length}` });
  });

  // A marketplace forges configs uploaded by strangers: what they name must not hang the process
  // or make it read without end. Each case must settle well within the time limit.
  const settledWithin = async (path: string, ms = 5_000) => {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<string>((done) => (timer = setTimeout(() => done('still reading'), ms)));
    try {
      return await Promise.race([loadCreator(path).then(() => 'loaded', (error: { code: string; message: string }) => `${error.code}: ${error.message}`), late]);
    } finally {
      clearTimeout(timer);
    }
  };
  // An open() blocked on a FIFO with no writer holds one of libuv's threads until a writer comes;
  // be that writer, so a failing case does not leave the test process stuck on its way out.
  const release = (fifo: string) => {
    try {
      closeSync(openSync(fifo, constants.O_WRONLY | constants.O_NONBLOCK));
    } catch {
      // ENXIO: nobody is waiting on it
    }
  };

  it('refuses a mark that is a FIFO or a device (/dev/zero) at once, naming it, without reading it', async () => {
    const fifo = await creator('fifo-mark', JSON.stringify(CONFIG), {});
    execFileSync('mkfifo', [join(dir, 'fifo-mark/mark.svg')]);
    try {
      expect(await settledWithin(fifo)).toBe(
        `config-invalid: Expected mark to name a readable file relative to ${fifo} but "mark.svg" is a named pipe (FIFO), not a file (${join(dir, 'fifo-mark/mark.svg')})`,
      );
    } finally {
      release(join(dir, 'fifo-mark/mark.svg'));
    }
    const zero = await creator('zero-glyph', JSON.stringify({ ...CONFIG, glyph: 'glyph.svg' }));
    await symlink('/dev/zero', join(dir, 'zero-glyph/glyph.svg'));
    expect(await settledWithin(zero)).toBe(
      `config-invalid: Expected glyph to name a readable file relative to ${zero} but "glyph.svg" is a device, not a file (${join(dir, 'zero-glyph/glyph.svg')})`,
    );
  });

  it('refuses a config that is a FIFO or a device at once, and one over 1 MiB without reading it', async () => {
    const fifo = join(dir, 'fifo.json');
    execFileSync('mkfifo', [fifo]);
    try {
      expect(await settledWithin(fifo)).toBe(`config-invalid: Expected a readable config file at ${fifo} but it is a named pipe (FIFO), not a file`);
    } finally {
      release(fifo);
    }
    expect(await settledWithin('/dev/zero')).toBe('config-invalid: Expected a readable config file at /dev/zero but it is a device, not a file');
    const text = JSON.stringify({ ...CONFIG, name: 'x'.repeat(1024 * 1024) });
    const big = await creator('big-config', text);
    expect(await settledWithin(big)).toBe(`config-invalid: Expected a config file of at most 1048576 bytes at ${big} but it holds ${text.length}`);
  });

  it('refuses a huge mark by its size, without reading it into memory', async () => {
    const path = await creator('sparse', JSON.stringify(CONFIG), {});
    // A sparse file: 1 GiB long, no disk used.
    await writeFile(join(dir, 'sparse/mark.svg'), '');
    await truncate(join(dir, 'sparse/mark.svg'), 1024 ** 3);
    const before = process.memoryUsage.rss();
    let peak = before;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 2);
    try {
      expect(await settledWithin(path, 20_000)).toBe(`svg-too-large: mark.svg: Expected at most 1048576 bytes but received ${1024 ** 3}`);
    } finally {
      clearInterval(sampler);
    }
    // Reading it whole took the file's size in memory (1 GiB) before refusing it.
    expect(peak - before).toBeLessThan(64 * 1024 * 1024);
  });

  it('reads a colour in any CSS syntax from creator.json as lower-case #rrggbb, and refuses one no tile can be, naming the field', async () => {
    // Copied from a designer's tokens: refused until 28 November 2026 ("Expected a hex colour … but received \"oklch(62% 0.2 25)\"").
    const colors = { brand: 'oklch(62% 0.2 25)', background: 'rebeccapurple', dark: { brand: 'rgb(255 122 156)', background: 'color(srgb 0.08 0.08 0.17)', ink: 'hsl(240 100% 94%)' } };
    const modern = await creator('modern-colours', JSON.stringify({ ...CONFIG, colors }));
    expect((await loadCreator(modern)).config.colors).toEqual({
      brand: '#e64343',
      background: '#663399',
      dark: { brand: '#ff7a9c', background: '#14142b', ink: '#e0e0ff' },
    });
    const expected = 'an opaque CSS colour such as #ff3366, #f36, rebeccapurple or oklch(62% 0.2 25)';
    const see = await creator('see-through', JSON.stringify({ ...CONFIG, colors: { brand: '#ff3366', background: 'rgb(255 255 255 / 50%)' } }));
    expect(await messageOf(see)).toBe(
      `${see}: Expected ${expected} for colors.background but received "rgb(255 255 255 / 50%)", which is translucent, but a home-screen icon's background and a browser's theme colour are opaque: write an opaque colour`,
    );
    const pick = await creator('light-dark', JSON.stringify({ ...CONFIG, colors: { brand: 'light-dark(#ff3366, #ff7a9c)', background: '#fff' } }));
    expect(await messageOf(pick)).toBe(
      `${pick}: Expected ${expected} for colors.brand but received "light-dark(#ff3366, #ff7a9c)", a light and a dark colour in one: write the light one here and the dark one as colors.dark.brand`,
    );
  });
});
