import { describe, expect, it } from 'vitest';
import type { ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import sharp from 'sharp';
import { IsolatedRenderer } from './isolated.ts';

const { prestartRenderer } = createRequire(import.meta.url)('./fork.cjs') as { prestartRenderer: () => ChildProcess };
const red = { svg: '<svg xmlns="http://www.w3.org/2000/svg" width="8" height="8"><rect width="8" height="8" fill="#ff0000"/></svg>', width: 8, height: 8, output: 'png' as const };

async function renderWith(renderer: IsolatedRenderer) {
  const { data } = await sharp(await renderer.rasterize(red)).raw().toBuffer({ resolveWithObject: true });
  return [...data.subarray(0, 3)];
}

describe('a renderer prestarted by the CLI entry (render/fork.cjs)', () => {
  /** The next renderer draws with `child` (it forked nothing of its own). */
  async function expectAdopted(child: ChildProcess) {
    const renderer = new IsolatedRenderer({ processes: 1 }).warm();
    try {
      expect(renderer.pids()).toEqual([child.pid]);
      expect(await renderWith(renderer)).toEqual([255, 0, 0]);
    } finally {
      renderer.close();
    }
  }

  it('is adopted by the next IsolatedRenderer instead of forking another', async () => {
    await expectAdopted(prestartRenderer());
  });

  it('is used even when it said ready before anyone listened', async () => {
    const child = prestartRenderer();
    await new Promise((resolve) => child.once('message', resolve));
    await expectAdopted(child);
  });

  it('is adopted once: the next renderer forks its own', async () => {
    const child = prestartRenderer();
    const first = new IsolatedRenderer({ processes: 1 }).warm();
    const second = new IsolatedRenderer({ processes: 1 }).warm();
    try {
      expect(first.pids()).toEqual([child.pid]);
      expect(second.pids()).toHaveLength(1);
      expect(second.pids()[0]).not.toBe(child.pid);
      expect(await renderWith(second)).toEqual([255, 0, 0]);
    } finally {
      first.close();
      second.close();
    }
  });

  it('is not adopted once it has died; a fresh child takes its place', async () => {
    const child = prestartRenderer();
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
    const renderer = new IsolatedRenderer({ processes: 1 }).warm();
    try {
      expect(renderer.pids()).toHaveLength(1);
      expect(renderer.pids()[0]).not.toBe(child.pid);
      expect(await renderWith(renderer)).toEqual([255, 0, 0]);
    } finally {
      renderer.close();
    }
  });
});
