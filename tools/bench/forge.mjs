/**
 * forge against the favicon generators creators use today, side by side on the same marks (four
 * simple-icons brand marks, a 4:1 wordmark, a tall mark, and one with gradients, a filter and
 * text): whole-process time for one mark, in-process time per creator over a batch, total bytes,
 * and RealFaviconGenerator's checker verdict on each output served with its own head markup.
 *
 * Like with like: the peers make a favicon + manifest icon set, so the ratios compare forge's
 * favicon stage (`--only favicon`; the library's `stages: [faviconStage]`), which writes that set
 * and the manifest. forge's full default set (badges, social card, mark set, live favicon too) is
 * measured in the same run and reported on its own row, outside the ratios.
 *
 * The machine is shared (other test runs come and go), so every figure is a median over repeated
 * runs, the tools take turns within each run so a burst of load hits them alike, and CPU time is
 * reported beside wall time: the CPU a run costs (its whole process tree, renderer children
 * included) moves far less with the load than its wall time does.
 *
 * Whole process is measured twice for the peers: through tools/bench/forge-peers.mjs, our thin
 * script calling each library's API (the rows named after the tools), and through the command-line
 * tool a peer ships, run as a user runs it (the "… CLI" rows). Only @vite-pwa/assets-generator
 * ships one (`pwa-assets-generator`, with a pwa-assets.config.mjs beside public/logo.svg);
 * favicons 7 and RealFaviconGenerator's generator package have no bin. dropkit is its CLI in both.
 *
 * Runs on the built package (packages/forge/dist): `npm run build:forge` first.
 * Alone: `node tools/bench/forge.mjs`. FORGE_BENCH_RUNS (whole-process runs, default 7),
 * FORGE_BENCH_BATCH (dropkit's batch, default 100), FORGE_BENCH_PEER_BATCH (default 20),
 * FORGE_BENCH_FULL_BATCH (all stages, default 10), FORGE_BENCH_BATCH_RUNS (batches per tool,
 * default 3) shrink or grow the work.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
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
const load = () => loadavg()[0].toFixed(1);

/**
 * `perf stat` counts task-clock over every process the command forks, even the ones it never
 * waits for (forge kills its renderer children at exit, so `time`'s rusage would miss them), and
 * its duration_time is the command's wall time without perf's own start-up. Without a usable
 * perf, wall time is taken around the spawn and whole-process CPU is reported as n/a.
 */
const PERF_EVENTS = ['stat', '-x,', '-e', 'task-clock,duration_time', '--'];
const perfWorks = (() => {
  const probe = spawnSync('perf', [...PERF_EVENTS, process.execPath, '-e', '0'], { encoding: 'utf8' });
  return probe.status === 0 && /task-clock/.test(probe.stderr) && /duration_time/.test(probe.stderr);
})();

/** Whole process: start Node, load the tool, forge one mark, write the files. Seconds. */
function measureProcess(args, cwd = repoRoot) {
  const command = perfWorks ? ['perf', [...PERF_EVENTS, process.execPath, ...args]] : [process.execPath, args];
  const started = performance.now();
  const result = spawnSync(command[0], command[1], { cwd, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
  const spawnWall = (performance.now() - started) / 1000;
  if (result.status !== 0) {
    const output = result.stderr.split('\n').filter((text) => !/,(task-clock|duration_time),/.test(text) && text.trim() !== '');
    throw new Error(`exit ${result.status ?? result.signal}: ${output.slice(-4).join(' ') || 'no output'}`);
  }
  const counter = (event) => {
    const line = result.stderr.split('\n').reverse().find((text) => text.split(',')[2] === event);
    return line === undefined ? undefined : Number(line.split(',')[0]);
  };
  const cpuMs = counter('task-clock');
  const wallNs = counter('duration_time');
  return { wall: wallNs === undefined ? spawnWall : wallNs / 1e9, cpu: cpuMs === undefined ? undefined : cpuMs / 1000 };
}

const clockTicks = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' })) || 100;
  } catch {
    return 100;
  }
})();

/** CPU seconds a live process has used so far (Linux /proc), or undefined where unreadable. */
function processCpu(pid) {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) / clockTicks;
  } catch {
    return undefined;
  }
}

/** CPU seconds of this process plus the given children. */
function treeCpu(pids) {
  const own = process.cpuUsage();
  let total = (own.user + own.system) / 1e6;
  for (const pid of pids) {
    const cpu = processCpu(pid);
    if (cpu === undefined) return undefined;
    total += cpu;
  }
  return total;
}

/**
 * Runs `work` for `count` creators, `concurrency` at a time; ms per creator, wall and CPU (this
 * process and the renderer children `pids()` names, measured before and after).
 */
async function batch(count, concurrency, work, pids = () => []) {
  let next = 0;
  const children = pids();
  const cpuBefore = treeCpu(children);
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) await work(next++);
    }),
  );
  const wall = (performance.now() - started) / count;
  const sameChildren = pids().join() === children.join();
  const cpuAfter = sameChildren ? treeCpu(children) : undefined;
  return { wall, cpu: cpuBefore !== undefined && cpuAfter !== undefined ? ((cpuAfter - cpuBefore) * 1000) / count : undefined };
}

const fixed = (value, digits) => (value === undefined || Number.isNaN(value) ? 'n/a' : Number(value.toFixed(digits)));
const ratio = (ours, best) => (ours === undefined || best === undefined ? 'n/a' : Number((ours / best).toFixed(2)));

export async function runForgeBench({ log = () => {} } = {}) {
  if (!existsSync(join(forgeDist, 'index.js'))) throw new Error('packages/forge/dist is missing: run npm run build:forge first');
  const forge = await import(pathToFileURL(join(forgeDist, 'index.js')).href);
  const { faviconStage } = await import(pathToFileURL(join(forgeDist, 'favicon/stage.js')).href);
  const { checkForgedFolder } = await import(pathToFileURL(join(forgeDist, 'check/check.js')).href);
  const { MARKS, SIMPLE_ICONS, testConfig } = await import(pathToFileURL(join(forgeDist, 'testing/marks.js')).href);

  const dropkitBatch = Number(process.env.FORGE_BENCH_BATCH ?? 100);
  const peerBatch = Number(process.env.FORGE_BENCH_PEER_BATCH ?? 20);
  const fullBatch = Number(process.env.FORGE_BENCH_FULL_BATCH ?? 10);
  const runs = Number(process.env.FORGE_BENCH_RUNS ?? 7);
  const batchRuns = Number(process.env.FORGE_BENCH_BATCH_RUNS ?? 3);
  const cores = availableParallelism();
  const loadBefore = load();

  const dir = await mkdtemp(join(tmpdir(), 'forge-bench-'));
  const rows = [];
  const notes = [];
  const goals = [];
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
    const creatorJson = (name) => join(dir, 'marks', name, 'creator.json');

    const renderer = new forge.IsolatedRenderer({ processes: cores }).warm();
    const forgeOne = async (name, stages) => {
      const result = await forge.forge(await forge.loadCreator(creatorJson(name)), { renderer, ...(stages ? { stages } : {}) });
      return { files: result.files.map((file) => ({ name: file.name, bytes: file.bytes })), head: result.head };
    };
    const tools = {
      dropkit: {
        processArgs: (out) => [join(forgeDist, 'cli-entry.cjs'), 'forge', creatorJson(wallMark), '--out', out, '--only', 'favicon'],
        produce: (name) => forgeOne(name, [faviconStage]),
        count: dropkitBatch,
        concurrency: cores * 2,
        pids: () => renderer.pids(),
      },
      ...Object.fromEntries(
        Object.entries(PEERS).map(([tool, generate]) => [
          tool,
          { processArgs: (out) => [peersScript, tool, markPaths[wallMark], out], produce: (name) => generate(markPaths[name]), count: peerBatch, concurrency: cores },
        ]),
      ),
      'dropkit, all stages': {
        processArgs: (out) => [join(forgeDist, 'cli-entry.cjs'), 'forge', creatorJson(wallMark), '--out', out],
        produce: (name) => forgeOne(name),
        count: fullBatch,
        concurrency: cores * 2,
        pids: () => renderer.pids(),
        unchecked: true,
      },
    };
    const names = Object.keys(tools);
    const results = Object.fromEntries(names.map((tool) => [tool, { walls: [], cpus: [], batchWalls: [], batchCpus: [], bytes: 0, errors: 0, warnings: 0, failures: [] }]));

    // The peers' own command-line tools, as a user runs them on the same mark (whole process only).
    const cliPeers = {};
    const pwaCli = join(repoRoot, 'node_modules/@vite-pwa/assets-generator/bin/pwa-assets-generator.mjs');
    if (existsSync(pwaCli)) {
      const project = join(dir, 'cli', 'vitePwa');
      await mkdir(join(project, 'public'), { recursive: true });
      await writeFile(join(project, 'public', 'logo.svg'), marks[wallMark]);
      // Its documented setup: a config naming the image and the preset, packages resolved from the project.
      await writeFile(
        join(project, 'pwa-assets.config.mjs'),
        "import { defineConfig, minimal2023Preset } from '@vite-pwa/assets-generator/config';\nexport default defineConfig({ preset: minimal2023Preset, images: ['public/logo.svg'] });\n",
      );
      await symlink(join(repoRoot, 'node_modules'), join(project, 'node_modules'), 'junction');
      cliPeers['vitePwa CLI'] = { processArgs: () => [pwaCli], cwd: project, command: 'pwa-assets-generator (minimal-2023 preset)' };
    } else {
      notes.push('vitePwa CLI: @vite-pwa/assets-generator/bin/pwa-assets-generator.mjs not found, so no CLI comparison.');
    }
    const cliNames = Object.keys(cliPeers);
    const cliResults = Object.fromEntries(cliNames.map((tool) => [tool, { walls: [], cpus: [] }]));
    const processNames = [...names, ...cliNames];

    try {
      // Output first (it also warms every tool up): every mark, written with its head markup and checked.
      for (const tool of names) {
        log(`forge bench: ${tool} output`);
        const result = results[tool];
        for (const name of markNames) {
          try {
            const set = await tools[tool].produce(name);
            const folder = join(dir, 'out', tool, name);
            await writePeerSet(folder, set);
            result.bytes += set.files.filter((file) => file.name !== 'forge.json' && file.name !== 'head.html').reduce((sum, file) => sum + file.bytes.length, 0);
            if (tools[tool].unchecked) continue;
            const check = await checkForgedFolder(folder);
            result.errors += check.errors.length;
            result.warnings += check.warnings.length;
            if (tool !== 'dropkit' && name === wallMark) notes.push(`${tool} on ${name}: ${[...check.errors.map((e) => `error: ${e}`), ...check.warnings.map((w) => `warning: ${w}`)].join('; ') || 'clean'}`);
          } catch (error) {
            result.failures.push(`${name} (${error instanceof Error ? error.message.split('\n')[0] : error})`);
          }
        }
        if (result.failures.length > 0) notes.push(`${tool} failed on ${result.failures.join(', ')}`);
      }

      // Whole process, the tools (library scripts and CLIs) taking turns, starting with a different one each run.
      for (let run = 0; run < runs; run += 1) {
        log(`forge bench: whole process, run ${run + 1}/${runs} (load ${load()})`);
        for (let turn = 0; turn < processNames.length; turn += 1) {
          const tool = processNames[(run + turn) % processNames.length];
          const spec = tools[tool] ?? cliPeers[tool];
          const result = results[tool] ?? cliResults[tool];
          try {
            const { wall, cpu } = measureProcess(spec.processArgs(join(dir, 'process', tool, String(run))), spec.cwd);
            result.walls.push(wall);
            if (cpu !== undefined) result.cpus.push(cpu);
          } catch (error) {
            // Reported, not hidden: a failed run is left out of the median and named in the notes.
            notes.push(`${tool}: whole-process run ${run + 1} failed (${error instanceof Error ? error.message : error})`);
          }
        }
      }

      // In process: a marketplace forging many creators in one long-lived process.
      for (let run = 0; run < batchRuns; run += 1) {
        for (let turn = 0; turn < names.length; turn += 1) {
          const tool = names[(run + turn) % names.length];
          const spec = tools[tool];
          log(`forge bench: ${tool} batch of ${spec.count}, run ${run + 1}/${batchRuns} (load ${load()})`);
          const { wall, cpu } = await batch(spec.count, spec.concurrency, (index) => spec.produce(markNames[index % markNames.length]).catch(() => undefined), spec.pids);
          results[tool].batchWalls.push(wall);
          if (cpu !== undefined) results[tool].batchCpus.push(cpu);
        }
      }
    } finally {
      renderer.close();
    }

    const summary = Object.fromEntries(
      names.map((tool) => {
        const result = results[tool];
        return [
          tool,
          {
            ...result,
            wall: median(result.walls),
            cpu: result.cpus.length > 0 ? median(result.cpus) : undefined,
            perCreator: median(result.batchWalls),
            perCreatorCpu: result.batchCpus.length > 0 ? median(result.batchCpus) : undefined,
          },
        ];
      }),
    );
    const bytesColumn = `bytes (${markNames.length} marks)`;
    for (const tool of names) {
      const result = summary[tool];
      rows.push({
        tool,
        'process wall (s)': fixed(result.wall, 3),
        'process CPU (s)': fixed(result.cpu, 3),
        'batch wall (ms/creator)': fixed(result.perCreator, 1),
        'batch CPU (ms/creator)': fixed(result.perCreatorCpu, 1),
        batch: tools[tool].count,
        [bytesColumn]: result.bytes,
        'check errors': tools[tool].unchecked ? '-' : result.errors,
        'check warnings': tools[tool].unchecked ? '-' : result.warnings,
        'marks ok': `${markNames.length - result.failures.length}/${markNames.length}`,
      });
    }
    const ours = summary.dropkit;
    const peers = Object.keys(PEERS).map((tool) => summary[tool]);
    const best = (key) => {
      const values = peers.map((peer) => peer[key]).filter((value) => value !== undefined);
      return values.length === peers.length ? Math.min(...values) : undefined;
    };
    rows.push({
      tool: 'dropkit ÷ best peer',
      'process wall (s)': ratio(ours.wall, best('wall')),
      'process CPU (s)': ratio(ours.cpu, best('cpu')),
      'batch wall (ms/creator)': ratio(ours.perCreator, best('perCreator')),
      'batch CPU (ms/creator)': ratio(ours.perCreatorCpu, best('perCreatorCpu')),
      batch: '',
      [bytesColumn]: ratio(ours.bytes, best('bytes')),
      'check errors': `${ours.errors} vs ${best('errors')}`,
      'check warnings': `${ours.warnings} vs ${best('warnings')}`,
      'marks ok': '',
    });

    // The peers' own command-line tools: whole process only, set against dropkit's CLI row above.
    const cliSummary = Object.fromEntries(
      cliNames.map((tool) => {
        const { walls, cpus } = cliResults[tool];
        return [tool, { wall: walls.length > 0 ? median(walls) : undefined, cpu: cpus.length > 0 ? median(cpus) : undefined }];
      }),
    );
    const bestCli = (key) => {
      const values = cliNames.map((tool) => cliSummary[tool][key]).filter((value) => value !== undefined);
      return values.length > 0 ? Math.min(...values) : undefined;
    };
    const processOnly = (fill) => ({
      'batch wall (ms/creator)': fill,
      'batch CPU (ms/creator)': fill,
      batch: fill,
      [bytesColumn]: fill,
      'check errors': fill,
      'check warnings': fill,
      'marks ok': fill,
    });
    for (const tool of cliNames) {
      rows.push({ tool: `${tool}: ${cliPeers[tool].command}`, 'process wall (s)': fixed(cliSummary[tool].wall, 3), 'process CPU (s)': fixed(cliSummary[tool].cpu, 3), ...processOnly('-') });
    }
    if (cliNames.length > 0) {
      rows.push({ tool: 'dropkit ÷ fastest peer CLI', 'process wall (s)': ratio(ours.wall, bestCli('wall')), 'process CPU (s)': ratio(ours.cpu, bestCli('cpu')), ...processOnly('') });
    }

    const rfg = summary.rfg;
    const cpuBound = ours.perCreatorCpu === undefined ? undefined : ours.perCreatorCpu / cores;
    goals.push(
      {
        goal: 'whole process (one creator, favicon + manifest set) ≤ 0.5 × the fastest peer, wall; peers as library calls from our script (forge-peers.mjs)',
        measured: `${ours.wall.toFixed(3)} s vs ${best('wall').toFixed(3)} s = ${ratio(ours.wall, best('wall'))}×`,
        pass: ours.wall / best('wall') <= 0.5,
      },
      {
        goal: 'whole process ≤ 0.5 × the fastest peer, CPU of the process tree; peers as library calls from our script',
        measured: ours.cpu === undefined ? 'n/a (no perf)' : `${ours.cpu.toFixed(3)} s vs ${best('cpu').toFixed(3)} s = ${ratio(ours.cpu, best('cpu'))}×`,
        pass: ours.cpu === undefined ? null : ours.cpu / best('cpu') <= 0.5,
      },
      ...(cliNames.length > 0
        ? [
            {
              goal: `whole process ≤ 0.5 × the fastest peer, wall; peers' own CLIs as a user runs them (${cliNames.join(', ')})`,
              measured: bestCli('wall') === undefined ? 'n/a (every CLI run failed)' : `${ours.wall.toFixed(3)} s vs ${bestCli('wall').toFixed(3)} s = ${ratio(ours.wall, bestCli('wall'))}×`,
              pass: bestCli('wall') === undefined ? null : ours.wall / bestCli('wall') <= 0.5,
            },
            {
              goal: "whole process ≤ 0.5 × the fastest peer, CPU of the process tree; peers' own CLIs",
              measured:
                ours.cpu === undefined || bestCli('cpu') === undefined ? 'n/a' : `${ours.cpu.toFixed(3)} s vs ${bestCli('cpu').toFixed(3)} s = ${ratio(ours.cpu, bestCli('cpu'))}×`,
              pass: ours.cpu === undefined || bestCli('cpu') === undefined ? null : ours.cpu / bestCli('cpu') <= 0.5,
            },
          ]
        : []),
      {
        goal: `in-process ≤ 60 ms per creator in a batch of ${dropkitBatch} on ${cores} cores, wall`,
        measured: `${ours.perCreator.toFixed(1)} ms`,
        pass: ours.perCreator <= 60,
      },
      {
        goal: `in-process ≤ 60 ms per creator: CPU per creator ÷ ${cores} cores (what ${cores} idle cores would take)`,
        measured: cpuBound === undefined ? 'n/a' : `${ours.perCreatorCpu.toFixed(1)} ms CPU ÷ ${cores} = ${cpuBound.toFixed(1)} ms`,
        pass: cpuBound === undefined ? null : cpuBound <= 60,
      },
      {
        goal: 'bytes ≤ 0.5 × RealFaviconGenerator',
        measured: rfg ? `${ours.bytes} vs ${rfg.bytes} = ${ratio(ours.bytes, rfg.bytes)}×` : 'n/a',
        pass: rfg ? ours.bytes / rfg.bytes <= 0.5 : null,
      },
      { goal: 'checker: 0 errors, 0 warnings', measured: `${ours.errors} errors, ${ours.warnings} warnings`, pass: ours.errors === 0 && ours.warnings === 0 },
    );
    notes.unshift(
      `load average ${loadBefore} at the start, ${load()} at the end, on ${cores} cores: wall times grow with it, CPU times much less.`,
    );
    notes.push(
      `Like with like: the ratios compare dropkit's favicon stage (--only favicon / stages: [faviconStage]: favicons, ICO, touch icon, manifest icons and site.webmanifest), the set the peers make; peers were asked for the same platforms (favicons: no splash screens or Windows tiles). "dropkit, all stages" is forge's default set (plus live favicon, mark set, social card, badges), shown for reference and in no ratio.`,
      `Whole process: median of ${runs} runs per tool, tools taking turns; CPU is perf's task-clock over the whole process tree (forge's renderer children included), wall is perf's duration_time${perfWorks ? '' : ' — perf was not usable here, so n/a'}.`,
      `Whole process, two ways for the peers: the rows named after a tool run our thin script calling its library (tools/bench/forge-peers.mjs: no config loading, no CLI parsing); the "CLI" rows run the tool's own command line as a user does, in the same turns (vitePwa: pwa-assets-generator with a pwa-assets.config.mjs and public/logo.svg, the minimal-2023 preset: favicon.ico, 64/192/512 px, maskable 512, touch icon, no manifest file written). dropkit is its CLI (dropkit forge … --only favicon) in both ratios. favicons 7 and @realfavicongenerator/generate-favicon ship no command-line tool (no bin; RealFaviconGenerator's CLI is the separate realfavicon package, not installed), so they have library rows only.`,
      `In process: median of ${batchRuns} batches per tool; dropkit ${dropkitBatch} creators (all stages: ${fullBatch}), ${cores * 2} at a time over ${cores} renderer processes; peers ${peerBatch}, ${cores} at a time. Batch CPU counts this process and dropkit's renderer children (/proc), so it is the work per creator whatever else the machine is doing.`,
    );
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  return { rows, notes, goals };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { rows, notes, goals } = await runForgeBench({ log: (line) => console.error(line) });
  console.table(rows);
  for (const goal of goals) console.log(`${goal.pass === null ? 'n/a    ' : goal.pass ? 'met    ' : 'NOT MET'}  ${goal.goal}: ${goal.measured}`);
  for (const note of notes) console.log(`- ${note}`);
}
