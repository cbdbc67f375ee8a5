/**
 * forge against the favicon generators creators use today, side by side on the same marks (four
 * simple-icons brand marks, a 4:1 wordmark, a tall mark, and one with gradients, a filter and
 * text): whole-process wall time for one mark, in-process time per creator over a batch, total
 * bytes, and RealFaviconGenerator's checker verdict on each output served with its own head markup.
 *
 * Runs on the built package (packages/forge/dist): `npm run build:forge` first.
 * Alone: `node tools/bench/forge.mjs` (FORGE_BENCH_BATCH, FORGE_BENCH_PEER_BATCH, FORGE_BENCH_RUNS
 * shrink or grow the work).
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { PEERS, writePeerSet } from './forge-peers.mjs';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const forgeDist = join(repoRoot, 'packages/forge/dist');
const peersScript = fileURLToPath(new URL('./forge-peers.mjs', import.meta.url));

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

function wallSeconds(args) {
  const started = performance.now();
  execFileSync(process.execPath, args, { stdio: 'ignore', cwd: repoRoot });
  return (performance.now() - started) / 1000;
}

/** Runs `work` for `count` creators, `concurrency` at a time; returns ms per creator. */
async function batchMsPerCreator(count, concurrency, work) {
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) await work(next++);
    }),
  );
  return (performance.now() - started) / count;
}

export async function runForgeBench({ log = () => {} } = {}) {
  if (!existsSync(join(forgeDist, 'index.js'))) throw new Error('packages/forge/dist is missing: run npm run build:forge first');
  const forge = await import(pathToFileURL(join(forgeDist, 'index.js')).href);
  const { faviconStage } = await import(pathToFileURL(join(forgeDist, 'favicon/stage.js')).href);
  const { checkForgedFolder } = await import(pathToFileURL(join(forgeDist, 'check/check.js')).href);
  const { MARKS, SIMPLE_ICONS, testConfig } = await import(pathToFileURL(join(forgeDist, 'testing/marks.js')).href);

  const batch = Number(process.env.FORGE_BENCH_BATCH ?? 100);
  const peerBatch = Number(process.env.FORGE_BENCH_PEER_BATCH ?? 20);
  const runs = Number(process.env.FORGE_BENCH_RUNS ?? 5);
  const cores = availableParallelism();

  const dir = await mkdtemp(join(tmpdir(), 'forge-bench-'));
  const rows = [];
  const notes = [];
  try {
    // Marks on disk, as every tool reads them, with a creator.json for forge.
    const marks = { ...Object.fromEntries(SIMPLE_ICONS.map((icon) => [`si-${icon.slug}`, icon.svg])), wide: MARKS.wide, tall: MARKS.tall, complex: MARKS.complex };
    const markPaths = {};
    for (const [name, svg] of Object.entries(marks)) {
      await mkdir(join(dir, 'marks', name), { recursive: true });
      markPaths[name] = join(dir, 'marks', name, 'mark.svg');
      await writeFile(markPaths[name], svg);
      await writeFile(join(dir, 'marks', name, 'creator.json'), JSON.stringify(testConfig({ mark: 'mark.svg' })));
    }
    const markNames = Object.keys(marks);
    const wallMark = 'si-github';

    const tools = {
      dropkit: {
        wallArgs: (out) => [join(forgeDist, 'cli.js'), 'forge', join(dir, 'marks', wallMark, 'creator.json'), '--out', out, '--only', 'favicon'],
        async produce(name, renderer) {
          const input = await forge.loadCreator(join(dir, 'marks', name, 'creator.json'));
          const result = await forge.forge(input, { renderer, stages: [faviconStage] });
          return { files: result.files.map((file) => ({ name: file.name, bytes: file.bytes })), head: result.head };
        },
      },
      ...Object.fromEntries(
        Object.entries(PEERS).map(([tool, generate]) => [
          tool,
          { wallArgs: (out) => [peersScript, tool, markPaths[wallMark], out], produce: (name) => generate(markPaths[name]) },
        ]),
      ),
    };

    const renderer = new forge.IsolatedRenderer({ processes: cores }).warm();
    const results = {};
    try {
      for (const [tool, spec] of Object.entries(tools)) {
        log(`forge bench: ${tool}`);
        // Whole process: start Node, load the tool, forge one mark, write the files.
        const walls = [];
        for (let run = 0; run < runs; run += 1) walls.push(wallSeconds(spec.wallArgs(join(dir, 'wall', tool, String(run)))));

        // Output: every mark, written with its head markup and checked.
        let bytes = 0;
        let errors = 0;
        let warnings = 0;
        const failures = [];
        for (const name of markNames) {
          try {
            const set = await spec.produce(name, renderer);
            const folder = join(dir, 'out', tool, name);
            await writePeerSet(folder, set);
            bytes += set.files.filter((file) => file.name !== 'forge.json' && file.name !== 'head.html').reduce((sum, file) => sum + file.bytes.length, 0);
            const check = await checkForgedFolder(folder);
            errors += check.errors.length;
            warnings += check.warnings.length;
            if (tool !== 'dropkit' && name === wallMark) notes.push(`${tool} on ${name}: ${[...check.errors.map((e) => `error: ${e}`), ...check.warnings.map((w) => `warning: ${w}`)].join('; ') || 'clean'}`);
          } catch (error) {
            failures.push(`${name} (${error instanceof Error ? error.message.split('\n')[0] : error})`);
          }
        }
        if (failures.length > 0) notes.push(`${tool} failed on ${failures.join(', ')}`);

        // In process: a marketplace forging many creators in one long-lived process.
        const count = tool === 'dropkit' ? batch : peerBatch;
        await spec.produce(markNames[0], renderer);
        const perCreator = await batchMsPerCreator(count, tool === 'dropkit' ? cores * 2 : cores, (index) =>
          spec.produce(markNames[index % markNames.length], renderer).catch(() => undefined),
        );
        results[tool] = { wall: median(walls), perCreator, bytes, errors, warnings, count, marksOk: markNames.length - failures.length };
      }
    } finally {
      renderer.close();
    }

    for (const [tool, result] of Object.entries(results)) {
      rows.push({
        tool,
        'wall, 1 mark (s, median)': Number(result.wall.toFixed(3)),
        'per creator in batch (ms)': Number(result.perCreator.toFixed(1)),
        batch: result.count,
        [`bytes (${markNames.length} marks)`]: result.bytes,
        'check errors': result.errors,
        'check warnings': result.warnings,
        'marks ok': `${result.marksOk}/${markNames.length}`,
      });
    }
    const peers = Object.entries(results).filter(([tool]) => tool !== 'dropkit').map(([, result]) => result);
    const ours = results.dropkit;
    const best = (key) => Math.min(...peers.map((peer) => peer[key]));
    const bestChecks = Math.min(...peers.map((peer) => peer.errors + peer.warnings));
    const rfg = results.rfg;
    rows.push({
      tool: 'dropkit ÷ best peer',
      'wall, 1 mark (s, median)': Number((ours.wall / best('wall')).toFixed(2)),
      'per creator in batch (ms)': Number((ours.perCreator / best('perCreator')).toFixed(2)),
      batch: '',
      [`bytes (${markNames.length} marks)`]: Number((ours.bytes / best('bytes')).toFixed(2)),
      'check errors': `${ours.errors} vs ${best('errors')}`,
      'check warnings': `${ours.warnings} vs ${best('warnings')}`,
      'marks ok': '',
    });
    const goals = [
      `whole process ${ours.wall.toFixed(3)} s vs fastest peer ${best('wall').toFixed(3)} s: ${(ours.wall / best('wall')).toFixed(2)}× (goal ≤ 0.5×)`,
      `in-process ${ours.perCreator.toFixed(1)} ms per creator over ${batch} on ${cores} cores (goal ≤ 60 ms)`,
      `bytes ${ours.bytes} vs RealFaviconGenerator ${rfg?.bytes ?? 'n/a'}: ${rfg ? (ours.bytes / rfg.bytes).toFixed(2) : 'n/a'}× (goal ≤ 0.5×)`,
      `checker: dropkit ${ours.errors} errors, ${ours.warnings} warnings (best peer ${bestChecks} messages; goal 0 and 0)`,
    ];
    notes.unshift(...goals);
    notes.push(
      `dropkit runs its favicon stage only (--only favicon), the set the peers make; peers were asked for the same platforms (favicons: no splash screens or Windows tiles). Peers' in-process time comes from a batch of ${peerBatch} (FORGE_BENCH_PEER_BATCH), run ${cores} at a time; dropkit's from ${batch}, ${cores * 2} at a time over ${cores} renderer processes.`,
    );
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  return { rows, notes };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { rows, notes } = await runForgeBench({ log: (line) => console.error(line) });
  console.table(rows);
  for (const note of notes) console.log(`- ${note}`);
}
