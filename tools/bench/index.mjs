#!/usr/bin/env node
/**
 * `npm run bench`: dropkit against its peers, measured side by side in one run on this machine.
 * Prints a markdown report and writes every figure, with the machine it ran on, to
 * bench/results/bench-<timestamp>.json. Absolute times vary between machines and runs; the ratios
 * to peers measured in the same run are what we track.
 *
 * Each section degrades to an "n/a: <reason>" line instead of stopping the run, so the bench is
 * useful while elements are still being written.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, platform, release, totalmem } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseOptions, usage } from './options.mjs';
import { renderReport } from './report.mjs';
import { runSizeBench } from './size.mjs';
import { openBrowser } from './browser.mjs';
import { runRuntimeBench } from './runtime.mjs';
import { runButtonBench } from './button.mjs';
import { runMemoryBench } from './memory.mjs';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

async function main() {
  let options;
  try {
    options = parseOptions(process.argv.slice(2));
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exit(2);
  }
  if (options.help) {
    console.log(usage);
    return;
  }
  const wants = (section) => options.sections.includes(section);
  const log = (message) => console.error(`[bench] ${message}`);
  const started = Date.now();
  const loadAtStart = loadavg()[0];

  // The bench builds its own copy of the kit, so it measures the sources as they are now without
  // rewriting dist/ under a test run that may be reading it.
  let cdnDir = options.kit ? resolve(options.kit) : join(repoRoot, 'dist/cdn');
  const buildNotes = [];
  if (options.build && (wants('size') || wants('runtime') || wants('button') || wants('memory'))) {
    const benchBuild = join(repoRoot, 'bench/results/cdn-build');
    log(`building the kit into ${benchBuild} (the same two vite builds as npm run build:cdn)…`);
    try {
      const vite = join(repoRoot, 'node_modules/vite/bin/vite.js');
      execFileSync(process.execPath, [vite, 'build', '--logLevel', 'warn', '--outDir', benchBuild, '--emptyOutDir'], { cwd: repoRoot, stdio: ['ignore', 'ignore', 'inherit'] });
      execFileSync(process.execPath, [vite, 'build', '--mode', 'iife', '--logLevel', 'warn', '--outDir', benchBuild], { cwd: repoRoot, stdio: ['ignore', 'ignore', 'inherit'] });
      cdnDir = benchBuild;
    } catch {
      buildNotes.push('The kit failed to build from the current sources; dist/cdn as it was is measured instead.');
      log('build failed; measuring dist/cdn as it is');
    }
  }

  if (options.build && (wants('forge') || wants('badges'))) {
    log('building forge (npm run build:forge)…');
    try {
      execFileSync('npm', ['run', 'build:forge', '--silent'], { cwd: repoRoot, stdio: ['ignore', 'ignore', 'inherit'] });
    } catch {
      buildNotes.push('forge failed to build; its benches ran on packages/forge/dist as it was.');
      log('build:forge failed; its benches use packages/forge/dist as it is');
    }
  }

  const sections = [];
  const results = { options, sections: {} };
  let sectionStarted = Date.now();
  const record = (key, section) => {
    const seconds = (Date.now() - sectionStarted) / 1000;
    sectionStarted = Date.now();
    log(`${key} took ${seconds.toFixed(0)} s`);
    sections.push(section);
    results.sections[key] = { seconds, ...section };
  };
  const failed = (title, error) => ({
    title,
    rows: [],
    notes: [`n/a: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`],
    goals: [],
  });

  if (wants('size')) {
    log('size…');
    try {
      record('size', await runSizeBench({ repoRoot, cdnDir }));
    } catch (error) {
      record('size', failed('Size (real built files)', error));
    }
  }

  const browserSections = ['runtime', 'button', 'memory'].filter(wants);
  let browser = null;
  let browserVersion = null;
  if (browserSections.length > 0) {
    try {
      browser = await openBrowser(repoRoot, cdnDir);
      browserVersion = browser.version;
    } catch (error) {
      for (const key of browserSections) record(key, failed(`${key} (headless Chromium)`, error));
    }
  }
  try {
    if (browser) {
      const context = { browser, repoRoot, options, log };
      const runners = { runtime: runRuntimeBench, button: runButtonBench, memory: runMemoryBench };
      for (const key of browserSections) {
        log(`${key}…`);
        try {
          record(key, await runners[key](context));
        } catch (error) {
          record(key, failed(`${key} (headless Chromium)`, error));
        }
      }
    }
  } finally {
    await browser?.close();
  }

  for (const [key, file, exportName, title] of [
    ['forge', 'forge.mjs', 'runForgeBench', 'forge: favicon set and manifest icons'],
    ['badges', 'badges.mjs', 'runBadgeBench', 'forge: animated badges'],
  ]) {
    if (!wants(key)) continue;
    log(`${key}…`);
    record(key, await runForgeSide(file, exportName, title));
  }

  const date = new Date().toISOString();
  const machine = {
    os: `${platform()} ${release()}`,
    cpus: `${cpus().length} × ${cpus()[0]?.model?.trim() ?? 'unknown'}`,
    memory: `${Math.round(totalmem() / 2 ** 30)} GiB`,
    node: process.version,
    chromium: browserVersion ?? 'not launched',
    commit: gitCommit(),
    loadAverage: { start: loadAtStart, end: loadavg()[0] },
  };
  const machineLine = `Machine: ${machine.os}; ${machine.cpus}; ${machine.memory}; Node ${machine.node}; Chromium ${machine.chromium}; commit ${machine.commit}.`;
  const busy = Math.max(machine.loadAverage.start, machine.loadAverage.end) > cpus().length;
  const loadLine = `Load average (1 min) ${machine.loadAverage.start.toFixed(1)} at start, ${machine.loadAverage.end.toFixed(1)} at end${busy ? ' — the machine was busy with other work: wall-clock figures (flip errors, long tasks, time to interactive) are inflated; CPU-time figures and ratios hold better' : ''}.`;
  const measuredKit = `Kit measured: ${relative(repoRoot, cdnDir)}.${buildNotes.length ? ` ${buildNotes.join(' ')}` : ''}`;
  const report = renderReport(sections, { date, machine: [machineLine, loadLine, measuredKit].map((line) => `- ${line}`).join('\n') });
  console.log(report);

  const outDir = join(repoRoot, 'bench/results');
  mkdirSync(outDir, { recursive: true });
  const outFile = join(outDir, `bench-${date.replaceAll(':', '-').replace(/\.\d+Z$/, 'Z')}.json`);
  writeFileSync(outFile, `${JSON.stringify({ date, machine, kit: relative(repoRoot, cdnDir), buildNotes, durationSeconds: (Date.now() - started) / 1000, ...results }, null, 2)}\n`);
  writeFileSync(join(outDir, 'latest.json'), `${JSON.stringify({ date, file: outFile }, null, 2)}\n`);
  // The README's table is pasted from here (docs/bench.md, "Latest results").
  writeFileSync(join(outDir, 'latest.md'), report);
  log(`wrote ${outFile} in ${((Date.now() - started) / 1000).toFixed(0)} s`);
}

/**
 * The forge benches (tools/bench/forge.mjs, tools/bench/badges.mjs, written with forge), run in
 * this process when their files exist: `{ rows, notes, goals? }`, rows as plain records.
 */
async function runForgeSide(file, exportName, title) {
  const path = fileURLToPath(new URL(`./${file}`, import.meta.url));
  if (!existsSync(path)) return { title, rows: [], notes: [`not available: tools/bench/${file} does not exist yet.`], goals: [] };
  try {
    const module = await import(pathToFileURL(path).href);
    if (typeof module[exportName] !== 'function') {
      return { title, rows: [], notes: [`not available: tools/bench/${file} does not export ${exportName}().`], goals: [] };
    }
    const { rows = [], notes = [], goals = [] } = (await module[exportName]()) ?? {};
    return { title, rows, notes, goals };
  } catch (error) {
    return { title, rows: [], notes: [`n/a: ${exportName}() failed: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`], goals: [] };
  }
}

function gitCommit() {
  try {
    const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: repoRoot, encoding: 'utf8' }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], { cwd: repoRoot, encoding: 'utf8' }).trim();
    return dirty ? `${commit} (with uncommitted changes)` : commit;
  } catch {
    return 'unknown';
  }
}

await main();
