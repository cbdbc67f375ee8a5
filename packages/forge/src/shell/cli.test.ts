import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { cp, mkdtemp, readFile, rename, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * `dropkit forge` as a creator runs it: the built CLI in a separate process, real files, exit
 * codes and output folders.
 */
const packageDir = fileURLToPath(new URL('../../', import.meta.url));
// The bin entry, as a creator runs it (it prestarts the renderer, then loads dist/cli.js).
const cli = join(packageDir, 'dist/cli-entry.cjs');
const demoCreator = fileURLToPath(new URL('../../../../tools/demo/creator/', import.meta.url));
let dir: string;

function newestSource(folder: string): number {
  return Math.max(
    ...readdirSync(folder, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile() && !entry.name.endsWith('.test.ts'))
      .map((entry) => statSync(join(entry.parentPath, entry.name)).mtimeMs),
  );
}

function run(...args: string[]) {
  const result = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', cwd: dir, timeout: 120_000 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

beforeAll(async () => {
  // `npm test` builds first; running this file alone still tests current sources.
  if (!existsSync(cli) || statSync(cli).mtimeMs < newestSource(join(packageDir, 'src'))) {
    execFileSync('npm', ['run', 'build', '-w', '@dropkit/forge'], { cwd: join(packageDir, '../..'), stdio: 'ignore' });
  }
  dir = await mkdtemp(join(tmpdir(), 'forge-cli-'));
  await cp(demoCreator, join(dir, 'nova'), { recursive: true });
  await mkdir(join(dir, 'bad'));
  await writeFile(join(dir, 'bad/creator.json'), JSON.stringify({ name: 'Bad', mark: 'mark.svg', colors: { brand: 'red;}', background: '#fff' } }));
  await mkdir(join(dir, 'hostile'));
  await writeFile(join(dir, 'hostile/mark.svg'), '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 9 9"><image href="/etc/passwd" width="9" height="9"/></svg>');
  await writeFile(join(dir, 'hostile/creator.json'), JSON.stringify({ name: 'Hostile', mark: 'mark.svg', colors: { brand: '#ff3366', background: '#ffffff' } }));
}, 180_000);

afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('dropkit forge', () => {
  it('forges one creator, prints a summary table and passes --check', () => {
    const { code, stdout, stderr } = run('forge', 'nova/creator.json', '--out', 'out/nova', '--check', '--only', 'favicon');
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toMatch(/^file\s+size\s+bytes$/m);
    expect(stdout).toMatch(/^apple-touch-icon\.png\s+180x180\s+\d+$/m);
    expect(stdout).toMatch(/^total\s+\d+$/m);
    expect(stdout).toContain('check out/nova: 0 errors, 0 warnings');
    // Not a TTY: no progress line with control characters.
    expect(stdout).not.toContain('\x1b[');
    expect(readdirSync(join(dir, 'out/nova')).sort()).toEqual(
      [
        'apple-touch-icon.png', 'favicon-96x96.png', 'favicon.ico', 'favicon.svg', 'forge.json', 'head.html', 'site.webmanifest',
        'web-app-manifest-192x192.png', 'web-app-manifest-512x512.png', 'web-app-manifest-maskable-512x512.png', 'web-app-manifest-monochrome-512x512.png',
      ].sort(),
    );
  });

  it('passes --check with a --base on another host (a CDN), as with a path', () => {
    // The checker's files were looked up as paths on the page's host: every one a 404, exit 1.
    for (const base of ['https://cdn.example/icons/', '//cdn.example/icons/', '/shop/']) {
      const { code, stdout, stderr } = run('forge', 'nova/creator.json', '--out', 'out/cdn-check', '--check', '--only', 'favicon', '--base', base);
      expect({ base, stderr, code, check: /check out\/cdn-check: .*/u.exec(stdout)?.[0] }).toEqual({ base, stderr: '', code: 0, check: 'check out/cdn-check: 0 errors, 0 warnings' });
    }
  });

  it("opens the installed app at the creator's url, or /, whatever --base names the icons' folder", async () => {
    // start_url was --base: /icons/ made the installed app open the icons' folder (a 404).
    const config = JSON.parse(await readFile(join(dir, 'nova/creator.json'), 'utf8'));
    await cp(join(dir, 'nova'), join(dir, 'no-url'), { recursive: true });
    await writeFile(join(dir, 'no-url/creator.json'), JSON.stringify({ ...config, url: undefined }));
    const startUrl = async (file: string, out: string, base: string) => {
      const { code, stderr } = run('forge', file, '--out', out, '--base', base, '--only', 'favicon');
      expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
      const manifest = JSON.parse(await readFile(join(dir, out, 'site.webmanifest'), 'utf8'));
      // The icons still come from --base.
      expect(manifest.icons[0].src.startsWith(base)).toBe(true);
      return manifest.start_url;
    };
    expect(await startUrl('nova/creator.json', 'out/start-url', '/icons/')).toBe('https://nova.example');
    expect(await startUrl('no-url/creator.json', 'out/start-url', '/icons/')).toBe('/');
    expect(await startUrl('no-url/creator.json', 'out/start-url', 'https://cdn.example/icons/')).toBe('/');
    // A scheme in capitals is the same address, as the library and the Vite plugin take it.
    expect(await startUrl('no-url/creator.json', 'out/start-url', 'HTTPS://cdn.example/icons/')).toBe('/');
  });

  it('exits 1 with one clear line and writes nothing for a bad config', () => {
    const { code, stdout, stderr } = run('forge', 'bad/creator.json', '--out', 'out/bad');
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr.trim().split('\n')).toEqual([
      'dropkit forge: bad/creator.json: Expected an opaque CSS colour such as #ff3366, #f36, rebeccapurple or oklch(62% 0.2 25) for colors.brand but received "red;}"',
    ]);
    expect(existsSync(join(dir, 'out/bad'))).toBe(false);
  });

  it("names the config on a refusal of its mark, as on its own problems and its notes, and once", async () => {
    await mkdir(join(dir, 'alone'));
    await writeFile(join(dir, 'alone/mark.svg'), 'hello');
    const colors = { brand: '#ff3366', background: '#ffffff' };
    await writeFile(join(dir, 'alone/creator.json'), JSON.stringify({ name: 'Alone', mark: 'mark.svg', colors }));
    await writeFile(join(dir, 'alone/missing.json'), JSON.stringify({ name: 'Alone', mark: 'nope.svg', colors }));
    // mark.svg is every creator's mark's name: alone, the line said only that (a batch named the config).
    const refused = run('forge', 'alone/creator.json', '--out', 'out/alone', '--only', 'favicon');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toBe('dropkit forge: alone/creator.json: mark.svg: Expected an SVG document (not an SVG: no <svg> element)\n');
    // A message that names the config already is not prefixed with it, alone or among several.
    for (const configs of [['alone/missing.json'], ['nova/creator.json', 'alone/missing.json']]) {
      const missing = run('forge', ...configs, '--out', `out/missing-${configs.length}`, '--only', 'favicon');
      expect(missing.code).toBe(1);
      expect(missing.stderr).toMatch(/^dropkit forge: Expected mark to name a readable file relative to alone\/missing\.json but "nope\.svg" does not exist/);
    }
  });

  it('leaves the previous output untouched when a mark is hostile', async () => {
    await mkdir(join(dir, 'out/kept'), { recursive: true });
    await writeFile(join(dir, 'out/kept/favicon.ico'), 'previous');
    const { code, stderr } = run('forge', 'hostile/creator.json', '--out', 'out/kept');
    expect(code).toBe(1);
    expect(stderr).toMatch(/^dropkit forge: hostile\/creator\.json: mark\.svg: Expected a link to be "#id" or a data:image/);
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(await readFile(join(dir, 'out/kept/favicon.ico'), 'utf8')).toBe('previous');
    expect(readdirSync(join(dir, 'out')).filter((name) => name.startsWith('.'))).toEqual([]);
  });

  it('refuses an --out that is a file, or holds the config or files forge did not write, and changes nothing', async () => {
    await writeFile(join(dir, 'notes.txt'), 'mine');
    await mkdir(join(dir, 'site'));
    await writeFile(join(dir, 'site/index.html'), '<h1>shop</h1>');
    const cases: [string, string][] = [
      ['notes.txt', 'Expected --out to name a folder but notes.txt is a file'],
      ['notes.txt/icons', 'Expected --out to name a folder but notes.txt is a file'],
      ['nova', 'Expected --out to be a folder of its own but nova holds nova/creator.json, and forge replaces the whole --out folder; give another, e.g. --out nova/public'],
      ['.', 'Expected --out to be a folder of its own but . holds nova/creator.json, and forge replaces the whole --out folder; give another, e.g. --out nova/public'],
      ['site', 'Expected --out to be a new or empty folder, or one forge wrote before, but site holds other files (index.html) that replacing it would delete; give another folder'],
    ];
    for (const [out, message] of cases) {
      const { code, stdout, stderr } = run('forge', 'nova/creator.json', '--out', out, '--only', 'favicon');
      expect(code).toBe(1);
      expect(stdout).toBe('');
      expect(stderr).toBe(`dropkit forge: ${message}\n`);
    }
    expect(await readFile(join(dir, 'notes.txt'), 'utf8')).toBe('mine');
    expect(readdirSync(join(dir, 'nova')).sort()).toEqual(['creator.json', 'glyph.svg', 'mark.svg']);
    expect(readdirSync(join(dir, 'site'))).toEqual(['index.html']);
    expect(readdirSync(dir).filter((name) => name.startsWith('.'))).toEqual([]);
    // A folder whose name starts with two dots is inside, not above: "..drafts" read as "../drafts".
    await cp(join(dir, 'nova'), join(dir, 'site/..drafts'), { recursive: true });
    const drafts = run('forge', 'site/..drafts/creator.json', '--out', 'site', '--only', 'favicon');
    expect(drafts.stderr).toBe(
      'dropkit forge: Expected --out to be a folder of its own but site holds site/..drafts/creator.json, and forge replaces the whole --out folder; give another, e.g. --out site/..drafts/public\n',
    );
    await rm(join(dir, 'site/..drafts'), { recursive: true });
    // A folder inside the config's, and one forge wrote before, are fine.
    expect(run('forge', 'nova/creator.json', '--out', 'nova/public', '--only', 'favicon').code).toBe(0);
    expect(run('forge', 'nova/creator.json', '--out', 'nova/public', '--only', 'favicon').code).toBe(0);
    // A forge.json that is no report lists nothing: said as that, not as forge's own files being
    // the user's ("also holds apple-touch-icon.png, …, which its forge.json does not list").
    await writeFile(join(dir, 'nova/public/forge.json'), '{"files": [');
    const unread = run('forge', 'nova/creator.json', '--out', 'nova/public', '--only', 'favicon');
    expect(unread.stderr).toBe(
      "dropkit forge: Expected --out to be a folder forge wrote before, but nova/public holds a forge.json that is not forge's report (apple-touch-icon.png, favicon-96x96.png, favicon.ico, … beside it), " +
        'so forge cannot tell its files from yours; move out what is yours and delete the folder, or give another folder\n',
    );
    await rm(join(dir, 'nova/public'), { recursive: true });
  });

  it('names --out and the refusal in one line when the place cannot be written', () => {
    // /proc takes no new folders, for root too (a read-only mount says EROFS the same way).
    const { code, stderr } = run('forge', 'nova/creator.json', '--out', '/proc/dropkit-forge-test', '--only', 'favicon');
    expect(code).toBe(1);
    expect(stderr).toBe(
      'dropkit forge: Expected --out /proc/dropkit-forge-test to be a place forge can write, but creating a folder in /proc failed (ENOENT: no such file or directory)\n',
    );
  });

  it('puts back the set a run killed between its two renames had moved aside, saying so, whether the next run fails or checks', async () => {
    expect(run('forge', 'nova/creator.json', '--out', 'out/swap', '--only', 'favicon').code).toBe(0);
    const previous = await readFile(join(dir, 'out/swap/favicon.ico'));
    // What a SIGKILL between the renames leaves (forge has no hook to stop there): the set in
    // place moved aside as <staging>.previous, the whole new set still staged, no out/swap.
    const killedMidSwap = async () => {
      await rename(join(dir, 'out/swap'), join(dir, 'out/.swap.forge-Ab12Cd.previous'));
      await cp(join(dir, 'out/.swap.forge-Ab12Cd.previous'), join(dir, 'out/.swap.forge-Ab12Cd'), { recursive: true });
    };
    const restored = 'dropkit forge: out/swap was missing: a run was stopped between moving the set there aside and putting its own in place; put back the set it had moved aside (out/.swap.forge-Ab12Cd.previous)';
    await killedMidSwap();
    const refused = run('forge', 'bad/creator.json', '--out', 'out/swap');
    expect(refused.code).toBe(1);
    expect(refused.stderr.trim().split('\n')).toEqual([restored, 'dropkit forge: bad/creator.json: Expected an opaque CSS colour such as #ff3366, #f36, rebeccapurple or oklch(62% 0.2 25) for colors.brand but received "red;}"']);
    expect(await readFile(join(dir, 'out/swap/favicon.ico'))).toEqual(previous);
    await rm(join(dir, 'out/.swap.forge-Ab12Cd'), { recursive: true });

    await killedMidSwap();
    const checked = run('forge', 'nova/creator.json', '--out', 'out/swap', '--only', 'favicon', '--check');
    expect(checked.stderr).toBe(`${restored}\n`);
    expect(checked.code).toBe(0);
    expect(checked.stdout).toContain('check out/swap: 0 errors, 0 warnings');
    // The killed run's staged set is a leftover like any other, for the sweep once an hour old.
    expect(readdirSync(join(dir, 'out')).filter((name) => name.startsWith('.swap'))).toEqual(['.swap.forge-Ab12Cd']);
    await rm(join(dir, 'out/.swap.forge-Ab12Cd'), { recursive: true });
  });

  it('leaves nothing half written when stopped by Ctrl-C mid-run', async () => {
    const child = spawn(process.execPath, [cli, 'forge', 'nova/creator.json', '--out', 'stopped/nova'], { cwd: dir });
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const exited = new Promise<number | null>((done) => child.on('exit', (status) => done(status)));
    // Wait for the staging folder: files are being written into it when the signal comes.
    const staging = () => (existsSync(join(dir, 'stopped')) ? readdirSync(join(dir, 'stopped')).filter((name) => name.startsWith('.nova.forge-')) : []);
    for (let tries = 0; staging().length === 0 && tries < 6000; tries += 1) await new Promise((wait) => setTimeout(wait, 5));
    expect(staging()).toHaveLength(1);
    child.kill('SIGINT');
    expect(await exited).toBe(130);
    expect(stderr).toBe('dropkit forge: stopped by SIGINT; nothing half written is left\n');
    // forge made stopped/ for the set; empty, it goes too.
    expect(existsSync(join(dir, 'stopped'))).toBe(false);
  }, 60_000);

  it('leaves nothing half written when Ctrl-C comes twice, or SIGTERM after it, while it cleans up', async () => {
    for (const [first, second] of [['SIGINT', 'SIGINT'], ['SIGINT', 'SIGTERM']] as const) {
      const child = spawn(process.execPath, [cli, 'forge', 'nova/creator.json', '--out', 'twice/nova'], { cwd: dir });
      const exited = new Promise<number | null>((done) => child.on('exit', (status) => done(status)));
      // The second signal goes as soon as forge has said it is stopping: it is then cleaning up.
      const stopping = new Promise<void>((done) => child.stderr.on('data', (chunk: Buffer) => chunk.includes('stopped by') && done()));
      const staging = () => (existsSync(join(dir, 'twice')) ? readdirSync(join(dir, 'twice')).filter((name) => name.startsWith('.nova.forge-')) : []);
      for (let tries = 0; staging().length === 0 && tries < 6000; tries += 1) await new Promise((wait) => setTimeout(wait, 5));
      expect(staging()).toHaveLength(1);
      child.kill(first);
      // An impatient second press: the staging folder was still being removed (50 ms and more here).
      await stopping;
      child.kill(second);
      // Until 28 November 2026 the second signal killed forge (no exit code) and the staging folder stayed.
      expect(await exited, `${first} then ${second}`).toBe(130);
      expect(existsSync(join(dir, 'twice')), `${first} then ${second}`).toBe(false);
    }
  }, 60_000);

  it('removes the --out folder it made for several creators when stopped by Ctrl-C, and keeps one that was there', async () => {
    await cp(join(dir, 'nova'), join(dir, 'nova2'), { recursive: true });
    await mkdir(join(dir, 'was-there'));
    for (const parent of ['stopped-many', 'was-there']) {
      const child = spawn(process.execPath, [cli, 'forge', 'nova/creator.json', 'nova2/creator.json', '--out', parent], { cwd: dir });
      const exited = new Promise<number | null>((done) => child.on('exit', (status) => done(status)));
      const staging = () => (existsSync(join(dir, parent)) ? readdirSync(join(dir, parent)).filter((name) => name.includes('.forge-')) : []);
      for (let tries = 0; staging().length === 0 && tries < 6000; tries += 1) await new Promise((wait) => setTimeout(wait, 5));
      expect(staging().length).toBeGreaterThan(0);
      child.kill('SIGINT');
      expect(await exited).toBe(130);
    }
    expect(existsSync(join(dir, 'stopped-many'))).toBe(false);
    expect(readdirSync(join(dir, 'was-there'))).toEqual([]);
  }, 60_000);

  it('removes the folders it made above --out when the set fails while being drawn', async () => {
    await mkdir(join(dir, 'slow'));
    const blurs = '<feGaussianBlur stdDeviation="40"/>'.repeat(200);
    const shapes = Array.from({ length: 200 }, (_, index) => `<rect x="${index % 50}" width="400" height="400" filter="url(#f)"/>`).join('');
    await writeFile(join(dir, 'slow/mark.svg'), `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 512 512"><filter id="f" x="-50%" y="-50%" width="200%" height="200%">${blurs}</filter>${shapes}</svg>`);
    await writeFile(join(dir, 'slow/creator.json'), JSON.stringify({ name: 'Slow', mark: 'mark.svg', colors: { brand: '#ff3366', background: '#ffffff' } }));
    const { code, stderr } = run('forge', 'slow/creator.json', '--out', 'made/for/slow', '--only', 'favicon', '--timeout', '300');
    expect(code).toBe(1);
    expect(stderr).toMatch(/^dropkit forge: slow\/creator\.json: Rendering \d+x\d+ took longer than 300 ms; the renderer was stopped\n$/);
    expect(existsSync(join(dir, 'made'))).toBe(false);
  }, 60_000);

  it('refuses a mark that draws nothing, or text its font cannot draw, in one line naming the field', async () => {
    await mkdir(join(dir, 'blank'));
    await writeFile(join(dir, 'blank/empty.svg'), '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100"></svg>');
    await writeFile(join(dir, 'blank/cjk.svg'), '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 100"><text x="10" y="60" font-size="40">東京</text></svg>');
    const colors = { brand: '#112233', background: '#ffffff' };
    await writeFile(join(dir, 'blank/e.json'), JSON.stringify({ name: 'E', mark: 'empty.svg', colors }));
    await writeFile(join(dir, 'blank/c.json'), JSON.stringify({ name: 'C', mark: 'mark.svg', glyph: 'cjk.svg', colors }));
    await writeFile(join(dir, 'blank/mark.svg'), '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><rect width="10" height="10"/></svg>');
    const empty = run('forge', 'blank/e.json', '--out', 'out/e', '--only', 'favicon');
    expect(empty.code).toBe(1);
    expect(empty.stdout).toBe('');
    expect(empty.stderr).toBe('dropkit forge: blank/e.json: mark: empty.svg draws nothing: Expected a visible shape, path, text or image, but it has none\n');
    const cjk = run('forge', 'blank/c.json', '--out', 'out/c', '--only', 'favicon');
    expect(cjk.code).toBe(1);
    expect(cjk.stderr).toBe(
      'dropkit forge: blank/c.json: glyph: cjk.svg has text forge cannot draw: Expected characters its bundled font (DejaVu Sans) has, but 東 U+6771, 京 U+4EAC have no glyph there; ' +
        'convert the text to outlines (Inkscape: Path → Object to Path; Illustrator: Type → Create Outlines; Figma: Flatten)\n',
    );
    expect(existsSync(join(dir, 'out/e'))).toBe(false);
    expect(existsSync(join(dir, 'out/c'))).toBe(false);
  });

  it('refuses a mark whose icons render blank (hidden by a sheet, a mask, drawn far beside its viewBox), keeping the previous set, in one line', async () => {
    await mkdir(join(dir, 'hidden'));
    const hidden = {
      'styled.svg': '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100"><style>.a{visibility:hidden}</style><rect class="a" width="100" height="100"/></svg>',
      'masked.svg':
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100"><mask id="m"><rect width="100" height="100" fill="#000"/></mask><rect width="100" height="100" mask="url(#m)"/></svg>',
      // The artwork left beside the artboard: once a renderer crash (render-crashed).
      'beside.svg': '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100"><rect x="100000" width="100" height="100"/></svg>',
    };
    const first = run('forge', 'nova/creator.json', '--out', 'out/hidden', '--only', 'favicon');
    expect(first.code).toBe(0);
    const previous = await readFile(join(dir, 'out/hidden/favicon.ico'));
    for (const [file, svg] of Object.entries(hidden)) {
      await writeFile(join(dir, 'hidden', file), svg);
      await writeFile(join(dir, 'hidden/creator.json'), JSON.stringify({ name: 'Hidden', mark: file, colors: { brand: '#112233', background: '#ffffff' } }));
      const { code, stdout, stderr } = run('forge', 'hidden/creator.json', '--out', 'out/hidden', '--only', 'favicon');
      expect(code).toBe(1);
      expect(stdout).toBe('');
      expect(stderr).toBe(
        `dropkit forge: hidden/creator.json: mark: ${file} draws nothing: Expected some of it to show in its 512x512 icon, but every pixel came out transparent; ` +
          'check whether every shape is hidden by a style, a mask or clip, shown only for another language (<switch>), or lies outside the viewBox\n',
      );
      expect(await readFile(join(dir, 'out/hidden/favicon.ico'))).toEqual(previous);
      expect(readdirSync(join(dir, 'out')).filter((name) => name.startsWith('.'))).toEqual([]);
    }
  });

  it('refuses a blank mark with --only live-favicon and a blank glyph with --only badges, and either with --only mark-set, with the whole run\'s message, in one line, writing nothing (once a dot alone, an empty tile, a blank mark copied)', async () => {
    await mkdir(join(dir, 'dot'));
    await writeFile(join(dir, 'dot/hidden.svg'), '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100"><style>.a{visibility:hidden}</style><rect class="a" width="100" height="100"/></svg>');
    await writeFile(join(dir, 'dot/mark.svg'), '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><rect width="10" height="10"/></svg>');
    const colors = { brand: '#112233', background: '#ffffff' };
    await writeFile(join(dir, 'dot/live.json'), JSON.stringify({ name: 'Dot', mark: 'hidden.svg', colors }));
    await writeFile(join(dir, 'dot/badges.json'), JSON.stringify({ name: 'Dot', mark: 'mark.svg', glyph: 'hidden.svg', badges: [{ kind: 'verified' }], colors }));
    const where = 'check whether every shape is hidden by a style, a mask or clip, shown only for another language (<switch>), or lies outside the viewBox\n';
    const cases = [
      ['live.json', 'live-favicon', 'mark: hidden.svg draws nothing: Expected some of it to show in its 512x512 icon, but every pixel came out transparent; '],
      ['badges.json', 'badges', 'glyph: hidden.svg draws nothing: Expected some of it to show in its 48x48 icon, but every pixel came out transparent; '],
      ['live.json', 'mark-set', 'mark: hidden.svg draws nothing: Expected some of it to show in its 512x512 icon, but every pixel came out transparent; '],
      ['badges.json', 'mark-set', 'glyph: hidden.svg draws nothing: Expected some of it to show in its 48x48 icon, but every pixel came out transparent; '],
    ];
    for (const [config, stage, message] of cases) {
      const out = `out/dot-${stage}-${config}`;
      const { code, stdout, stderr } = run('forge', `dot/${config}`, '--out', out, '--only', stage!);
      expect(stderr).toBe(`dropkit forge: dot/${config}: ${message}${where}`);
      expect(code).toBe(1);
      expect(stdout).toBe('');
      expect(existsSync(join(dir, out))).toBe(false);
    }
  });

  it('forges a glyph white on a white badge tile with --only badges, as a whole run does, with a note naming the colours and the files', async () => {
    await mkdir(join(dir, 'white'));
    await writeFile(join(dir, 'white/glyph.svg'), '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100"><circle cx="50" cy="50" r="40" fill="#fff"/></svg>');
    // A disc: a full square would be one solid tile in the monochrome icon, a note of its own.
    await writeFile(join(dir, 'white/mark.svg'), '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><circle cx="5" cy="5" r="5"/></svg>');
    const colors = { brand: '#112233', background: '#ffffff' };
    await writeFile(join(dir, 'white/creator.json'), JSON.stringify({ name: 'White', url: 'https://white.example', mark: 'mark.svg', glyph: 'glyph.svg', badges: [{ kind: 'verified' }], colors }));
    const note =
      'dropkit forge: note: white/creator.json: the glyph hardly shows on colors.background (#ffffff) in badges/verified.*: its most visible colour there, #ffffff, ' +
      'has a contrast of 1.00:1 against it, below the 1.5:1 under which a shape hardly stands out; give the glyph a colour that stands out from #ffffff, or choose another colors.background\n';
    for (const only of [['--only', 'badges'], []]) {
      const { code, stderr } = run('forge', 'white/creator.json', '--out', `out/white${only.length}`, ...only);
      expect(stderr).toBe(note);
      expect(code).toBe(0);
      expect(existsSync(join(dir, `out/white${only.length}/badges/verified.png`))).toBe(true);
      // A manifest is there for the favicon stage's icons: --only badges makes none, so links none.
      const head = await readFile(join(dir, `out/white${only.length}/head.html`), 'utf8');
      expect({ only, manifest: existsSync(join(dir, `out/white${only.length}/site.webmanifest`)), linked: head.includes('rel="manifest"') }).toEqual({
        only,
        manifest: only.length === 0,
        linked: only.length === 0,
      });
    }
  });

  it('refuses a mark drawn far beside its viewBox with --only social as well, with the whole run\'s message, in one line, writing nothing (once render-crashed)', async () => {
    await mkdir(join(dir, 'far'));
    await writeFile(join(dir, 'far/beside.svg'), '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100"><rect x="100000" width="100" height="100"/></svg>');
    await writeFile(join(dir, 'far/creator.json'), JSON.stringify({ name: 'Far', mark: 'beside.svg', colors: { brand: '#112233', background: '#ffffff' } }));
    const { code, stdout, stderr } = run('forge', 'far/creator.json', '--out', 'out/far', '--only', 'social');
    expect(stderr).toBe(
      'dropkit forge: far/creator.json: mark: beside.svg draws nothing: Expected some of it to show in its 512x512 icon, but every pixel came out transparent; ' +
        'check whether every shape is hidden by a style, a mask or clip, shown only for another language (<switch>), or lies outside the viewBox\n',
    );
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(existsSync(join(dir, 'out/far'))).toBe(false);
  });

  it('forges several creators into one folder each and reports the ones that failed', () => {
    const { code, stdout, stderr } = run('forge', 'nova/creator.json', 'bad/creator.json', '--out', 'many', '--only', 'favicon');
    expect(code).toBe(1);
    expect(stdout).toMatch(/^nova\/creator\.json\s+many\/nova\s+11\s+[\d.]+ KiB$/m);
    expect(stdout).toMatch(/^bad\/creator\.json\s+many\/bad\s+failed\s+-$/m);
    expect(stderr).toContain('colors.brand');
    expect(existsSync(join(dir, 'many/nova/favicon.ico'))).toBe(true);
    expect(existsSync(join(dir, 'many/bad'))).toBe(false);
  });

  it('names the config on each failure line of several, as a mark\'s own message names only its file', async () => {
    for (const [folder, mark] of [['unclosed', '<svg xmlns="http://www.w3.org/2000/svg"><g>'], ['prose', 'hello']]) {
      await mkdir(join(dir, folder));
      await writeFile(join(dir, folder, 'mark.svg'), mark);
      await writeFile(join(dir, folder, 'creator.json'), JSON.stringify({ name: folder, mark: 'mark.svg', colors: { brand: '#ff3366', background: '#ffffff' } }));
    }
    const { code, stderr } = run('forge', 'nova/creator.json', 'unclosed/creator.json', 'bad/creator.json', 'prose/creator.json', '--out', 'named', '--only', 'favicon');
    expect(code).toBe(1);
    const lines = stderr.trim().split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(/^dropkit forge: unclosed\/creator\.json: mark\.svg: Expected well-formed XML/);
    // A config's own problem already starts with its path: said once.
    expect(lines[1]).toBe('dropkit forge: bad/creator.json: Expected an opaque CSS colour such as #ff3366, #f36, rebeccapurple or oklch(62% 0.2 25) for colors.brand but received "red;}"');
    expect(lines[2]).toBe('dropkit forge: prose/creator.json: mark.svg: Expected an SVG document (not an SVG: no <svg> element)');
    expect(existsSync(join(dir, 'named/nova/favicon.ico'))).toBe(true);
  });

  it('gives creator.json named from inside its folder its folder\'s name among several, never --out itself', async () => {
    await cp(join(dir, 'nova'), join(dir, 'here'), { recursive: true });
    await cp(join(dir, 'here/creator.json'), join(dir, 'here/second.json'));
    const result = spawnSync(process.execPath, [cli, 'forge', 'creator.json', 'second.json', '--out', '../from-inside', '--only', 'favicon'], { encoding: 'utf8', cwd: join(dir, 'here'), timeout: 120_000 });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^creator\.json\s+\.\.\/from-inside\/here\s+11\s/m);
    expect(result.stdout).toMatch(/^second\.json\s+\.\.\/from-inside\/second\s+11\s/m);
    // Until 28 November 2026 the first set was --out itself, and one set's rename replaced or broke the other.
    expect(readdirSync(join(dir, 'from-inside')).sort()).toEqual(['here', 'second']);
    expect(readdirSync(join(dir, 'from-inside/here'))).toContain('favicon.ico');
    expect(readdirSync(join(dir, 'from-inside/second'))).toContain('favicon.ico');
  });

  it('refuses an --only that names no stage (an empty variable in a script), keeping the previous set', () => {
    expect(run('forge', 'nova/creator.json', '--out', 'only-none', '--only', 'favicon').code).toBe(0);
    const before = readdirSync(join(dir, 'only-none')).sort();
    for (const only of ['', ' ', ',']) {
      const { code, stdout, stderr } = run('forge', 'nova/creator.json', '--out', 'only-none', '--only', only);
      expect(code).toBe(1);
      expect(stdout).toBe('');
      expect(stderr).toBe(`dropkit forge: expected --only to name stages among favicon, live-favicon, mark-set, social, badges but received ${JSON.stringify(only)}, which names none\n`);
      // Until 28 November 2026 it forged no stage: a set of forge.json, head.html and the manifest replaced the icons.
      expect(readdirSync(join(dir, 'only-none')).sort()).toEqual(before);
    }
  });

  it('adds up a repeated --only, and refuses a repeated --out, --base or --timeout, writing nothing', () => {
    // parseArgs kept the last of each: --only favicon --only mark-set forged the mark set alone.
    const both = run('forge', 'nova/creator.json', '--out', 'out/only-twice', '--only', 'favicon', '--only', 'mark-set');
    expect({ code: both.code, stderr: both.stderr }).toEqual({ code: 0, stderr: '' });
    const written = readdirSync(join(dir, 'out/only-twice'));
    expect(written).toContain('favicon.ico');
    expect(written).toContain('mark');
    for (const [option, first, second] of [['--out', 'out/a', 'out/b'], ['--base', '/a/', '/b/'], ['--timeout', '5000', '9000']] as const) {
      const args = option === '--out' ? [option, first, option, second] : ['--out', 'out/twice', option, first, option, second];
      const { code, stdout, stderr } = run('forge', 'nova/creator.json', ...args);
      expect({ code, stdout, stderr }).toEqual({ code: 1, stdout: '', stderr: `dropkit forge: expected ${option} once but received it 2 times ("${first}", "${second}")\n` });
    }
    for (const never of ['out/a', 'out/b', 'out/twice']) expect(existsSync(join(dir, never))).toBe(false);
  });

  it('refuses --check with an --only that leaves the favicon set out, writing nothing', () => {
    // It replaced the folder, then failed with the checker's five errors about the missing favicons.
    const { code, stdout, stderr } = run('forge', 'nova/creator.json', '--out', 'out/check-social', '--only', 'social', '--check');
    expect({ code, stdout, stderr }).toEqual({
      code: 1,
      stdout: '',
      stderr: 'dropkit forge: expected --only to include favicon with --check, which checks the favicon set, but received "social"; add favicon to --only or leave --check out\n',
    });
    expect(existsSync(join(dir, 'out/check-social'))).toBe(false);
  });

  it('keeps a process alive while a job waits for a starting renderer, and lets it exit after', () => {
    const script = `
      const { IsolatedRenderer } = await import(${JSON.stringify(join(packageDir, 'dist/render/isolated.js'))});
      const renderer = new IsolatedRenderer({ processes: 1 });
      const bytes = await renderer.rasterize({ svg: '<svg xmlns="http://www.w3.org/2000/svg" width="2" height="2"/>', width: 2, height: 2, output: 'rgba' });
      console.log('rendered', bytes.length);`;
    const result = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', timeout: 60_000 });
    // No close(): an idle renderer must not hold the process open either (spawnSync would time out).
    expect(result.stdout.trim()).toBe('rendered 16');
    expect(result.status).toBe(0);
  });

  it('loads sharp in this process only when badges or a social card are made, not on import', () => {
    // The Vite plugin imports the package on every dev-server start.
    const script = `
      import { createRequire } from 'node:module';
      const loaded = () => Object.keys(createRequire(import.meta.url).cache).some((path) => path.includes('/node_modules/sharp/'));
      const forge = await import(${JSON.stringify(join(packageDir, 'dist/index.js'))});
      await import(${JSON.stringify(join(packageDir, 'dist/vite.js'))});
      const onImport = loaded();
      const renderer = new forge.IsolatedRenderer({ processes: 1 });
      await forge.forge(await forge.loadCreator(${JSON.stringify(join(dir, 'nova/creator.json'))}), { renderer, stages: [forge.socialStage] });
      renderer.close();
      console.log(JSON.stringify({ onImport, afterSocialCard: loaded() }));`;
    const result = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', timeout: 60_000 });
    expect(result.stderr).toBe('');
    expect(JSON.parse(result.stdout)).toEqual({ onImport: false, afterSocialCard: true });
  });

  it('advises a glyph for a wide mark without one, and still forges', async () => {
    const config = JSON.parse(await readFile(join(dir, 'nova/creator.json'), 'utf8'));
    // The demo creator puts its glyph on the home screen, which needs the glyph this test takes away.
    delete config.glyph;
    delete config.homeScreen;
    await writeFile(join(dir, 'nova/no-glyph.json'), JSON.stringify(config));
    const { code, stderr } = run('forge', 'nova/no-glyph.json', '--out', 'out/no-glyph', '--only', 'favicon');
    expect(code).toBe(0);
    expect(stderr).toBe(
      'dropkit forge: note: nova/no-glyph.json: the mark is 3.0:1 and the config names no glyph, so the 16-48 px favicons ' +
        'shrink the whole mark into the square; add "glyph": a square SVG drawn for small sizes (your symbol or initials)\n',
    );
    expect(existsSync(join(dir, 'out/no-glyph/favicon.ico'))).toBe(true);
  });

  it('says when the drawing fills little of the canvas (judged on the drawn icons), and still forges; not once cropped', async () => {
    const config = JSON.parse(await readFile(join(dir, 'nova/creator.json'), 'utf8'));
    delete config.glyph;
    delete config.homeScreen;
    // A 1000-unit artboard with the logo 300 units wide in its middle, and the same logo cropped.
    await writeFile(join(dir, 'nova/padded.svg'), '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1000 1000"><circle cx="500" cy="500" r="150" fill="#1b1b3a"/></svg>');
    await writeFile(join(dir, 'nova/cropped.svg'), '<svg xmlns="http://www.w3.org/2000/svg" viewBox="350 350 300 300"><circle cx="500" cy="500" r="150" fill="#1b1b3a"/></svg>');
    await writeFile(join(dir, 'nova/padded.json'), JSON.stringify({ ...config, mark: 'padded.svg' }));
    await writeFile(join(dir, 'nova/cropped.json'), JSON.stringify({ ...config, mark: 'cropped.svg' }));
    const padded = run('forge', 'nova/padded.json', '--out', 'out/padded', '--only', 'favicon');
    expect(padded.code).toBe(0);
    expect(padded.stderr).toBe(
      "dropkit forge: note: nova/padded.json: the drawing fills only 31 % of the mark's width and 30 % of its height, and forge fits the whole canvas " +
        '(the viewBox), not the drawing on it, so the icons show it small in wide margins; unless the space is meant, crop the canvas to the drawing ' +
        'before you save (Inkscape: Edit → Resize Page to Selection; Illustrator: Object → Artboards → Fit to Artwork Bounds)\n',
    );
    expect(existsSync(join(dir, 'out/padded/favicon.ico'))).toBe(true);
    const cropped = run('forge', 'nova/cropped.json', '--out', 'out/cropped', '--only', 'favicon');
    expect(cropped.code).toBe(0);
    expect(cropped.stderr).toBe('');
  });

  it('says when text in the mark will not be in the typeface it names, and still forges', async () => {
    const config = JSON.parse(await readFile(join(dir, 'nova/creator.json'), 'utf8'));
    // Lettering that spans its canvas, so the typeface is the one thing to say.
    await writeFile(
      join(dir, 'nova/text-mark.svg'),
      '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100"><style>.t{font-family:\'Montserrat-Bold\'}</style><text class="t" x="8" y="72" font-size="60">NT</text></svg>',
    );
    await writeFile(join(dir, 'nova/text-mark.json'), JSON.stringify({ ...config, mark: 'text-mark.svg' }));
    const { code, stderr } = run('forge', 'nova/text-mark.json', '--out', 'out/text-mark', '--only', 'favicon');
    expect(code).toBe(0);
    expect(stderr).toBe(
      "dropkit forge: note: nova/text-mark.json: text set in Montserrat-Bold is drawn in DejaVu Sans, forge's one font (it never uses this " +
        "machine's fonts, so every machine makes the same icons); to keep your letters, convert the text to outlines " +
        '(Inkscape: Path → Object to Path; Illustrator: Type → Create Outlines; Figma: Flatten)\n',
    );
    expect(existsSync(join(dir, 'out/text-mark/favicon.ico'))).toBe(true);
  });

  it('prints its usage on --help, and names an unknown command', () => {
    for (const args of [[], ['--help'], ['-h'], ['help']]) {
      const help = run(...args);
      expect(help.code).toBe(0);
      expect(help.stdout).toMatch(/^Usage: dropkit forge /);
      expect(help.stderr).toBe('');
    }
    const unknown = run('froge');
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/^dropkit: unknown command "froge"\nUsage: dropkit forge /);
  });

  it('explains its usage', () => {
    const missing = run('forge', 'nova/creator.json');
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('expected at least one config and --out <dir>');
    for (const base of ['shop/', '/a b/', '/shop/?v=1', '/shop/#icons']) {
      const wrongBase = run('forge', 'nova/creator.json', '--out', 'x', '--base', base);
      expect(wrongBase.code).toBe(1);
      expect(wrongBase.stderr).toBe(
        `dropkit forge: expected --base to be the URL path the files are served from, starting with / (such as /shop/), or a full https:// address, but received ${JSON.stringify(base)}\n`,
      );
    }
    expect(existsSync(join(dir, 'x'))).toBe(false);
    const unknown = run('forge', 'nova/creator.json', '--out', 'x', '--only', 'favicons');
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('expected --only to name stages among favicon');
  });
});
