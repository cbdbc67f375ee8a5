/**
 * Nothing lost: the `dropkit forge` CLI (the built one, as a marketplace runs it) is SIGKILLed while
 * it renders and while it writes. The previous output folder must survive byte for byte, with no
 * partial folder in its place, and the renderer processes must not outlive their parent.
 */
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { copyFile, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from './support/server.ts';

const cli = join(repoRoot, 'packages', 'forge', 'dist', 'cli.js');
const demoCreator = join(repoRoot, 'tools', 'demo', 'creator');

let work: string;
let out: string;
let before: Map<string, string>;

async function snapshot(folder: string): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  for (const entry of await readdir(folder, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    files.set(relative(folder, path), createHash('sha256').update(await readFile(path)).digest('hex'));
  }
  return files;
}

async function writeCreator(name: string, brand: string): Promise<string> {
  const config = join(work, `${name}.json`);
  const source = JSON.parse(await readFile(join(demoCreator, 'creator.json'), 'utf8'));
  delete source.$schema;
  source.colors.brand = brand;
  await writeFile(config, JSON.stringify(source));
  return config;
}

const slowWrites = pathToFileURL(join(repoRoot, 'test', 'hardening', 'support', 'slow-writes.mjs')).href;

function runForge(config: string, nodeOptions: string[] = []): ChildProcess {
  return spawn(process.execPath, [...nodeOptions, cli, 'forge', config, '--out', out], { stdio: ['ignore', 'pipe', 'pipe'] });
}

const exited = (child: ChildProcess) =>
  new Promise<number | null>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve(child.exitCode);
    else child.once('exit', (code) => resolve(code));
  });

function childrenOf(pid: number): number[] {
  try {
    return execFileSync('ps', ['-o', 'pid=', '--ppid', String(pid)], { encoding: 'utf8' })
      .split('\n')
      .map((line) => Number(line.trim()))
      .filter((n) => n > 0);
  } catch {
    return [];
  }
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

async function waitUntil(check: () => boolean, what: string, ms = 15_000): Promise<void> {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > ms) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

beforeAll(async () => {
  if (!existsSync(cli)) throw new Error(`${cli} is missing: run npm run build first`);
  work = await mkdtemp(join(tmpdir(), 'dropkit-forge-kill-'));
  out = join(work, 'site', 'icons');
  for (const file of ['mark.svg', 'glyph.svg']) await copyFile(join(demoCreator, file), join(work, file));
  const first = runForge(await writeCreator('first', '#ff3366'));
  expect(await exited(first)).toBe(0);
  before = await snapshot(out);
  expect(before.size).toBeGreaterThan(5);
});

afterAll(async () => {
  if (work) await rm(work, { recursive: true, force: true });
});

describe('dropkit forge killed mid-run', () => {
  it('while rendering: the previous output survives byte for byte and the renderers die with the CLI', async () => {
    const child = runForge(await writeCreator('second', '#3366ff'));
    // The renderer processes exist once rendering is under way.
    await waitUntil(() => childrenOf(child.pid!).length > 0, 'forge to start its renderers');
    await new Promise((resolve) => setTimeout(resolve, 300));
    const renderers = childrenOf(child.pid!);
    child.kill('SIGKILL');
    await exited(child);
    expect(await snapshot(out)).toEqual(before);
    await waitUntil(() => renderers.every((pid) => !alive(pid)), 'orphaned renderer processes to exit', 5000);
  });

  it('while writing: the kill lands in the staging folder, never in the output folder', async () => {
    const parent = join(work, 'site');
    // Writes slowed down (support/slow-writes.mjs) so the kill surely lands mid-write.
    const child = runForge(await writeCreator('third', '#33aa66'), ['--import', slowWrites]);
    const staged = async () => {
      for (const name of await readdir(parent)) {
        if (name.startsWith('.icons.') && !name.endsWith('.previous')) {
          const files = await readdir(join(parent, name)).catch(() => []);
          if (files.length >= 2) return true;
        }
      }
      return false;
    };
    let writing = false;
    while (!writing && child.exitCode === null) {
      writing = await staged();
      if (!writing) await new Promise((resolve) => setTimeout(resolve, 2));
    }
    child.kill('SIGKILL');
    await exited(child);
    expect(writing).toBe(true);
    expect(child.signalCode).toBe('SIGKILL');
    expect(await snapshot(out)).toEqual(before);
    // Whatever the killed run left behind is a hidden staging folder, not a second "icons".
    for (const name of await readdir(parent)) expect(name === 'icons' || name.startsWith('.icons.')).toBe(true);
  });

  it('a run that is not interrupted replaces the folder as a whole (the snapshots above can differ)', async () => {
    const child = runForge(await writeCreator('fourth', '#aa33ff'));
    expect(await exited(child)).toBe(0);
    const after = await snapshot(out);
    expect(after).not.toEqual(before);
    expect([...after.keys()].sort()).toEqual([...before.keys()].sort());
  });
});
