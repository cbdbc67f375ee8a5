import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { getEventListeners } from 'node:events';
import { readFileSync } from 'node:fs';
import sharp from 'sharp';
import { IsolatedRenderer } from './isolated.ts';
import { RenderError } from '../errors.ts';
import { contrastRatio, luminanceContrast, luminanceOf, rgbOf } from '../badge/colors.ts';
import type { HexColor } from '../plan/types.ts';

const square = (size: number, fill = '#ff3366') =>
  `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}"><rect width="${size}" height="${size}" fill="${fill}"/></svg>`;

/** Enough filter work to outlast any budget, from a document the sanitizer would accept. */
const slow = (() => {
  const blurs = '<feGaussianBlur stdDeviation="40"/>'.repeat(200);
  const shapes = '<rect width="400" height="400" filter="url(#f)"/>'.repeat(200);
  return `<svg xmlns="http://www.w3.org/2000/svg" width="512" height="512"><filter id="f">${blurs}</filter>${shapes}</svg>`;
})();

const renderer = new IsolatedRenderer({ processes: 1, timeoutMs: 2000 });
afterAll(() => renderer.close());

async function rejection(promise: Promise<unknown>): Promise<RenderError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(RenderError);
    return error as RenderError;
  }
  throw new Error('expected a RenderError');
}

describe('IsolatedRenderer', () => {
  it('measures where the drawing lies (alpha at least half the strongest), on the same bytes as rasterize', async () => {
    const svg = (body: string) => `<svg xmlns="http://www.w3.org/2000/svg" width="20" height="10">${body}</svg>`;
    const two = svg('<rect x="3" y="2" width="4" height="5"/><rect x="15" y="8" width="1" height="1" fill-opacity="0.49"/>');
    const job = { svg: two, width: 20, height: 10, output: 'png' as const };
    const measured = await renderer.rasterizeMeasured(job);
    // Beside an opaque shape, a pixel under half its alpha (a glow's tail, a soft shadow) does not count.
    expect(measured.box).toEqual({ left: 3, top: 2, right: 7, bottom: 7 });
    expect(measured.bytes).toEqual(await renderer.rasterize(job));
    // At half it does.
    const half = { ...job, svg: two.replace('0.49', '0.51') };
    expect((await renderer.rasterizeMeasured(half)).box).toEqual({ left: 3, top: 2, right: 16, bottom: 9 });
    // A drawing faint all over is measured against its own strongest pixel: the same box at 2 % alpha.
    const faint = { ...half, svg: half.svg.replace('<rect x="3"', '<rect fill-opacity="0.02" x="3"').replace('0.51', '0.0102') };
    expect((await renderer.rasterizeMeasured(faint)).box).toEqual({ left: 3, top: 2, right: 16, bottom: 9 });
    // Tinted (the monochrome icon) it is the same box; blank, there is none.
    expect((await renderer.rasterizeMeasured({ ...job, tint: '#000000' })).box).toEqual({ left: 3, top: 2, right: 7, bottom: 7 });
    expect((await renderer.rasterizeMeasured({ ...job, svg: svg('<rect width="20" height="10" fill="none"/>') })).box).toBeUndefined();
    // A line one pixel high across the canvas.
    expect((await renderer.rasterizeMeasured({ ...job, svg: svg('<rect y="4" width="20" height="1"/>') })).box).toEqual({ left: 0, top: 4, right: 20, bottom: 5 });
  });

  it('measures how well the drawing shows on a colour (shownOn): the contrast its most visible 1 % of pixels reach, by one rule whatever the encoding', async () => {
    /**
     * The rule worked out here from the decoded image instead: every pixel laid on the background
     * (straight alpha), those that come out the background itself left out, the rest ranked by
     * contrast; the answer is the pixel at 1 % of them (and, for contrast, the single most visible).
     */
    const fromPixels = (rgba: Uint8Array, background: HexColor) => {
      const [r, g, b] = rgbOf(background);
      const tile = luminanceOf(r, g, b);
      const ratios: number[] = [];
      for (let i = 0; i < rgba.length; i += 4) {
        const alpha = rgba[i + 3]!;
        if (alpha === 0) continue;
        const laid = [r, g, b].map((under, channel) => Math.round((rgba[i + channel]! * alpha + under * (255 - alpha)) / 255)) as [number, number, number];
        if (laid[0] === r && laid[1] === g && laid[2] === b) continue;
        ratios.push(luminanceContrast(luminanceOf(...laid), tile));
      }
      ratios.sort((x, y) => y - x);
      return { share: ratios[Math.ceil(ratios.length * 0.01) - 1]!, most: ratios[0]!, colours: new Set(ratios).size };
    };
    const svg = (body: string) => `<svg xmlns="http://www.w3.org/2000/svg" width="64" height="64">${body}</svg>`;
    const tile = '<rect width="64" height="64" fill="#ffffff"/>';
    const cases = {
      // A palette of a few colours: the renderer reads the PNG writer's colour table.
      flat: svg(`${tile}<circle cx="32" cy="32" r="24" fill="#e8e8e8"/>`),
      // The same faint disc with a dark speck: the speck is the most visible pixel, not 1 % of them.
      speck: svg(`${tile}<circle cx="32" cy="32" r="24" fill="#e8e8e8"/><rect x="31" y="31" width="2" height="2" fill="#1b1b3a"/>`),
      // Two crossing gradients on a transparent canvas: thousands of colours, read pixel run by run.
      gradient: svg(
        '<linearGradient id="a"><stop stop-color="#ff0000"/><stop offset="1" stop-color="#0000ff" stop-opacity="0.3"/></linearGradient>' +
          '<linearGradient id="b" x2="0" y2="1"><stop stop-color="#00ff00" stop-opacity="0"/><stop offset="1" stop-color="#ffff00"/></linearGradient>' +
          '<circle cx="32" cy="32" r="30" fill="url(#a)"/><circle cx="32" cy="32" r="30" fill="url(#b)"/>',
      ),
    };
    for (const [name, body] of Object.entries(cases)) {
      for (const background of ['#ffffff', '#1b1b3a'] as const) {
        const job = { svg: body, width: 64, height: 64, output: 'png' as const };
        const measured = await renderer.rasterizeMeasured({ ...job, shownOn: background });
        expect(measured.bytes, name).toEqual(await renderer.rasterize(job));
        expect(measured.box, name).toBeUndefined();
        const rgba = await renderer.rasterize({ ...job, output: 'rgba' });
        const expected = fromPixels(rgba, background);
        if (name === 'gradient') expect(expected.colours).toBeGreaterThan(256);
        // The colour named has the contrast given; both match the decoded pixels' within 0.5 %
        // (the renderer lays its premultiplied pixels on the colour, the test straightened ones:
        // a level apart in a faint pixel of the gradient's edge).
        expect(contrastRatio(measured.shown!.colour, background), `${name} on ${background}`).toBeCloseTo(measured.shown!.ratio, 6);
        expect(Math.abs(measured.shown!.ratio / expected.share - 1), `${name} on ${background}`).toBeLessThan(0.005);
        if (name === 'speck' && background === '#ffffff') expect(expected.most).toBeGreaterThan(measured.shown!.ratio * 2);
        // The same from the raw pixels (the social card's job) and from a truecolour PNG.
        for (const other of [{ output: 'rgba' as const }, { palette: false }]) {
          expect((await renderer.rasterizeMeasured({ ...job, ...other, shownOn: background })).shown, `${name} ${JSON.stringify(other)}`).toEqual(measured.shown);
        }
      }
    }
    // Past 256 colours a large image is read at about 4,096 pixels spread over it: the same answer
    // as every pixel's within 1 %, and the same whatever the encoding.
    const large = svg(cases.gradient.replace(/^<svg[^>]*>|<\/svg>$/g, '')).replace('width="64" height="64"', 'width="400" height="300" viewBox="0 0 64 64" preserveAspectRatio="none"');
    for (const background of ['#ffffff', '#1b1b3a'] as const) {
      const job = { svg: large, width: 400, height: 300, output: 'png' as const };
      const measured = await renderer.rasterizeMeasured({ ...job, shownOn: background });
      const expected = fromPixels(await renderer.rasterize({ ...job, output: 'rgba' }), background);
      expect(expected.colours).toBeGreaterThan(256);
      expect(Math.abs(measured.shown!.ratio / expected.share - 1), `400x300 gradient on ${background}`).toBeLessThan(0.01);
      expect((await renderer.rasterizeMeasured({ ...job, output: 'rgba', shownOn: background })).shown).toEqual(measured.shown);
    }
    const speck = await renderer.rasterizeMeasured({ svg: cases.speck, width: 64, height: 64, output: 'png', shownOn: '#ffffff' });
    expect(speck.shown).toEqual({ colour: '#e8e8e8', ratio: contrastRatio('#e8e8e8', '#ffffff') });
    // A bare tile is its own colour at 1:1; a transparent canvas shows nothing at all.
    expect((await renderer.rasterizeMeasured({ svg: svg(tile), width: 64, height: 64, output: 'png', shownOn: '#ffffff' })).shown).toEqual({ colour: '#ffffff', ratio: 1 });
    expect((await renderer.rasterizeMeasured({ svg: svg(''), width: 64, height: 64, output: 'png', shownOn: '#ffffff' })).shown).toBeUndefined();
  });

  it('renders in a child process, not in this one', async () => {
    const png = await renderer.rasterize({ svg: square(8), width: 8, height: 8, output: 'png' });
    const { data, info } = await sharp(png).raw().toBuffer({ resolveWithObject: true });
    expect([info.width, info.height]).toEqual([8, 8]);
    // Palette quantization may move a channel by a level; never visibly.
    [0xff, 0x33, 0x66].forEach((channel, index) => expect(Math.abs(data[index]! - channel)).toBeLessThanOrEqual(2));
    expect(renderer.pids()).toHaveLength(1);
    expect(renderer.pids()[0]).not.toBe(process.pid);
  });

  it('ends a hang in render-timeout, kills the child and carries on with a new one', async () => {
    const before = renderer.pids()[0];
    const error = await rejection(renderer.rasterize({ svg: slow, width: 512, height: 512, output: 'png' }));
    expect(error.code).toBe('render-timeout');
    const png = await renderer.rasterize({ svg: square(4), width: 4, height: 4, output: 'png' });
    expect((await sharp(png).metadata()).width).toBe(4);
    expect(renderer.pids()[0]).not.toBe(before);
  });

  it('takes a budget longer than a Node timer can wait (Infinity included) as the longest one, and refuses options that are not numbers it can use', async () => {
    // setTimeout waits at most 2^31-1 ms: past that Node waits 1 ms, so every image timed out.
    for (const timeoutMs of [3e9, Infinity]) {
      const patient = new IsolatedRenderer({ processes: 1, timeoutMs });
      try {
        expect((await patient.rasterize({ svg: square(2), width: 2, height: 2, output: 'rgba' })).length).toBe(16);
      } finally {
        patient.close();
      }
    }
    // 0, a negative or NaN budget timed every image out; NaN processes never started one (the job
    // waited for good), Infinity would start them without end.
    for (const timeoutMs of [0, -5, Number.NaN]) {
      expect(() => new IsolatedRenderer({ timeoutMs })).toThrow(new RangeError(`Expected timeoutMs to be a positive number of milliseconds but received ${timeoutMs}`));
    }
    // 1e308 (or a million) is finite and started children until the machine ran out of processes
    // or memory (each holds resvg and sharp, tens of MB).
    for (const processes of [Number.NaN, Infinity, 1e308, 1e6, 1025]) {
      expect(() => new IsolatedRenderer({ processes })).toThrow(new RangeError(`Expected processes to be a number of child processes up to 1024 but received ${processes}`));
    }
    new IsolatedRenderer({ processes: 1024 }).close();
  });

  it('ends a dying renderer in render-crashed', async () => {
    // SIGABRT is how resvg's panic (and Node's own fatal errors) end a child.
    const job = renderer.rasterize({ svg: slow, width: 512, height: 512, output: 'png' });
    await new Promise((resolve) => setTimeout(resolve, 100));
    process.kill(renderer.pids()[0]!, 'SIGABRT');
    expect((await rejection(job)).code).toBe('render-crashed');
    expect((await renderer.rasterize({ svg: square(2), width: 2, height: 2, output: 'rgba' })).length).toBe(16);
  });

  describe('a renderer killed from outside (SIGKILL: the kernel out of memory, an operator)', () => {
    // About a second of filter work: long enough to be killed while drawn, well inside the budget.
    const medium = `<svg xmlns="http://www.w3.org/2000/svg" width="512" height="512"><filter id="f">${'<feGaussianBlur stdDeviation="40"/>'.repeat(7)}</filter>${'<rect width="400" height="400" filter="url(#f)"/>'.repeat(7)}</svg>`;
    // Each test has its own renderer, so the CPU a child has used is this test's start-up and drawing.
    let patient: IsolatedRenderer;
    beforeEach(() => void (patient = new IsolatedRenderer({ processes: 1, timeoutMs: 30_000 })));
    afterEach(() => patient.close());

    /** CPU seconds a process has used (Linux /proc; utime + stime in clock ticks of 1/100 s). */
    const cpuSeconds = (pid: number) => {
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
      return (Number(fields[11]) + Number(fields[12])) / 100;
    };

    /**
     * Kills the child drawing `job` once it is well into the drawing: a child that is not `before`
     * and has used 0.3 s of CPU (a start-up takes under 0.1 s), the job still unsettled.
     */
    async function killWhileDrawing(job: Promise<unknown>, settled: () => boolean, before?: number): Promise<number> {
      const deadline = performance.now() + 20_000;
      const drawing = () => {
        const pid = patient.pids()[0];
        return pid !== undefined && pid !== before && cpuSeconds(pid) >= 0.3;
      };
      while (!drawing() && !settled() && performance.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
      expect(settled(), 'the job ended before its renderer could be killed: make it longer').toBe(false);
      const pid = patient.pids()[0]!;
      process.kill(pid, 'SIGKILL');
      void job.catch(() => {});
      return pid;
    }

    it('draws the image again instead of calling it not renderable', async () => {
      // Until 28 November 2026 a creator's valid mark was refused as "not renderable" when a busy
      // server's OOM killer picked its renderer.
      let done = false;
      const job = patient.rasterize({ svg: medium, width: 512, height: 512, output: 'png' }).finally(() => (done = true));
      await killWhileDrawing(job, () => done);
      expect((await sharp(await job).metadata()).width).toBe(512);
    });

    it('blames the image once it is killed a second time, drawn alone', async () => {
      let done = false;
      const job = patient.rasterize({ svg: medium, width: 512, height: 512, output: 'png' }).finally(() => (done = true));
      const first = await killWhileDrawing(job, () => done);
      await killWhileDrawing(job, () => done, first);
      const error = await rejection(job);
      expect(error.code).toBe('render-crashed');
      expect(error.message).toContain('SIGKILL');
    });
  });

  it('hands the job queued behind a hang to a new child, where it is drawn', async () => {
    const hang = renderer.rasterize({ svg: slow, width: 512, height: 512, output: 'png' });
    const queued = renderer.rasterize({ svg: square(4), width: 4, height: 4, output: 'rgba' });
    expect((await rejection(hang)).code).toBe('render-timeout');
    expect((await queued).length).toBe(64);
  });

  it('draws again, one at a time, the jobs of a child that died with a job queued behind the one it drew', async () => {
    // Which of the two killed the child is not known: each runs again alone, so the queued one is
    // drawn and the hang is reported as what it is on its own.
    const hang = renderer.rasterize({ svg: slow, width: 512, height: 512, output: 'png' });
    const queued = renderer.rasterize({ svg: square(2), width: 2, height: 2, output: 'rgba' });
    await new Promise((resolve) => setTimeout(resolve, 100));
    process.kill(renderer.pids()[0]!, 'SIGKILL');
    expect((await rejection(hang)).code).toBe('render-timeout');
    expect((await queued).length).toBe(16);
  });

  it('fails a job sent to a child that dies before it is ready as "could not start", not as a bad image', async () => {
    const starting = new IsolatedRenderer({ processes: 1, timeoutMs: 2000 }).warm();
    try {
      const job = starting.rasterize({ svg: square(2), width: 2, height: 2, output: 'rgba' });
      // Same tick: the child cannot have said ready yet, and the job is already in its channel.
      process.kill(starting.pids()[0]!, 'SIGKILL');
      const error = await rejection(job);
      expect(error.code).toBe('render-crashed');
      expect(error.message).toContain('could not start');
    } finally {
      starting.close();
    }
  });

  it('ignores a message from a child with nothing to answer, never throwing in the caller', async () => {
    // An idle child's message without an id matched "no job sent" (undefined === undefined) and was
    // checked against a job that is not there: a TypeError in the parent's handler, the CLI gone.
    const idle = new IsolatedRenderer({ processes: 1, timeoutMs: 30_000 }).warm();
    type Child = { child: import('node:child_process').ChildProcess; sent: unknown[]; alive: boolean; ready: boolean };
    try {
      let child: Child | undefined;
      while (!child?.ready) {
        child = [...(idle as unknown as { processes: Set<Child> }).processes][0];
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
      for (const message of [{}, { ok: true, bytes: new Uint8Array(1) }, { ok: false, message: 'no' }]) {
        expect(() => child!.child.emit('message', message)).not.toThrow();
      }
      expect(Array.from(await idle.rasterize({ svg: square(1), width: 1, height: 1, output: 'rgba' }))).toEqual([0xff, 0x33, 0x66, 0xff]);
    } finally {
      idle.close();
    }
  });

  it('fails a job whose answer is not its image, stops that child and carries on, never throwing in the caller', async () => {
    // The child is forge's code running resvg on a stranger's drawing: a broken one's answers are
    // delivered here on the real child's channel. `null` threw in the parent's message handler (an
    // uncaught exception: the CLI gone), and wrong bytes were handed on as the image.
    const odd = new IsolatedRenderer({ processes: 1, timeoutMs: 30_000 });
    type Child = { child: import('node:child_process').ChildProcess; sent: { id: number }[]; alive: boolean; ready: boolean };
    // The next child starts once the stopped one has exited: wait for it to be ready and hold `jobs`.
    const child = async (jobs: number) => {
      for (;;) {
        const found = [...(odd as unknown as { processes: Set<Child> }).processes].find((process) => process.alive);
        if (found?.ready && found.sent.length === jobs) return found;
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
    };
    try {
      const answers: ((id: number) => unknown)[] = [
        () => null,
        () => 'image',
        (id) => ({ id }),
        (id) => ({ id, ok: true, bytes: 'not bytes' }),
        (id) => ({ id, ok: true, bytes: new Uint8Array(5) }),
        (id) => ({ id, ok: true, bytes: new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0]), filled: -1 }),
      ];
      for (const [index, answer] of answers.entries()) {
        const outputs = ['png', 'png', 'png', 'png', 'rgba', 'png'] as const;
        const job = odd.rasterize({ svg: slow, width: 512, height: 512, output: outputs[index]! });
        const drawing = await child(1);
        expect(() => drawing.child.emit('message', answer(drawing.sent[0]!.id))).not.toThrow();
        const error = await rejection(job);
        expect(error.code).toBe('render-failed');
        expect(error.message).toMatch(/^The renderer answered .*; the renderer was stopped$/);
        expect(drawing.alive).toBe(false);
      }
      // A job queued behind one so answered is drawn by the next child.
      const first = odd.rasterize({ svg: slow, width: 512, height: 512, output: 'png' });
      const queued = odd.rasterize({ svg: square(2), width: 2, height: 2, output: 'rgba' });
      const drawing = await child(2);
      drawing.child.emit('message', { id: drawing.sent[0]!.id, ok: true, bytes: new Uint8Array(1) });
      expect((await rejection(first)).code).toBe('render-failed');
      expect(Array.from(await queued)).toEqual([0xff, 0x33, 0x66, 0xff, 0xff, 0x33, 0x66, 0xff, 0xff, 0x33, 0x66, 0xff, 0xff, 0x33, 0x66, 0xff]);
    } finally {
      odd.close();
    }
  });

  it('refuses canvases no icon needs before a renderer allocates them', async () => {
    expect((await rejection(renderer.rasterize({ svg: square(1), width: 200_000, height: 200_000, output: 'png' }))).code).toBe('render-failed');
  });

  it('refuses a document whose own size would make resvg abort the process', async () => {
    // width="1e9" makes resvg panic and abort (measured); the child checks the parsed size first.
    const huge = '<svg xmlns="http://www.w3.org/2000/svg" width="1000000000" height="1000000000"><rect width="9" height="9"/></svg>';
    const error = await rejection(renderer.rasterize({ svg: huge, width: 8, height: 8, output: 'png' }));
    expect(error.code).toBe('render-failed');
    expect(error.message).toContain('1000000000x1000000000');
  });

  it('reports an image resvg cannot parse as render-failed', async () => {
    expect((await rejection(renderer.rasterize({ svg: '<nope', width: 2, height: 2, output: 'png' }))).code).toBe('render-failed');
  });

  it('tints every pixel and keeps only alpha for monochrome icons', async () => {
    const svg = '<svg xmlns="http://www.w3.org/2000/svg" width="4" height="4"><rect width="2" height="4" fill="#ff3366"/></svg>';
    const rgba = await renderer.rasterize({ svg, width: 4, height: 4, output: 'rgba', tint: '#000000' });
    expect([...rgba.subarray(0, 4)]).toEqual([0, 0, 0, 255]);
    expect(rgba[3 * 4 + 3]).toBe(0);
  });
});

/** Filter work that takes a child most of a second (~0.8 s measured), well inside its budget. */
const seconds = (() => {
  const blurs = '<feGaussianBlur stdDeviation="40"/>'.repeat(6);
  const shapes = '<rect width="400" height="400" filter="url(#f)"/>'.repeat(6);
  return `<svg xmlns="http://www.w3.org/2000/svg" width="512" height="512"><filter id="f">${blurs}</filter>${shapes}</svg>`;
})();

describe('IsolatedRenderer with a signal', () => {
  it('rejects a job whose signal has already aborted, with its reason, before starting a child', async () => {
    const cold = new IsolatedRenderer({ processes: 1 });
    try {
      const reason = new Error('the creator left');
      await expect(cold.rasterize({ svg: square(2), width: 2, height: 2, output: 'rgba' }, { signal: AbortSignal.abort(reason) })).rejects.toBe(reason);
      expect(cold.pids()).toEqual([]);
      expect(cold.drawn).toBe(0);
    } finally {
      cold.close();
    }
  });

  it('drops the jobs not started, lets the one being drawn finish in its child, and serves the other callers', async () => {
    const shared = new IsolatedRenderer({ processes: 1, timeoutMs: 30_000 });
    try {
      await shared.rasterize({ svg: square(2), width: 2, height: 2, output: 'rgba' });
      const child = shared.pids()[0];
      const drawnBefore = shared.drawn;
      const controller = new AbortController();
      const { signal } = controller;
      // One child holds two jobs: the one it draws and the next, already in its IPC queue; the
      // third waits in the renderer's queue. Another caller's job comes after all three.
      const drawing = shared.rasterize({ svg: seconds, width: 512, height: 512, output: 'png' }, { signal });
      const inChild = shared.rasterize({ svg: square(4), width: 4, height: 4, output: 'rgba' }, { signal });
      const inQueue = shared.rasterize({ svg: square(4), width: 4, height: 4, output: 'rgba' }, { signal });
      const other = shared.rasterize({ svg: square(2, '#0a7cff'), width: 2, height: 2, output: 'rgba' });
      // Long enough for the child to be drawing the first, far from its end (~0.8 s).
      await new Promise((resolve) => setTimeout(resolve, 200));
      controller.abort();
      // Promptly: before the image being drawn could have ended (the other job comes after it).
      const first = await Promise.race([drawing.then(() => 'drawn', () => 'aborted'), other.then(() => 'other')]);
      expect(first).toBe('aborted');
      for (const job of [drawing, inChild, inQueue]) await expect(job).rejects.toBe(signal.reason);
      expect(signal.reason).toBeInstanceOf(DOMException);
      expect((signal.reason as DOMException).name).toBe('AbortError');
      expect([...(await other).subarray(0, 4)]).toEqual([0x0a, 0x7c, 0xff, 255]);
      // Drawn: the other caller's and the image under way (its result thrown away; on a machine so
      // busy that the child had not begun it 200 ms after it was sent, it is dropped too). The two
      // aborted jobs behind it never were, and the child was not restarted.
      expect(shared.drawn - drawnBefore).toBeGreaterThanOrEqual(1);
      expect(shared.drawn - drawnBefore).toBeLessThanOrEqual(2);
      expect(shared.pids()).toEqual([child]);
    } finally {
      shared.close();
    }
  });

  it('listens to a signal once however many jobs wait on it, and lets go of it when they are done', async () => {
    const controller = new AbortController();
    const jobs = Array.from({ length: 20 }, () => renderer.rasterize({ svg: square(2), width: 2, height: 2, output: 'rgba' }, { signal: controller.signal }));
    // One listener, not twenty: Node warns of a leak past ten.
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(1);
    await Promise.all(jobs);
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
  });
});
