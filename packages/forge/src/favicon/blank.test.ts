import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { build } from 'vite';
import { prepareInput } from '../config/load.ts';
import { SvgRejectedError } from '../errors.ts';
import { forge } from '../forge.ts';
import { readIcoDirectory } from '../ico/ico.ts';
import { IsolatedRenderer } from '../render/isolated.ts';
import { badgeStage } from '../badge/stage.ts';
import { liveFaviconStage } from '../live-favicon/live-favicon.ts';
import { markSetStage } from '../mark-set/mark-set.ts';
import { DEFAULT_STAGES } from '../plan/stages.ts';
import { socialStage } from '../social/social-card.ts';
import type { ForgeStage, RasterJob, RenderContext } from '../plan/types.ts';
import { sanitizeSvg } from '../svg/sanitize.ts';
import { testConfig } from '../testing/marks.ts';
import dropkitForge from '../vite.ts';
import { drawsNothing, faviconStage } from './stage.ts';

/**
 * Marks that draw nothing in ways the structural walk in svg/sanitize.ts does not follow: forged
 * for real, they are refused by the pixels of the icons forge draws anyway.
 */
const svg = (body: string, viewBox = '0 0 100 100') => `<svg xmlns="http://www.w3.org/2000/svg" viewBox="${viewBox}">${body}</svg>`;
const square = 'width="100" height="100"';

const BLANK: Record<string, string> = {
  'display:none by class': svg(`<style>.a{display:none}</style><rect class="a" ${square}/>`),
  'visibility:hidden by class': svg(`<style>.a{visibility:hidden}</style><rect class="a" ${square}/><circle class="a" cx="50" cy="50" r="40"/>`),
  'fill:none on every shape by a sheet': svg(`<style>rect,path{fill:none}</style><rect ${square}/><path d="M0 0h50v50z"/>`),
  'opacity:0 on a group by a sheet': svg(`<style>#g{opacity:0}</style><g id="g"><rect ${square}/></g>`),
  'a mask that hides everything': svg(`<mask id="m"><rect ${square} fill="black"/></mask><rect ${square} mask="url(#m)"/>`),
  'a clipPath around nothing it clips': svg(`<clipPath id="c"><rect x="60" width="10" height="10"/></clipPath><rect width="50" height="100" clip-path="url(#c)"/>`),
  'a <switch> only for another language': svg(`<switch><rect systemLanguage="xx" ${square}/></switch>`),
  'every shape outside the viewBox': svg('<rect x="-5" width="4" height="100"/><circle cx="50" cy="103" r="2"/>'),
  // Illustrator's artwork left beside the artboard: the viewBox frames empty space. Far enough out
  // (more than two canvas sides past the icon's edge) resvg 2.6.2 used to panic on these.
  'a rect far beside the viewBox': svg(`<rect x="100000" ${square}/>`),
  // All on one side: spread around the viewBox, together they span the canvas and never crashed.
  'a path, circles and text far beside the viewBox': svg(
    '<path d="M-90000 -9000h50v50h-50z"/><circle cx="-5000" cy="-100000" r="40"/><circle cx="-3000" cy="50" r="40"/><text x="-4000" y="50" font-size="40">Nova</text>',
  ),
  'a group moved far off by its transform': svg(`<g transform="translate(4000 4000) rotate(30)"><rect ${square}/><circle cx="50" cy="50" r="50"/></g>`),
  'gradient stops that are all transparent': svg(
    `<linearGradient id="g"><stop stop-color="#f00" stop-opacity="0"/><stop offset="1" stop-color="#00f" stop-opacity="0"/></linearGradient><rect ${square} fill="url(#g)"/>`,
  ),
};

const MESSAGE_TAIL =
  'draws nothing: Expected some of it to show in its 512x512 icon, but every pixel came out transparent; ' +
  'check whether every shape is hidden by a style, a mask or clip, shown only for another language (<switch>), or lies outside the viewBox';

/** A glyph of its own is judged on favicon.ico, whose largest entry is 48 px. */
const GLYPH_TAIL = MESSAGE_TAIL.replace('512x512', '48x48');
/** The monogram, drawn only on the verified badge, is judged on its tile there. */
const TILE_TAIL = MESSAGE_TAIL.replace('512x512 icon', '56x56 tile on the verified badge').replace(
  'every pixel came out transparent',
  "every pixel came out the tile's colour, colors.background (#fff7f9)",
);

let renderer: IsolatedRenderer;
let dir: string;

beforeAll(async () => {
  renderer = new IsolatedRenderer({ processes: 2 });
  dir = await mkdtemp(join(tmpdir(), 'forge-blank-'));
});

afterAll(async () => {
  renderer?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

const fromFiles = (files: Record<string, string>, overrides = {}) =>
  prepareInput(testConfig({ mark: 'logo.svg', ...overrides }), async (path) => new TextEncoder().encode(files[path]!));

async function refusal(promise: Promise<unknown>): Promise<SvgRejectedError> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(SvgRejectedError);
  return error as SvgRejectedError;
}

async function maxAlpha(png: Uint8Array): Promise<number> {
  const { data } = await sharp(png).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  let max = 0;
  for (let index = 3; index < data.length; index += 4) max = Math.max(max, data[index]!);
  return max;
}

describe('a mark that renders blank', () => {
  it.each(Object.entries(BLANK))('is refused with svg-empty: %s', async (_, mark) => {
    // The structural check lets it through: only the pixels tell.
    expect(() => sanitizeSvg(mark, 'logo.svg', undefined, 'mark')).not.toThrow();
    const error = await refusal(forge(await fromFiles({ 'logo.svg': mark }), { renderer, stages: [faviconStage] }));
    expect(error.code).toBe('svg-empty');
    expect(error.message).toBe(`mark: logo.svg ${MESSAGE_TAIL}`);
  });

  it.each(['a mask that hides everything', 'a rect far beside the viewBox'])('is refused by forge() with every stage, before any other stage can fail on it: %s', async (name) => {
    const error = await refusal(forge(await fromFiles({ 'logo.svg': BLANK[name]! }), { renderer }));
    expect(error.message).toBe(`mark: logo.svg ${MESSAGE_TAIL}`);
  }, 60_000);

  it('is refused for a glyph far beside its viewBox, named as the glyph', async () => {
    const files = { 'logo.svg': svg(`<rect ${square}/>`), 'g.svg': BLANK['a rect far beside the viewBox']! };
    const error = await refusal(forge(await fromFiles(files, { glyph: 'g.svg' }), { renderer, stages: [faviconStage] }));
    expect(error.message).toBe(`glyph: g.svg ${MESSAGE_TAIL.replace('512x512', '48x48')}`);
  });

  it('is refused for a glyph of its own, named as the glyph, judged on the favicon.ico entries', async () => {
    const files = { 'logo.svg': svg(`<rect ${square}/>`), 'g.svg': BLANK['display:none by class']! };
    const error = await refusal(forge(await fromFiles(files, { glyph: 'g.svg' }), { renderer, stages: [faviconStage] }));
    expect(error.code).toBe('svg-empty');
    expect(error.message).toBe(`glyph: g.svg ${MESSAGE_TAIL.replace('512x512', '48x48')}`);
  });

  it.each(['a clipPath around nothing it clips', 'a rect far beside the viewBox'])('fails a Vite build with the same message: %s', async (name) => {
    await writeFile(join(dir, 'logo.svg'), BLANK[name]!);
    await writeFile(join(dir, 'creator.json'), JSON.stringify(testConfig({ mark: 'logo.svg' })));
    await writeFile(join(dir, 'index.html'), '<!doctype html><html><head><title>Drop</title></head><body></body></html>');
    await expect(
      build({ root: dir, configFile: false, logLevel: 'silent', plugins: [dropkitForge({ config: 'creator.json', stages: [faviconStage] })], build: { outDir: 'dist' } }),
    ).rejects.toThrow(`dropkit forge: creator.json: mark: logo.svg ${MESSAGE_TAIL}`);
  }, 60_000);
});

describe('a blank mark or glyph forged without the favicon stage', () => {
  const drawn = svg(`<rect ${square}/>`);
  const verified = { badges: [{ kind: 'verified' }] };

  // The live favicon draws the mark; the mark set copies the SVG and draws nothing: both alone give
  // the favicon stage's verdict.
  it.each(
    [liveFaviconStage, markSetStage].flatMap((stage) => Object.entries(BLANK).map(([name, mark]) => [stage.name, name, stage, mark] as const)),
  )('is refused by --only %s with the favicon stage\'s verdict and message: %s', async (_, __, stage, mark) => {
    const error = await refusal(forge(await fromFiles({ 'logo.svg': mark }), { renderer, stages: [stage] }));
    expect(error.code).toBe('svg-empty');
    expect(error.message).toBe(`mark: logo.svg ${MESSAGE_TAIL}`);
  });

  it('is refused by the live favicon alone for a glyph of its own, named as the glyph', async () => {
    const files = { 'logo.svg': drawn, 'g.svg': BLANK['a mask that hides everything']! };
    const error = await refusal(forge(await fromFiles(files, { glyph: 'g.svg' }), { renderer, stages: [liveFaviconStage] }));
    expect(error.message).toBe(`glyph: g.svg ${GLYPH_TAIL}`);
  });

  it.each(Object.entries(BLANK))('is refused by the badges alone (--only badges) as the glyph of the verified badge, not drawn as an empty tile: %s', async (_, glyph) => {
    const files = { 'logo.svg': drawn, 'g.svg': glyph };
    const error = await refusal(forge(await fromFiles(files, { glyph: 'g.svg', ...verified }), { renderer, stages: [badgeStage] }));
    expect(error.code).toBe('svg-empty');
    expect(error.message).toBe(`glyph: g.svg ${GLYPH_TAIL}`);
  });

  it('is refused by the mark set alone for a glyph of its own, named as the glyph, and a blank glyph beside a blank mark named as a whole run names it', async () => {
    const glyph = { 'logo.svg': drawn, 'g.svg': BLANK['a clipPath around nothing it clips']! };
    expect((await refusal(forge(await fromFiles(glyph, { glyph: 'g.svg' }), { renderer, stages: [markSetStage] }))).message).toBe(`glyph: g.svg ${GLYPH_TAIL}`);
    // Both blank: a whole run refuses the picture whose image comes first in the favicon stage's
    // plan (favicon.ico for a glyph off the home screen, favicon-96x96.png for the mark when the
    // glyph is on it); the mark set alone, and beside the other stages, names the same one.
    const both = { 'logo.svg': BLANK['display:none by class']!, 'g.svg': BLANK['a mask that hides everything']! };
    const cases = [
      [{ glyph: 'g.svg' }, `glyph: g.svg ${GLYPH_TAIL}`],
      [{ glyph: 'g.svg', homeScreen: 'glyph' }, `mark: logo.svg ${MESSAGE_TAIL.replace('512x512', '96x96')}`],
    ] as const;
    for (const [config, message] of cases) {
      const input = await fromFiles(both, config);
      for (const stages of [undefined, [markSetStage], [markSetStage, socialStage]]) {
        expect((await refusal(forge(input, { renderer, ...(stages ? { stages } : {}) }))).message).toBe(message);
      }
    }
  }, 60_000);

  it('is refused by the badges alone when the verified badge draws the mark (a name forge has no initials for), named as the mark', async () => {
    const config = { name: '東京', ...verified };
    const error = await refusal(forge(await fromFiles({ 'logo.svg': BLANK['opacity:0 on a group by a sheet']! }, config), { renderer, stages: [badgeStage] }));
    expect(error.message).toBe(`mark: logo.svg ${MESSAGE_TAIL}`);
  });

  it('is refused for a blank monogram, which only the verified badge draws, in a whole run too', async () => {
    const files = { 'logo.svg': drawn, 'm.svg': BLANK['display:none by class']! };
    const error = await refusal(forge(await fromFiles(files, { monogram: 'm.svg', ...verified }), { renderer }));
    expect(error.message).toBe(`monogram: m.svg ${TILE_TAIL}`);
    // The monogram's sheet unpaints its own shapes, never the tile: the bare tile.
    const unpainted = { 'logo.svg': drawn, 'm.svg': BLANK['fill:none on every shape by a sheet']! };
    const bare = await refusal(forge(await fromFiles(unpainted, { monogram: 'm.svg', ...verified }), { renderer, stages: [badgeStage] }));
    expect(bare.message).toBe(`monogram: m.svg ${TILE_TAIL}`);
    // Nor does a sheet's clip to nothing: the sheet is applied to the monogram's own shapes only
    // (until 28 November 2026 it clipped the tile as well: "transparent, the tile included").
    const clipped = { 'logo.svg': drawn, 'm.svg': svg('<style>rect{clip-path:url(#none)}</style><clipPath id="none"/><rect width="50" height="50"/>') };
    const tileToo = await refusal(forge(await fromFiles(clipped, { monogram: 'm.svg', ...verified }), { renderer, stages: [badgeStage] }));
    expect(tileToo.message).toBe(`monogram: m.svg ${TILE_TAIL}`);
  }, 60_000);

  it('is refused for a blank monogram by the mark set alone, which publishes it, as by a whole run: only where a verified badge shows it', async () => {
    const files = { 'logo.svg': drawn, 'm.svg': BLANK['display:none by class']! };
    const input = await fromFiles(files, { monogram: 'm.svg', ...verified });
    for (const stages of [[markSetStage], [faviconStage, markSetStage], [markSetStage, socialStage]]) {
      expect((await refusal(forge(input, { renderer, stages }))).message).toBe(`monogram: m.svg ${TILE_TAIL}`);
    }
    const unpainted = await fromFiles({ 'logo.svg': drawn, 'm.svg': BLANK['fill:none on every shape by a sheet']! }, { monogram: 'm.svg', ...verified });
    expect((await refusal(forge(unpainted, { renderer, stages: [markSetStage] }))).message).toBe(`monogram: m.svg ${TILE_TAIL}`);
    // Without a verified badge, or with a glyph it shows instead, nothing draws the monogram: a
    // whole run accepts it, and so does the mark set alone.
    for (const config of [{ monogram: 'm.svg', badges: [{ kind: 'live' }] }, { monogram: 'm.svg', glyph: 'logo.svg', ...verified }]) {
      const other = await fromFiles(files, config);
      await forge(other, { renderer });
      const set = await forge(other, { renderer, stages: [markSetStage] });
      expect(set.files.map((file) => file.name)).toContain('mark/monogram.svg');
    }
  }, 60_000);

  it('accepts a glyph whose own sheet paints the whole tile: one colour, but not the background', async () => {
    const greenAll = svg('<style>rect,path{fill:#00ff00 !important}</style><path d="M10 10h80v80H10z"/>');
    const result = await forge(await fromFiles({ 'logo.svg': drawn, 'g.svg': greenAll }, { glyph: 'g.svg', ...verified }), { renderer, stages: [badgeStage] });
    expect(result.files.map((file) => file.name)).toContain('badges/verified.png');
  });

  it('accepts what shows: a glyph in the dot\'s own colours beside it, a faint hairline, a glyph that draws on its tile', async () => {
    // Red and the background colour: the palette cannot tell it from the dot, the pixels can.
    const dotColours = svg('<rect width="40" height="40" fill="#ef4444"/><rect x="40" width="20" height="20" fill="#fff7f9"/>');
    const hairline = svg('<line x1="0" y1="50" x2="100" y2="50" stroke="#000" stroke-width="1" opacity="0.1"/>');
    for (const glyph of [dotColours, hairline, drawn]) {
      const result = await forge(await fromFiles({ 'logo.svg': drawn, 'g.svg': glyph }, { glyph: 'g.svg', ...verified }), { renderer, stages: [liveFaviconStage, badgeStage] });
      const live = result.files.find((file) => file.name === 'favicon-live.png')!;
      const { data, info } = await sharp(live.bytes).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
      // Clear of the dot (centre 75,75, radius 21 px at 96 px): only the glyph's pixels, whatever colour.
      let shown = 0;
      for (let y = 0; y < info.height; y += 1) {
        for (let x = 0; x < info.width; x += 1) if (Math.hypot(x + 0.5 - 75, y + 0.5 - 75) > 23) shown = Math.max(shown, data[(y * info.width + x) * 4 + 3]!);
      }
      expect(shown).toBeGreaterThan(0);
    }
  }, 60_000);
});

/**
 * Inputs on the edge of showing, where the images the stages draw disagree: each was accepted by
 * some runs and refused by others before every stage took the favicon stage's verdict (measured on
 * the previous stages: the whole run refused the first through the social card, --only social
 * accepted the second, which the whole run refused, the third and fourth were refused by
 * --only live-favicon, the fifth and sixth by --only badges); the last was refused by every run
 * but --only social (which does not draw the glyph) until the glyph on the home screen was judged
 * there.
 * --only mark-set, which copies the SVGs and drew nothing, accepted the second until it took the
 * favicon stage's verdict too.
 */
const line = (viewBox: string, x1: number, y1: number, x2: number, y2: number, width: number) =>
  svg(`<line x1="${x1}" y1="${y1}" x2="${x2}" y2="${y2}" stroke="#000" stroke-width="${width}" opacity="0.1"/>`, viewBox);
const white = svg('<circle cx="50" cy="50" r="40" fill="#fff"/>');
const onWhite = { colors: { brand: '#ff3366', background: '#ffffff' } } as const;
const EDGE: { name: string; files: Record<string, string>; config: Record<string, unknown>; verdict: string }[] = [
  {
    // 0.3 units of 2000 at 10 %: a trace at 512 px (the icon), nothing at 250 px (the social card's image).
    name: 'a hairline that shows at 512 px but not at 250 px',
    files: { 'logo.svg': line('0 0 2000 2000', 0, 1000, 2000, 1000, 0.3) },
    config: {},
    verdict: 'ok',
  },
  {
    // An 8:1 mark is 448 px wide on the 512 px icon and 900 px on the card: its 0.8-unit stroke shows only on the card.
    name: 'a hairline across an 8:1 mark that shows only larger than the icon draws it',
    files: { 'logo.svg': line('0 0 8000 1000', 4000, 0, 4000, 1000, 0.8) },
    config: {},
    verdict: `mark: logo.svg ${MESSAGE_TAIL}`,
  },
  {
    name: 'a glyph that shows only under the live dot',
    // favicon.svg's 64-unit canvas puts this 100-unit viewBox at 4..60; the dot covers 36..64.
    files: { 'logo.svg': svg(`<rect ${square}/>`), 'g.svg': svg('<circle cx="82" cy="82" r="10"/>') },
    config: { glyph: 'g.svg' },
    verdict: 'ok',
  },
  {
    name: 'a mark whose 1-unit hairline in 2000 shows at 512 px but not in the 96 px live favicon',
    files: { 'logo.svg': line('0 0 2000 2000', 0, 1000, 2000, 1000, 1) },
    config: {},
    verdict: 'ok',
  },
  {
    name: 'a glyph drawn in exactly colors.background (white on white)',
    files: { 'logo.svg': svg(`<rect ${square}/>`), 'g.svg': white },
    config: { glyph: 'g.svg', ...onWhite },
    verdict: 'ok',
  },
  {
    name: 'a mark drawn in exactly colors.background',
    files: { 'logo.svg': white },
    config: onWhite,
    verdict: 'ok',
  },
  {
    name: 'a monogram drawn in exactly colors.background',
    files: { 'logo.svg': svg(`<rect ${square}/>`), 'm.svg': white },
    config: { monogram: 'm.svg', ...onWhite },
    verdict: 'ok',
  },
  {
    // On the home screen the glyph shows at up to 512 px, where this hairline does; favicon.ico's
    // entries, where it does not, judged it alone until then: every run refused it.
    name: 'a glyph on the home screen whose hairline shows at 512 px but not in favicon.ico',
    files: { 'logo.svg': svg(`<rect ${square}/>`), 'g.svg': line('0 0 2000 2000', 0, 1000, 2000, 1000, 1) },
    config: { glyph: 'g.svg', homeScreen: 'glyph' },
    verdict: 'ok',
  },
];

describe('one verdict whichever stages run', () => {
  const verdict = (promise: Promise<unknown>) =>
    promise.then(
      () => 'ok',
      (error: unknown) => (error instanceof SvgRejectedError ? error.message : `unexpected: ${String(error)}`),
    );
  const stages: [string, ForgeStage][] = [
    ['live-favicon', liveFaviconStage],
    ['badges', badgeStage],
    ['social', socialStage],
    ['mark-set', markSetStage],
  ];

  it.each(EDGE)('$name: the whole run and each stage alone agree', async ({ files, config, verdict: expected }) => {
    // A name forge has no initials for: without a glyph or monogram the verified badge draws the
    // mark, so every stage here draws the picture judged, or publishes it (the mark set copies the
    // SVGs); a run that does neither does not judge it.
    const input = await fromFiles(files, { name: '東京', social: { title: 'Tokyo' }, badges: [{ kind: 'verified' }], ...config });
    const outcomes = { whole: await verdict(forge(input, { renderer })) } as Record<string, string>;
    for (const [name, stage] of stages) {
      outcomes[name] = await verdict(forge(input, { renderer, stages: [stage] }));
      outcomes[`favicon+${name}`] = await verdict(forge(input, { renderer, stages: [faviconStage, stage] }));
    }
    outcomes['favicon'] = await verdict(forge(input, { renderer, stages: [faviconStage] }));
    expect(outcomes).toEqual(Object.fromEntries(Object.keys(outcomes).map((name) => [name, expected])));
  }, 60_000);
});

describe('a blank mark, glyph or both, whichever stages run (every --only subset)', () => {
  /**
   * The pictures each stage draws or publishes, so judges (the verified badge shows the glyph).
   * Written out here rather than read from the stages' `judges`, so a stage that asks about the
   * wrong picture fails this test.
   */
  const SHOWS: Record<string, readonly ('mark' | 'glyph')[]> = {
    favicon: ['mark', 'glyph'],
    'live-favicon': ['glyph'],
    'mark-set': ['mark', 'glyph'],
    social: ['mark'],
    badges: ['glyph'],
  };
  const outcome = (promise: Promise<unknown>) =>
    promise.then(
      () => 'accepted',
      (error: unknown) => (error instanceof SvgRejectedError ? error.message : `unexpected: ${String(error)}`),
    );
  const blankSets = [['mark'], ['glyph'], ['mark', 'glyph']] as const;

  it.each([
    ['off the home screen', {}],
    ['on the home screen', { homeScreen: 'glyph' }],
  ] as const)('with the glyph %s, every subset refuses as a whole run would refuse the pictures it draws or publishes, naming the same one', async (_, home) => {
    // In the order of the CLI's --only, which runs the chosen stages in DEFAULT_STAGES' order.
    const subsets = Array.from({ length: 2 ** DEFAULT_STAGES.length - 1 }, (_, mask) => DEFAULT_STAGES.filter((__, index) => (mask + 1) & (1 << index)));
    expect(subsets.map((stages) => stages.map((stage) => stage.name).join(',')).filter((name) => name === 'live-favicon,social')).toHaveLength(1);
    const inputFor = (blank: readonly string[]) =>
      fromFiles(
        { 'logo.svg': blank.includes('mark') ? BLANK['display:none by class']! : svg(`<rect ${square}/>`), 'g.svg': blank.includes('glyph') ? BLANK['a mask that hides everything']! : svg('<circle cx="50" cy="50" r="40"/>') },
        { glyph: 'g.svg', social: { title: 'Drop' }, badges: [{ kind: 'verified' }], ...home },
      );
    // The reference: a whole run of the same config with only those pictures blank.
    const whole = new Map<string, string>();
    for (const blank of [[], ...blankSets]) whole.set(blank.join('+'), await outcome(forge(await inputFor(blank), { renderer })));
    expect(whole.get('')).toBe('accepted');
    const expected: Record<string, string> = {};
    const actual: Record<string, string> = {};
    for (const blank of blankSets) {
      const input = await inputFor(blank);
      for (const stages of subsets) {
        const names = stages.map((stage) => stage.name);
        const cell = `${blank.join('+')} blank, --only ${names.join(',')}`;
        const shown = blank.filter((field) => names.some((name) => SHOWS[name]!.includes(field)));
        expected[cell] = whole.get(shown.join('+'))!;
        actual[cell] = await outcome(forge(input, { renderer, stages }));
      }
    }
    expect(actual).toEqual(expected);
  }, 240_000);

  it("asks about the run's other pictures without drawing an image more: a run draws what its stages draw alone, and no picture none of them shows", async () => {
    const drawn = (jobs: Set<string>): RenderContext => {
      const note = (job: RasterJob) => jobs.add(`${job.width}x${job.height} ${job.output} ${job.shownOn ?? ''} ${job.tint ?? ''} ${job.svg}`);
      return {
        rasterize: (job) => (note(job), renderer.rasterize(job)),
        rasterizeAll: (all) => (all.forEach(note), renderer.rasterizeAll(all)),
        rasterizeMeasured: (job) => (note(job), renderer.rasterizeMeasured(job)),
      };
    };
    // A colour of each picture's own, to tell in a job which picture it draws.
    const colours = { mark: '#0a0b0c', glyph: '#0c0b0a' };
    const files = { 'logo.svg': svg(`<rect ${square} fill="${colours.mark}"/>`), 'g.svg': svg(`<circle cx="50" cy="50" r="40" fill="${colours.glyph}"/>`) };
    const askers = DEFAULT_STAGES.filter((stage) => stage.name !== 'favicon');
    const subsets = Array.from({ length: 2 ** askers.length - 1 }, (_, mask) => askers.filter((__, index) => (mask + 1) & (1 << index)));
    for (const home of [{}, { homeScreen: 'glyph' }]) {
      const input = await fromFiles(files, { glyph: 'g.svg', social: { title: 'Drop' }, badges: [{ kind: 'verified' }], ...home });
      const alone = new Map<string, Set<string>>();
      for (const stages of subsets) {
        const names = stages.map((stage) => stage.name);
        const jobs = new Set<string>();
        await forge(input, { renderer: drawn(jobs), stages });
        if (stages.length === 1) alone.set(names[0]!, jobs);
        else expect([...jobs].sort(), names.join(',')).toEqual([...new Set(names.flatMap((name) => [...alone.get(name)!]))].sort());
        const pictures = (['mark', 'glyph'] as const).filter((field) => [...jobs].some((job) => job.includes(colours[field])));
        expect(pictures, names.join(',')).toEqual((['mark', 'glyph'] as const).filter((field) => names.some((name) => SHOWS[name]!.includes(field))));
      }
    }
  }, 120_000);
});

describe('the mark set beside the stages that judge its pictures', () => {
  /** The run's renderer, counting the images asked of it. */
  const counting = (jobs: RasterJob[]): RenderContext => ({
    rasterize: (job) => (jobs.push(job), renderer.rasterize(job)),
    rasterizeAll: (all) => (jobs.push(...all), renderer.rasterizeAll(all)),
    rasterizeMeasured: (job) => (jobs.push(job), renderer.rasterizeMeasured(job)),
  });

  it('and beside the badges, leaves the monogram to them: no image more than those stages alone', async () => {
    const input = await fromFiles({ 'logo.svg': svg(`<rect ${square}/>`), 'm.svg': svg('<circle cx="50" cy="50" r="40"/>') }, { monogram: 'm.svg', badges: [{ kind: 'verified' }] });
    const alone: RasterJob[] = [];
    const both: RasterJob[] = [];
    await forge(input, { renderer: counting(alone), stages: [faviconStage, badgeStage] });
    await forge(input, { renderer: counting(both), stages: [faviconStage, badgeStage, markSetStage] });
    expect(both).toHaveLength(alone.length);
  }, 60_000);

  it('leaves the verdict to it: a run with both draws no image more than the favicon stage alone, and makes the same files', async () => {
    const drawn = svg(`<rect ${square}/>`);
    for (const config of [{}, { glyph: 'g.svg' }, { glyph: 'g.svg', homeScreen: 'glyph' }]) {
      const input = await fromFiles({ 'logo.svg': drawn, 'g.svg': svg('<circle cx="50" cy="50" r="40"/>') }, config);
      const alone: RasterJob[] = [];
      const both: RasterJob[] = [];
      await forge(input, { renderer: counting(alone), stages: [faviconStage] });
      const result = await forge(input, { renderer: counting(both), stages: [faviconStage, markSetStage] });
      expect(both).toHaveLength(alone.length);
      const markOnly = await forge(input, { renderer, stages: [markSetStage] });
      const set = (files: typeof result.files) => files.filter((file) => file.name.startsWith('mark/')).map((file) => `${file.name} ${file.sha256}`);
      expect(set(result.files)).toEqual(set(markOnly.files));
    }
  });
});

describe('a glyph on the home screen ("homeScreen": "glyph")', () => {
  it('is judged where it shows largest, its 512 px icon: refused there when blank, by a whole run and by each stage that draws it alone', async () => {
    const files = { 'logo.svg': svg(`<rect ${square}/>`), 'g.svg': BLANK['a mask that hides everything']! };
    const input = await fromFiles(files, { glyph: 'g.svg', homeScreen: 'glyph', badges: [{ kind: 'verified' }] });
    for (const stages of [undefined, [faviconStage], [liveFaviconStage], [badgeStage]]) {
      const error = await refusal(forge(input, { renderer, ...(stages ? { stages } : {}) }));
      expect(error.message).toBe(`glyph: g.svg ${MESSAGE_TAIL}`);
    }
  }, 60_000);

  it('is forged when its hairline shows on the home-screen icons, though favicon.ico shows none of it', async () => {
    const thin = line('0 0 2000 2000', 0, 1000, 2000, 1000, 1);
    const result = await forge(await fromFiles({ 'logo.svg': svg(`<rect ${square}/>`), 'g.svg': thin }, { glyph: 'g.svg', homeScreen: 'glyph' }), { renderer, stages: [faviconStage] });
    const ico = result.files.find((file) => file.name === 'favicon.ico')!.bytes;
    const entries = await Promise.all(readIcoDirectory(ico).map((entry) => maxAlpha(ico.subarray(entry.offset, entry.offset + entry.length))));
    expect(entries).toEqual([0, 0, 0]);
    expect(await maxAlpha(result.files.find((file) => file.name === 'web-app-manifest-512x512.png')!.bytes)).toBeGreaterThan(0);
  });
});

describe('a faint mark that does show', () => {
  it('is accepted: a 1px hairline at 10 % opacity', async () => {
    const hairline = svg('<line x1="0" y1="50" x2="100" y2="50" stroke="#000" stroke-width="1" opacity="0.1"/>');
    const result = await forge(await fromFiles({ 'logo.svg': hairline }), { renderer, stages: [faviconStage] });
    const icon = result.files.find((file) => file.name === 'web-app-manifest-512x512.png')!;
    expect(await maxAlpha(icon.bytes)).toBeGreaterThan(0);
  });

  it('is accepted when it vanishes in the 16-48 px entries but shows at 512 px (the mark as glyph)', async () => {
    // 1 unit of 2000 is 0.02 px at 48 px: nothing there at 10 % opacity; ~0.2 px at 512 px.
    const thin = svg('<line x1="0" y1="1000" x2="2000" y2="1000" stroke="#000" stroke-width="1" opacity="0.1"/>', '0 0 2000 2000');
    const result = await forge(await fromFiles({ 'logo.svg': thin }), { renderer, stages: [faviconStage] });
    const ico = result.files.find((file) => file.name === 'favicon.ico')!.bytes;
    const entries = await Promise.all(readIcoDirectory(ico).map((entry) => maxAlpha(ico.subarray(entry.offset, entry.offset + entry.length))));
    expect(entries).toEqual([0, 0, 0]);
    const icon = result.files.find((file) => file.name === 'web-app-manifest-512x512.png')!;
    expect(await maxAlpha(icon.bytes)).toBeGreaterThan(0);
  });

  it('is accepted and drawn when it lies partly outside its viewBox, the part inside only', async () => {
    // Only the right half of the square is inside; it must fill the right half of the mark's box.
    const half = svg('<rect x="50" y="0" width="100000" height="100" fill="#000"/>');
    const result = await forge(await fromFiles({ 'logo.svg': half }), { renderer, stages: [faviconStage] });
    const icon = result.files.find((file) => file.name === 'web-app-manifest-512x512.png')!;
    const { data, info } = await sharp(icon.bytes).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
    const alphaAt = (x: number, y: number) => data[(y * info.width + x) * 4 + 3];
    expect(alphaAt(400, 256)).toBe(255);
    expect(alphaAt(110, 256)).toBe(0);
    // Clipped to the viewBox: nothing past the mark's right edge.
    expect(alphaAt(505, 256)).toBe(0);
  });

  it('is still render-crashed, not svg-empty, when a part with its own layer lies far out beside a part that draws', async () => {
    // resvg 2.6.2 panics on any group it draws as a layer (opacity, clip-path, mask, filter) whose
    // content lies past two canvas sides; the mark draws, so this is a renderer failure, said as one.
    const mark = svg(`<rect ${square}/><g opacity="0.5"><rect x="100000" ${square}/></g>`);
    const error = await forge(await fromFiles({ 'logo.svg': mark }), { renderer, stages: [faviconStage] }).then(
      () => undefined,
      (reason: unknown) => reason as { code?: string },
    );
    expect(error?.code).toBe('render-crashed');
  }, 60_000);

  it('is accepted when only one colour of it shows and the rest is hidden by a sheet', async () => {
    const mark = svg(`<style>.a{display:none}</style><rect class="a" ${square}/><circle cx="50" cy="50" r="2" fill-opacity="0.1"/>`);
    const result = await forge(await fromFiles({ 'logo.svg': mark }), { renderer, stages: [faviconStage] });
    expect(result.files.map((file) => file.name)).toContain('favicon.ico');
  });
});

describe('drawsNothing', () => {
  it("reads a blank render from the renderer's palette, and counts any other PNG as drawn", async () => {
    const blank = await renderer.rasterize({ svg: svg('', '0 0 8 8').replace('viewBox', 'width="8" height="8" viewBox'), width: 8, height: 8, output: 'png' });
    expect(drawsNothing(blank)).toBe(true);
    const dot = await renderer.rasterize({ svg: svg('<rect width="1" height="1" fill-opacity="0.01"/>', '0 0 8 8').replace('viewBox', 'width="8" height="8" viewBox'), width: 8, height: 8, output: 'png' });
    expect(drawsNothing(dot)).toBe(false);
    // Not how forge writes a blank image, so not judged: accepted rather than decoded.
    const truecolour = await sharp(Buffer.alloc(8 * 8 * 4), { raw: { width: 8, height: 8, channels: 4 } }).png({ palette: false }).toBuffer();
    expect(drawsNothing(truecolour)).toBe(false);
  });
});
