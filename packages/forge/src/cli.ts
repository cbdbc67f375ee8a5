#!/usr/bin/env node
import { readdir, rmdir, stat } from 'node:fs/promises';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { availableParallelism } from 'node:os';
import { ForgeError } from './errors.ts';
import { IsolatedRenderer } from './render/isolated.ts';
import { SERVED_FROM, UNSAFE_IN_BASE_PATH } from './plan/plan.ts';
import { namesConfig } from './shell/names-config.ts';
import { isWithin } from './within.ts';

// Kept in step with package.json by the release; read here without loading the core.
const FORGE_VERSION = '0.1.0';

const USAGE = `Usage: dropkit forge <creator.json> [more.json …] --out <dir> [--check] [--base /path/] [--timeout ms] [--only stages] [--confine]

  --out      folder to write (replaced as a whole; with several configs, one subfolder each)
  --check    run RealFaviconGenerator's checker on the result (needs @realfavicongenerator/check-favicon)
  --base     URL path the files are served from (default /)
  --timeout  time budget for one image, in ms (default 10000)
  --only     comma-separated stages to run (default: all; e.g. favicon, badges)
  --confine  read only files inside each config's own folder (configs from strangers)`;

/** What the summary table shows of a written file: its bytes are on disk, not kept here. */
interface WrittenFile {
  name: string;
  size: string;
  bytes: number;
}

interface CreatorOutcome {
  config: string;
  out: string;
  /**
   * The set as the summary shows it. Not the ForgedFiles: a batch keeps every outcome until its
   * summary, and holding each set's bytes (600 KB for the demo creator, megabytes for a large mark)
   * made a marketplace's batch of 10 000 configs hold every set it had written.
   */
  files?: WrittenFile[];
  error?: string;
  /** Whether the error is about --out (a folder forge may not replace or cannot write), not the creator's files. */
  aboutOut?: boolean;
  /** The error is a stack (forge's own bug), whose line breaks are kept. */
  stack?: boolean;
  /** Where a run killed mid-swap had moved the set aside, put back as the output before this run. */
  restored?: string;
  /** Advice that does not stop the run (printed on stderr, exit code unchanged). */
  hints: string[];
  check?: { errors: string[]; warnings: string[] };
}

function formatBytes(bytes: number): string {
  return bytes < 1024 ? `${bytes} B` : `${(bytes / 1024).toFixed(1)} KiB`;
}

/**
 * Text as the terminal shows it: config paths and output folders come from the file system (a
 * marketplace's batch of `uploads/<shop>/creator.json` has folder names strangers
 * chose), and a control character in one (ESC starts an escape sequence; U+009B too, in C1) could
 * clear the screen, retitle the window or rewrite earlier lines, and a bidi override reorder what
 * follows. Each is shown as U+FFFD.
 * `lines` keeps line breaks (a stack, forge's own bug); elsewhere a line break would fake a line.
 */
function printable(text: string, lines = false): string {
  return text.replace(lines ? /(?![\n\t])[\p{Cc}\p{Cf}]/gu : /(?!\t)[\p{Cc}\p{Cf}]/gu, '\uFFFD');
}

/**
 * One line of forge's on stderr, shown as printable: every refusal and note goes through here, so
 * none sends the terminal a stranger's text raw (an option from a batch script, a folder name).
 */
function say(text: string, lines = false): void {
  process.stderr.write(`${printable(`dropkit forge: ${text}`, lines)}\n`);
}

function table(rows: string[][]): string {
  rows = rows.map((row) => row.map((cell) => printable(cell)));
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
  return rows.map((row) => row.map((cell, column) => (column === row.length - 1 ? cell.padStart(widths[column]!) : cell.padEnd(widths[column]!))).join('  ')).join('\n');
}

/** One message for an expected failure; a stack only for forge's own bugs. */
function describeError(error: unknown): string {
  if (error instanceof ForgeError) return error.message;
  if (error instanceof Error && error.message.startsWith('--check needs')) return error.message;
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}

/**
 * forge replaces its output folder whole, so a folder that holds anything forge did not write (the
 * creator's config and mark, a site's index.html) would be deleted: refuse it before drawing.
 */
async function outputProblem(out: string, config: string): Promise<string | undefined> {
  const target = resolve(out);
  if (isWithin(dirname(resolve(config)), target)) {
    return `Expected --out to be a folder of its own but ${out} holds ${config}, and forge replaces the whole --out folder; give another, e.g. --out ${join(dirname(config), 'public')}`;
  }
  // The nearest part of the path that exists must be a folder: forge makes the rest.
  for (let path = target; ; path = dirname(path)) {
    let info;
    try {
      info = await stat(path);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if ((code === 'ENOENT' || code === 'ENOTDIR') && dirname(path) !== path) continue;
      return undefined; // not ours to judge: the write reports it
    }
    if (!info.isDirectory()) return `Expected --out to name a folder but ${path === target ? out : relative('', path)} is a file`;
    if (path !== target) return undefined;
    const entries = await readdir(target);
    if (entries.length === 0) return undefined;
    const shown = (names: string[]) => names.slice(0, 3).join(', ') + (names.length > 3 ? ', …' : '');
    if (!entries.includes('forge.json')) {
      return `Expected --out to be a new or empty folder, or one forge wrote before, but ${out} holds other files (${shown(entries)}) that replacing it would delete; give another folder`;
    }
    // A folder forge wrote, where the user has put files since: said as that, with what to do. "Give
    // another folder" alone left the site's robots.txt where the next run would find it again.
    const foreign = await notForged(target);
    if (foreign === undefined) {
      const others = entries.filter((name) => name !== 'forge.json').sort();
      return (
        `Expected --out to be a folder forge wrote before, but ${out} holds a forge.json that is not forge's report (${shown(others)} beside it), ` +
        `so forge cannot tell its files from yours; move out what is yours and delete the folder, or give another folder`
      );
    }
    if (foreign.length === 0) return undefined;
    return (
      `Expected --out to hold only what forge wrote there, but ${out} also holds ${shown(foreign)}, which its forge.json does not list and replacing the folder would delete; ` +
      `move them to your site's own folder (forge writes only its set here), or give another folder`
    );
  }
}

/** What a file manager or a disk image leaves in any folder it shows: nothing of the user's to lose. */
const SYSTEM_DROPPINGS = new Set(['.DS_Store', 'Thumbs.db', 'desktop.ini']);

/** A forge.json past this is no report of forge's: the demo creator's is 24 KB. */
const FORGE_REPORT_MAX_BYTES = 4 * 1024 * 1024;

/**
 * The entries of a folder forge wrote before that its forge.json does not list (up to four, each
 * folder of them as one): files the user put there since (a robots.txt, an index.html, the mark
 * itself), which the next set, replacing the folder whole, would delete. A forge.json was taken as
 * proof that everything beside it was forge's, and they were lost without a word. Undefined when
 * the forge.json lists nothing, being no report.
 */
async function notForged(target: string): Promise<string[] | undefined> {
  let listed: unknown;
  try {
    // The config's own bounded read: no wait on a FIFO named forge.json, no folder or device read
    // as a report. Loaded already, by the time --out is judged.
    const { readBounded } = await import('./config/load.ts');
    const read = await readBounded(join(target, 'forge.json'), FORGE_REPORT_MAX_BYTES);
    if ('bytes' in read) listed = (JSON.parse(read.bytes.toString('utf8')) as { files?: unknown }).files;
  } catch {
    listed = undefined;
  }
  // Not a report (broken, emptied, a user's own file of that name): nothing is known to be forge's.
  if (!Array.isArray(listed)) return undefined;
  const names = listed.map((file) => (file as { name?: unknown } | null)?.name).filter((name): name is string => typeof name === 'string');
  const forged = new Set(['forge.json', ...names]);
  // The folders forge's files are in: walked, where anything else is the user's.
  const folders = new Set(names.flatMap((name) => name.split('/').slice(0, -1).map((_, index, parts) => parts.slice(0, index + 1).join('/'))));
  const foreign: string[] = [];
  const walk = async (folder: string): Promise<void> => {
    const entries = (await readdir(join(target, folder), { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : 1));
    for (const entry of entries) {
      if (foreign.length >= 4) return;
      const name = folder === '' ? entry.name : `${folder}/${entry.name}`;
      if (SYSTEM_DROPPINGS.has(entry.name)) continue;
      if (entry.isDirectory() && folders.has(name)) await walk(name);
      else if (!(entry.isFile() && forged.has(name))) foreign.push(name);
    }
  };
  await walk('');
  return foreign;
}

const WRITE_VERBS: Record<string, string> = { mkdir: 'creating', mkdtemp: 'creating', open: 'writing', write: 'writing', rename: 'replacing', chmod: 'setting the mode of' };

/** A file-system refusal while writing (read-only disk, no permission, disk full) in one line. */
function writeProblem(out: string, error: unknown): string | undefined {
  const { code, syscall, path, message } = error as NodeJS.ErrnoException;
  if (typeof code !== 'string' || typeof syscall !== 'string' || !(syscall in WRITE_VERBS)) return undefined;
  // mkdtemp's path is forge's random staging name; the folder it was made in says more.
  const what = syscall === 'mkdtemp' && path ? `a folder in ${dirname(path)}` : (path ?? out);
  return `Expected --out ${out} to be a place forge can write, but ${WRITE_VERBS[syscall]} ${what} failed (${message.split(',')[0]})`;
}

/**
 * The folders above the output folders that do not exist yet, deepest first: forge makes them
 * (with several configs, --out itself), and removes them again if a run that is stopped or fails
 * leaves them empty.
 */
async function missingParents(outs: readonly string[]): Promise<string[]> {
  const missing = new Set<string>();
  for (const out of outs) {
    for (let path = dirname(resolve(out)); dirname(path) !== path && !missing.has(path); path = dirname(path)) {
      try {
        await stat(path);
        break;
      } catch {
        missing.add(path);
      }
    }
  }
  return [...missing].sort((a, b) => b.length - a.length);
}

/** rmdir removes only an empty folder: a set that was committed, or anything put there meanwhile, keeps its folder. */
async function removeIfEmpty(folders: readonly string[]): Promise<void> {
  for (const folder of folders) await rmdir(folder).catch(() => {});
}

function outputFolder(out: string, config: string, many: boolean): string {
  if (!many) return out;
  const file = basename(config, '.json');
  // Resolved: `creator.json` given from inside its folder has the dirname ".", which named --out
  // itself, so that set replaced the folder holding every other creator's.
  const name = file === 'creator' ? basename(dirname(resolve(config))) : file;
  // A config at the root (no folder name) or named ..json: a name that is not a folder of its own.
  return join(out, name === '' || name === '.' || name === '..' ? basename(config) : name);
}

/**
 * The options as given, each at most once (`--only` may repeat and adds up). parseArgs keeps the
 * last of a repeated option without a word: `--only favicon --only badges` forged badges alone
 * into the folder it replaced, and a second `--out` (a script's default, then the creator's) chose
 * which folder was replaced.
 */
function parseForgeArgs(args: string[]): { values: { out?: string; check: boolean; base: string; timeout: string; only?: string; confine: boolean; help: boolean }; positionals: string[] } | string {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      out: { type: 'string', short: 'o', multiple: true },
      check: { type: 'boolean', default: false },
      base: { type: 'string', multiple: true },
      timeout: { type: 'string', multiple: true },
      only: { type: 'string', multiple: true },
      confine: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  for (const name of ['out', 'base', 'timeout'] as const) {
    const given = values[name];
    if (given && given.length > 1) return `expected --${name} once but received it ${given.length} times (${given.map((value) => JSON.stringify(value)).join(', ')})`;
  }
  return {
    values: {
      ...(values.out ? { out: values.out[0]! } : {}),
      check: values.check!,
      base: values.base?.[0] ?? '/',
      timeout: values.timeout?.[0] ?? '10000',
      ...(values.only ? { only: values.only.join(',') } : {}),
      confine: values.confine!,
      help: values.help!,
    },
    positionals,
  };
}

async function forgeCommand(args: string[]): Promise<number> {
  const parsed = parseForgeArgs(args);
  if (typeof parsed === 'string') {
    say(parsed);
    return 1;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (positionals.length === 0 || !values.out) {
    process.stderr.write(`dropkit forge: expected at least one config and --out <dir>\n${USAGE}\n`);
    return 1;
  }
  const timeoutMs = Number(values.timeout);
  if (!(timeoutMs > 0)) {
    say(`expected --timeout in milliseconds but received ${JSON.stringify(values.timeout)}`);
    return 1;
  }
  // A relative base ("shop/") would make every page below the root ask for shop/favicon.svg
  // relative to itself, and the manifest's start_url point at shop/shop/; what else a base may not
  // hold (a query, a fragment, quotes) is the plan's one rule.
  if (!SERVED_FROM.test(values.base!) || UNSAFE_IN_BASE_PATH.test(values.base!)) {
    say(`expected --base to be the URL path the files are served from, starting with / (such as /shop/), or a full https:// address, but received ${JSON.stringify(values.base)}`);
    return 1;
  }
  const many = positionals.length > 1;
  const outs = positionals.map((config) => outputFolder(values.out!, config, many));
  // Compared without case: on macOS's and Windows' file systems `shops/Ada` and `shops/ada` are
  // one folder, where the two sets replaced each other and one creator got the other's icons. And
  // composed: macOS's also takes `café` typed as é and as e + U+0301 for one name.
  const folded = outs.map((out) => out.toLowerCase().normalize('NFC'));
  const second = folded.findIndex((out, index) => folded.indexOf(out) !== index);
  if (second >= 0) {
    const first = outs[folded.indexOf(folded[second]!)]!;
    const both = first === outs[second] ? first : `${first} and ${outs[second]!}, which macOS (and for letter case Windows) takes as one folder`;
    say(`two configs would both write ${both}; give them different file or folder names`);
    return 1;
  }

  // The renderer children start loading resvg now, while this process loads the core. A favicon
  // set is ten small images: one renderer draws them sooner than two can start.
  const cores = availableParallelism();
  const perConfig = values.only?.trim() === 'favicon' ? 1 : 2;
  const renderer = new IsolatedRenderer({ processes: Math.min(cores, positionals.length * perConfig), timeoutMs }).warm();
  try {
    return await forgeAll(positionals, outs, values, renderer);
  } finally {
    renderer.close();
  }
}

async function forgeAll(
  positionals: string[],
  outs: string[],
  values: { check?: boolean; base?: string; only?: string; confine?: boolean },
  renderer: IsolatedRenderer,
): Promise<number> {
  const [{ loadCreator }, { forgeStages }, { stageAtomically, restoreMovedAside }, { STAGE_LOADERS, loadStages }] = await Promise.all([
    import('./config/load.ts'),
    import('./forge-core.ts'),
    import('./shell/write.ts'),
    import('./plan/stage-registry.ts'),
  ]);
  const cores = availableParallelism();
  const many = positionals.length > 1;
  const known = Object.keys(STAGE_LOADERS);
  const only = values.only?.split(',').map((name) => name.trim()).filter(Boolean);
  const unknown = only?.find((name) => !known.includes(name));
  if (unknown !== undefined) {
    say(`expected --only to name stages among ${known.join(', ')} but received ${JSON.stringify(unknown)}`);
    return 1;
  }
  // `--only "$STAGES"` with the variable unset ran no stage: a set of forge.json, head.html and the
  // manifest, no icon, replaced the creator's whole folder with exit 0.
  if (only?.length === 0) {
    say(`expected --only to name stages among ${known.join(', ')} but received ${JSON.stringify(values.only)}, which names none`);
    return 1;
  }
  // The checker judges the favicon set: without it every run "failed" with five errors about files
  // --only left out, exit 1, after replacing the folder.
  if (values.check && only && !only.includes('favicon')) {
    say(`expected --only to include favicon with --check, which checks the favicon set, but received ${JSON.stringify(only.join(','))}; add favicon to --only or leave --check out`);
    return 1;
  }
  const stages = await loadStages(only ? known.filter((name) => only.includes(name)) : known);
  const tty = process.stdout.isTTY === true;
  const outcomes: CreatorOutcome[] = positionals.map((config, index) => ({ config, out: outs[index]!, hints: [] }));
  let done = 0;
  const progress = (text: string) => {
    if (tty) process.stdout.write(`\r\x1b[2K${text}`);
  };

  // Ctrl-C (or a service manager's SIGTERM) mid-run: remove the staging folders of the sets not
  // yet complete, and the folders forge made for them if that leaves them empty, so nothing half
  // written stays behind; let a set already being moved into place finish.
  const unfinished = new Set<ReturnType<typeof stageAtomically>>();
  const committing = new Set<Promise<void>>();
  const created = await missingParents(outs);
  let interrupted = false;
  const interrupt = (signal: NodeJS.Signals) => {
    if (interrupted) return;
    interrupted = true;
    if (tty) process.stdout.write('\r\x1b[2K');
    say(`stopped by ${signal}; nothing half written is left`);
    const aborts = [...unfinished].map((staged) => staged.then((write) => write.abort()).catch(() => {}));
    void Promise.allSettled([...aborts, ...committing])
      .then(() => removeIfEmpty(created))
      .finally(() => {
        renderer.close();
        process.exit(signal === 'SIGINT' ? 130 : 143);
      });
  };
  // `on`, not `once`: with no listener left, a second Ctrl-C (or a SIGTERM after the SIGINT) during
  // the cleanup took Node's default and killed forge mid-way, leaving a staging folder behind.
  process.on('SIGINT', interrupt);
  process.on('SIGTERM', interrupt);

  const runOne = async (outcome: CreatorOutcome) => {
    let staged: ReturnType<typeof stageAtomically> | undefined;
    try {
      // First, so that a run refused for its config or stopped too leaves the folder in place.
      outcome.restored = await restoreMovedAside(outcome.out);
      // A batch over strangers' uploads: "../other-shop/mark.svg" drew another creator's mark.
      const input = await loadCreator(outcome.config, values.confine ? { within: dirname(resolve(outcome.config)) } : {});
      const problem = await outputProblem(outcome.out, outcome.config);
      if (problem) throw new ForgeError('out-invalid', problem);
      if (interrupted) return;
      // Each file is written while the next ones are drawn; the set replaces the output folder
      // only once it is complete, and a bad config never creates anything.
      staged = stageAtomically(outcome.out);
      staged.catch(() => {});
      unfinished.add(staged);
      const adds: Promise<void>[] = [];
      let rendered = 0;
      const result = await forgeStages(input, stages, {
        renderer,
        basePath: values.base,
        onFile: (file) => {
          rendered += 1;
          // A name holds no control character (the schema), but may hold a bidi override.
          progress(printable(`[${done + 1}/${outcomes.length}] ${input.config.name}: ${file.name} (${rendered})`));
          const add = staged!.then((write) => write.add(file));
          add.catch(() => {}); // reported by Promise.all below, or moot once forging failed
          adds.push(add);
        },
      });
      // Shown only if the set is written, as every `note:` (the drawn images add theirs to adviceFor's).
      for (const advice of result.advice) outcome.hints.push(`${outcome.config}: ${advice}`);
      // Every file, forge.json included, came through onFile.
      await Promise.all(adds);
      const write = await staged;
      if (interrupted) return; // its staging folder is being removed: no commit after that
      // From here the set replaces the folder: an interruption waits for that rather than abort.
      unfinished.delete(staged);
      const commit = write.commit();
      committing.add(commit);
      await commit;
      outcome.files = result.files.map((file) => ({ name: file.name, size: file.width ? `${file.width}x${file.height}` : '', bytes: file.bytes.length }));
      if (values.check) {
        const { checkForgedFolder } = await import('./check/check.ts');
        outcome.check = await checkForgedFolder(outcome.out, values.base);
      }
    } catch (error) {
      const unwritable = writeProblem(outcome.out, error);
      outcome.aboutOut = unwritable !== undefined || (error instanceof ForgeError && error.code === 'out-invalid');
      outcome.error = unwritable ?? describeError(error);
      if (unwritable === undefined && !(error instanceof ForgeError) && error instanceof Error && error.stack) outcome.stack = true;
      if (staged) unfinished.delete(staged);
      await staged?.then((write) => write.abort()).catch(() => {});
    } finally {
      done += 1;
    }
  };

  // Keep every renderer process busy: a few creators in flight per core.
  const queue = [...outcomes];
  const lanes = Array.from({ length: Math.min(queue.length, cores * 2) }, async () => {
    for (let next = queue.shift(); next; next = queue.shift()) await runOne(next);
  });
  await Promise.all(lanes);
  await removeIfEmpty(created);
  progress('');
  if (tty) process.stdout.write('\r\x1b[2K');

  let failed = false;
  if (!many && outcomes[0]!.files) {
    const rows = [['file', 'size', 'bytes'], ...outcomes[0]!.files.map((file) => [file.name, file.size, String(file.bytes)])];
    const total = outcomes[0]!.files.reduce((sum, file) => sum + file.bytes, 0);
    rows.push(['total', '', String(total)]);
    process.stdout.write(`${table(rows)}\nwrote ${printable(outcomes[0]!.out)}\n`);
  } else if (many) {
    const rows = [['creator', 'folder', 'files', 'bytes']];
    for (const outcome of outcomes) {
      rows.push([outcome.config, outcome.out, outcome.files ? String(outcome.files.length) : 'failed', outcome.files ? formatBytes(outcome.files.reduce((sum, file) => sum + file.bytes, 0)) : '-']);
    }
    process.stdout.write(`${table(rows)}\n`);
  }
  for (const outcome of outcomes) {
    if (outcome.restored) {
      say(
        `${outcome.out} was missing: a run was stopped between moving the set there aside and putting its own in place; ` +
          `put back the set it had moved aside (${relative('', outcome.restored)})`,
      );
    }
    if (!outcome.error) for (const hint of outcome.hints) say(`note: ${hint}`);
    if (outcome.error) {
      failed = true;
      // Each failure says whose it is, as a config's own problems and every note do: a mark's
      // refusal names only its own file (mark.svg), the same name in every creator's folder, and a
      // renderer's only the image. Alone, a problem with --out is the command line's, as with
      // --only or --base; among several it says which creator's folder.
      const whose = (many || !outcome.aboutOut) && !namesConfig(outcome.error, outcome.config) ? `${outcome.config}: ` : '';
      say(`${whose}${outcome.error}`, outcome.stack);
    }
    if (outcome.check) {
      const { errors, warnings } = outcome.check;
      process.stdout.write(`check ${printable(outcome.out)}: ${errors.length} errors, ${warnings.length} warnings\n`);
      for (const message of [...errors.map((text) => `  error: ${text}`), ...warnings.map((text) => `  warning: ${text}`)]) process.stdout.write(`${printable(message)}\n`);
      if (errors.length > 0 || warnings.length > 0) failed = true;
    }
  }
  return failed ? 1 : 0;
}

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === '--version' || command === '-v') {
    process.stdout.write(`${FORGE_VERSION}\n`);
    return 0;
  }
  if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (command !== 'forge') {
    process.stderr.write(`${printable(`dropkit: unknown command ${JSON.stringify(command)}`)}\n${USAGE}\n`);
    return 1;
  }
  try {
    return await forgeCommand(rest);
  } catch (error) {
    say(error instanceof Error ? error.message : String(error));
    return 1;
  }
}

process.exitCode = await main(process.argv.slice(2));
