/**
 * What npm would publish, checked on the real `npm pack` output of the built packages (run after
 * `npm run build`, as `npm test` does): the file lists, the exports map against those files,
 * `publint`, `@arethetypeswrong/cli` on the tarballs (offline), and the JSX types compiling in a
 * consumer's TSX.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publint } from 'publint';
import ts from 'typescript';

const repo = fileURLToPath(new URL('..', import.meta.url));
const packs = mkdtempSync(join(tmpdir(), 'dropkit-pack-'));
afterAll(() => rmSync(packs, { recursive: true, force: true }));

interface Packed {
  dir: string;
  manifest: Record<string, any>;
  files: string[];
  tarball: string;
}

function pack(name: 'elements' | 'forge'): Packed {
  const dir = join(repo, 'packages', name);
  if (!existsSync(join(dir, 'dist'))) throw new Error(`packages/${name}/dist is missing: run \`npm run build\` first`);
  const out = execFileSync('npm', ['pack', '--json', '--pack-destination', packs], { cwd: dir, encoding: 'utf8' });
  const [result] = JSON.parse(out.slice(out.indexOf('['))) as Array<{ filename: string; files: Array<{ path: string }> }>;
  return {
    dir,
    manifest: JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')),
    files: result!.files.map((file) => file.path).sort(),
    tarball: join(packs, result!.filename),
  };
}

/** Every file an `exports` map points at (all conditions), with `./` stripped. */
function exportTargets(exportsField: Record<string, unknown>): string[] {
  const targets: string[] = [];
  const walk = (value: unknown) => {
    if (typeof value === 'string') targets.push(value.replace(/^\.\//, ''));
    else if (value && typeof value === 'object') Object.values(value).forEach(walk);
  };
  walk(exportsField);
  return targets;
}

/** publint reads the tarball itself, as npm would publish it (files under `package/`). */
const tarballBytes = (file: string): ArrayBuffer => new Uint8Array(readFileSync(file)).buffer;

/** The part of the file list that must never be published, whichever package. */
const LEAKS = [/\.test\./, /(^|\/)test-support\//, /(^|\/)testing(\/|\.)/, /(^|\/)stories\//, /\.stories\./, /(^|\/)src\//, /(^|\/)node_modules\//, /\.storybook/];

// package.json `sideEffects` globs (`*` within a folder, `**/` at any depth) as one predicate.
function matcher(globs: string[]): (file: string) => boolean {
  const patterns = globs.map((glob) => {
    const source = glob
      .replace(/^\.\//, '')
      .replace(/[.+^${}()|[\]\\]/g, '\\$&')
      .replace(/\*\*\//g, '\u0000')
      .replace(/\*/g, '[^/]*')
      .replace(/\u0000/g, '(?:.*/)?');
    return new RegExp(`^${source}$`);
  });
  return (file) => patterns.some((pattern) => pattern.test(file));
}

/**
 * `tsc -p project` (noEmit), in this process: the errors tsc would print, or ''. The entry projects
 * below are ten programs over the same lib and dist declarations: parsed once for all of them, they
 * take ~3 s, where ten `npx tsc` processes took ~36 s (the longest file of the unit run).
 */
const parsedFiles = new Map<string, ts.SourceFile | undefined>();
function compileErrors(project: string): string {
  const config = ts.getParsedCommandLineOfConfigFile(project, undefined, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} });
  if (!config) throw new Error(`cannot read ${project}`);
  const host = ts.createCompilerHost(config.options);
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (fileName, languageVersion, ...rest) => {
    // The parse depends on the target and, under NodeNext, the file's module format: both in the key.
    const key = `${fileName}\0${JSON.stringify(languageVersion)}`;
    if (!parsedFiles.has(key)) parsedFiles.set(key, getSourceFile(fileName, languageVersion, ...rest));
    return parsedFiles.get(key);
  };
  const program = ts.createProgram({ rootNames: config.fileNames, options: config.options, host, configFileParsingDiagnostics: config.errors });
  const diagnostics = ts.getPreEmitDiagnostics(program);
  return ts.formatDiagnostics(diagnostics, { getCanonicalFileName: (name) => name, getCurrentDirectory: () => repo, getNewLine: () => '\n' });
}

function attwProblems(tarball: string, ignoredEntrypoints: string[] = []): unknown[] {
  const args = ['attw', tarball, '--profile', 'esm-only', '--format', 'json'];
  if (ignoredEntrypoints.length) args.push('--exclude-entrypoints', ...ignoredEntrypoints);
  let out: string;
  try {
    out = execFileSync('npx', args, { cwd: repo, encoding: 'utf8' });
  } catch (error) {
    // attw exits non-zero when it finds problems; the JSON on stdout says which.
    out = (error as { stdout: string }).stdout;
  }
  // The JSON lists problems for every resolution mode; the esm-only profile judges only these two
  // (node10 and require() from CommonJS cannot load an ESM-only package, by design).
  const report = JSON.parse(out) as { problems?: Record<string, Array<{ resolutionKind?: string }>> };
  return Object.values(report.problems ?? {})
    .flat()
    .filter((problem) => !problem.resolutionKind || ['node16-esm', 'bundler'].includes(problem.resolutionKind));
}

describe('@dropkit/elements package', () => {
  let elements: Packed;
  beforeAll(() => {
    elements = pack('elements');
  });

  it('publishes only built files, the manifest and package.json: no tests, sources, stories or forge', () => {
    const leaked = elements.files.filter((file) => LEAKS.some((pattern) => pattern.test(file)));
    expect(leaked).toEqual([]);
    const outside = elements.files.filter(
      (file) => !file.startsWith('dist/') && !['package.json', 'custom-elements.json', 'README.md', 'LICENSE'].includes(file),
    );
    expect(outside).toEqual([]);
    expect(elements.files.some((file) => /forge|sharp|resvg/.test(file))).toBe(false);
  });

  it('ships JavaScript and types for every entry point, the manifest and the one-tag bundle', () => {
    const missing = exportTargets(elements.manifest.exports).filter((target) => !elements.files.includes(target));
    expect(missing).toEqual([]);
    for (const file of ['dist/index.js', 'dist/index.d.ts', 'dist/react/index.js', 'custom-elements.json', 'dist/cdn/dropkit.js', 'dist/cdn/dropkit.iife.js']) {
      expect(elements.files).toContain(file);
    }
    expect(elements.manifest.customElements).toBe('custom-elements.json');
  });

  it('exports every element folder twice: the class alone and its define file', () => {
    const src = join(elements.dir, 'src');
    // shared/define.ts is the registration helper, not an element.
    const folders = readdirSync(src).filter((folder) => folder !== 'shared' && existsSync(join(src, folder, 'define.ts')));
    expect(folders.length).toBeGreaterThanOrEqual(4);
    for (const folder of folders) {
      expect(elements.manifest.exports, folder).toHaveProperty(`./${folder}`);
      expect(elements.manifest.exports, folder).toHaveProperty(`./${folder}/define`);
    }
  });

  it('marks exactly the registering modules as side effects, so bundlers can drop unused classes', () => {
    const isSideEffect = matcher(elements.manifest.sideEffects);
    const js = elements.files.filter((file) => file.endsWith('.js') && !file.startsWith('dist/cdn/'));
    const registering = js.filter((file) => /customElements\b|defineElement\(|define\.js['"]/.test(readFileSync(join(elements.dir, file), 'utf8')) && /(^|\/)define\.js$|react\/index\.js$/.test(file));
    expect(registering.length).toBeGreaterThanOrEqual(5);
    for (const file of registering) expect(isSideEffect(file), file).toBe(true);
    for (const file of ['dist/index.js', 'dist/registry.js', 'dist/countdown/countdown.js', 'dist/button/button.js']) {
      expect(isSideEffect(file), file).toBe(false);
    }
  });

  it('the generated manifest names every element, with attributes and events from the JSDoc', () => {
    const manifest = JSON.parse(readFileSync(join(elements.dir, 'custom-elements.json'), 'utf8'));
    const declarations = manifest.modules.flatMap((module: any) => module.declarations ?? []);
    const byTag = new Map(declarations.filter((d: any) => d.tagName).map((d: any) => [d.tagName, d]));
    for (const tag of ['drop-countdown', 'drop-button', 'drop-mark', 'drop-clip', 'drop-product']) {
      expect(byTag.has(tag), tag).toBe(true);
    }
    const countdown: any = byTag.get('drop-countdown');
    expect(countdown.attributes.map((a: any) => a.name)).toEqual(expect.arrayContaining(['at', 'until', 'now', 'time-src']));
    expect(countdown.events.map((e: any) => e.name)).toEqual(['drop-state']);
    expect(countdown.cssParts.length).toBeGreaterThan(0);
    // Internal reactive state is not API.
    const everyAttribute = [...byTag.values()].flatMap((d: any) => (d.attributes ?? []).map((a: any) => a.name));
    expect(everyAttribute.filter((name: string) => /^[a-z]+[A-Z]/.test(name))).toEqual([]);
  });

  it('passes publint', async () => {
    const { messages } = await publint({ pkgDir: 'package', level: 'warning', pack: { tarball: tarballBytes(elements.tarball) } });
    expect(messages).toEqual([]);
  });

  it('passes @arethetypeswrong/cli for ESM consumers (node16 and bundler resolution)', () => {
    // The CDN files are classic/module scripts for a <script> tag, not imports; they carry no types.
    expect(attwProblems(elements.tarball, ['./cdn/dropkit.js', './cdn/dropkit.iife.js'])).toEqual([]);
  });

  it('its JSX types let React, Preact and Solid code use the raw tags, and reject wrong props', () => {
    const project = join(repo, 'test', 'packages', 'jsx', 'tsconfig.json');
    expect(compileErrors(project)).toBe('');
  }, 120_000);

  it('types what each entry promises from that import alone (tags, events, JSX handlers)', () => {
    // One program per entry: in a shared one, any file importing '@dropkit/elements' would bring
    // the event types to all the others and hide an entry that does not.
    const dir = join(repo, 'test', 'packages', 'jsx', 'entries');
    const projects = readdirSync(dir).filter((file) => /^tsconfig-.*\.json$/.test(file));
    expect(projects.length).toBeGreaterThanOrEqual(4);
    const failures: Record<string, string> = {};
    for (const project of projects) {
      const errors = compileErrors(join(dir, project));
      if (errors) failures[project] = errors;
    }
    expect(failures).toEqual({});
  }, 180_000);
});

describe('@dropkit/forge package', () => {
  let forge: Packed;
  beforeAll(() => {
    forge = pack('forge');
  });

  it('publishes only its build: no tests, test helpers, sources or elements', () => {
    const leaked = forge.files.filter((file) => LEAKS.some((pattern) => pattern.test(file)));
    expect(leaked).toEqual([]);
    expect(forge.files.filter((file) => !file.startsWith('dist/') && !['package.json', 'README.md', 'LICENSE'].includes(file))).toEqual([]);
    expect(forge.files.some((file) => /lit|drop-countdown|elements\//.test(file))).toBe(false);
  });

  it('exports the library, the Vite plugin, the config schema and a CLI bin, all present', () => {
    const exportsField = forge.manifest.exports;
    expect(Object.keys(exportsField)).toEqual(expect.arrayContaining(['.', './vite', './schema.json']));
    expect(exportsField['.'].types).toMatch(/\.d\.ts$/);
    expect(exportTargets(exportsField).filter((target) => !forge.files.includes(target))).toEqual([]);
    const bins = Object.values(forge.manifest.bin as Record<string, string>).map((bin) => bin.replace(/^\.\//, ''));
    expect(bins.length).toBeGreaterThan(0);
    for (const bin of bins) {
      expect(forge.files).toContain(bin);
      expect(readFileSync(join(forge.dir, bin), 'utf8').startsWith('#!/usr/bin/env node')).toBe(true);
    }
    const schema = JSON.parse(readFileSync(join(forge.dir, exportsField['./schema.json'].replace(/^\.\//, '')), 'utf8'));
    expect(schema.$schema ?? schema.type).toBeTruthy();
  });

  it('passes publint', async () => {
    const { messages } = await publint({ pkgDir: 'package', level: 'warning', pack: { tarball: tarballBytes(forge.tarball) } });
    expect(messages).toEqual([]);
  });

  it('passes @arethetypeswrong/cli for ESM consumers', () => {
    expect(attwProblems(forge.tarball)).toEqual([]);
  });
});
