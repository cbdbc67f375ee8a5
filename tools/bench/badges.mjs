/**
 * Badge section of `npm run bench`: render time and bytes of every badge kind of the demo creator,
 * per scale and format, through forge's real pipeline (the isolated renderer, as the CLI uses it),
 * against the issue's size aim for a 2 s @2x badge: GIF ≤ 40 KB, WebP ≤ 25 KB.
 *
 * Runs on the built package (packages/forge/dist): `npm run build:forge` first.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const forgeDist = `${repoRoot}packages/forge/dist/index.js`;
const demoCreator = `${repoRoot}tools/demo/creator/creator.json`;

const AIM = { gif: 40 * 1024, webp: 25 * 1024 };
const ROUNDS = 3;

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const kb = (bytes) => Math.round((bytes / 1024) * 10) / 10;

/** Times one render of an asset; a fresh plan each round so no cached frames are reused. */
async function timedRender(planAssets, name, renderer) {
  const asset = planAssets().find((candidate) => candidate.name === name);
  const started = performance.now();
  const bytes = await asset.render(renderer);
  return { ms: performance.now() - started, bytes: bytes.byteLength, asset };
}

export async function runBadgeBench() {
  if (!existsSync(forgeDist)) throw new Error('packages/forge/dist is missing: run npm run build:forge first');
  const forge = await import(pathToFileURL(forgeDist).href);
  const input = await forge.loadCreator(demoCreator);
  // As the stage reads them (social.locale and timeZone included), so the labels are the ones measured.
  const specs = forge.badgeSpecs(input.config);
  const renderer = new forge.IsolatedRenderer().warm();
  const rows = [];
  const notes = [];
  try {
    // One throwaway render so process start-up is not billed to the first badge.
    await forge.badgeStage.plan(input).assets[1].render(renderer);
    for (const spec of specs) {
      const planAssets = () => forge.badgeStage.plan({ ...input, config: { ...input.config, badges: [input.config.badges[specs.indexOf(spec)]] } }).assets;
      for (const scale of [1, 2]) {
        const stem = `badges/${spec.id}${scale === 1 ? '' : `@${scale}x`}`;
        const timings = { png: [], gif: [], webp: [] };
        const bytes = {};
        let size = '';
        for (let round = 0; round < ROUNDS; round += 1) {
          for (const format of ['png', 'gif', 'webp']) {
            // Each format timed alone, frames included: what one file costs when it is the only one asked for.
            const result = await timedRender(planAssets, `${stem}.${format}`, renderer);
            timings[format].push(result.ms);
            bytes[format] = result.bytes;
            size = `${result.asset.width}×${result.asset.height}`;
          }
        }
        const svg = scale === 1 ? (await timedRender(planAssets, `badges/${spec.id}.svg`, renderer)).bytes : undefined;
        const aimed = scale === 2;
        rows.push({
          badge: spec.id,
          text: spec.label,
          pixels: size,
          frames: forge.BADGE_LOOP.frameCount,
          'svg KB': svg === undefined ? '–' : kb(svg),
          'png KB': kb(bytes.png),
          'gif KB': kb(bytes.gif),
          'webp KB': kb(bytes.webp),
          'png ms': Math.round(median(timings.png)),
          'gif ms': Math.round(median(timings.gif)),
          'webp ms': Math.round(median(timings.webp)),
          'gif ≤ 40 KB': aimed ? (bytes.gif <= AIM.gif ? 'pass' : 'FAIL') : '–',
          'webp ≤ 25 KB': aimed ? (bytes.webp <= AIM.webp ? 'pass' : 'FAIL') : '–',
        });
      }
    }
  } finally {
    renderer.close();
  }
  notes.push(
    `Demo creator (tools/demo/creator), light scheme; dark twins cost the same. ${forge.BADGE_LOOP.frameCount} frames at ${forge.BADGE_LOOP.framesPerSecond} fps (${forge.BADGE_LOOP.durationMs / 1000} s loop).`,
    `Times are the median of ${ROUNDS} rounds through the isolated renderer (child processes), each format rendered alone including its frames; in a forge run PNG, GIF and WebP of one scale share one set of frames.`,
    'Size aims from issue 6 apply to the @2x files (a 160×40 badge); @1x rows are for reference.',
  );
  return { rows, notes };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { rows, notes } = await runBadgeBench();
  console.table(rows);
  for (const note of notes) console.log(note);
}
