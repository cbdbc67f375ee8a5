import { constants, type Stats } from 'node:fs';
import { open, realpath } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { ForgeConfigError, SvgRejectedError } from '../errors.ts';
import { sanitizeSvg, DEFAULT_SVG_LIMITS, type SvgLimits } from '../svg/sanitize.ts';
import type { CreatorConfig, DarkPalette, ForgeInput } from '../plan/types.ts';
import { configHex } from './colour.ts';
import { assertValidConfig } from './validate.ts';
import { isWithin } from '../within.ts';

/** The palette as creator.json writes it: any colour validation accepts (`oklch(62% 0.2 25)`, `navy`, `#f36`). */
type WrittenPalette = { brand: string; background: string; ink?: string };
type WrittenConfig = Omit<CreatorConfig, 'colors'> & { colors: WrittenPalette & { dark?: WrittenPalette } };

/**
 * The one place the config's colours become forge's own: lower-case `#rrggbb`, the hex Chromium
 * paints, so the manifest, the head, the tiles, the dark palette and the advice all read one form.
 */
function normalisePalette(palette: WrittenPalette, at: string): DarkPalette {
  return {
    brand: configHex(palette.brand, `${at}.brand`),
    background: configHex(palette.background, `${at}.background`),
    ...(palette.ink ? { ink: configHex(palette.ink, `${at}.ink`) } : {}),
  };
}

/** Validates a parsed config and sanitizes the marks it names; `readSource` supplies their bytes. */
export async function prepareInput(
  raw: unknown,
  readSource: (path: string, field: 'mark' | 'glyph' | 'monogram') => Promise<Uint8Array>,
  options: { source?: string; limits?: SvgLimits } = {},
): Promise<ForgeInput> {
  const config = assertValidConfig<WrittenConfig>(raw, options.source);
  const limits = options.limits ?? DEFAULT_SVG_LIMITS;
  const mark = sanitizeSvg(await readSource(config.mark, 'mark'), config.mark, limits, 'mark');
  const glyph = config.glyph ? sanitizeSvg(await readSource(config.glyph, 'glyph'), config.glyph, limits, 'glyph') : mark;
  const monogram = config.monogram ? sanitizeSvg(await readSource(config.monogram, 'monogram'), config.monogram, limits, 'monogram') : undefined;
  return {
    config: {
      ...config,
      shortName: config.shortName ?? config.name,
      colors: {
        ...normalisePalette(config.colors, 'colors'),
        ...(config.colors.dark ? { dark: normalisePalette(config.colors.dark, 'colors.dark') } : {}),
      },
    },
    mark,
    glyph,
    ...(monogram ? { monogram } : {}),
  };
}

/** Where a comma stands right before a closing } or ] outside strings (JavaScript allows it, JSON does not). */
function trailingCommaAt(text: string): number | undefined {
  let inString = false;
  let lastComma = -1;
  for (let index = 0; index < text.length; index += 1) {
    const char = text[index]!;
    if (inString) {
      if (char === '\\') index += 1;
      else if (char === '"') inString = false;
    } else if (char === '"') {
      inString = true;
      lastComma = -1;
    } else if (char === ',') lastComma = index;
    else if ((char === '}' || char === ']') && lastComma >= 0) return index;
    else if (!/\s/.test(char)) lastComma = -1;
  }
  return undefined;
}

/**
 * Says where a config stops being JSON as an editor would (line and column, not a byte offset),
 * and names the usual culprit: a comma after the last entry.
 */
export function jsonProblem(text: string, parserMessage: string): string {
  if (text.trim() === '') return 'Expected JSON but the file is empty';
  const position = /at position (\d+)/.exec(parserMessage);
  // V8 gives no position for some errors: "[1,]" (a trailing comma, then found by scanning) and a
  // text that starts wrong, such as a comment on its first line.
  const offset = position ? Number(position[1]) : /^\s*\/[/*]/.test(text) ? text.search(/\//) : trailingCommaAt(text);
  if (offset === undefined) {
    if (/end of JSON input/.test(parserMessage)) return 'Expected JSON but the file ends too soon (a closing } or ] or " is missing)';
    return `Expected JSON (${parserMessage.length > 120 ? `${parserMessage.slice(0, 120)}…` : parserMessage})`;
  }
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  const column = offset - before.lastIndexOf('\n');
  const where = `line ${line}, column ${column}`;
  if (offset >= text.length) return `Expected JSON but the file ends too soon at ${where} (a closing } or ] or " is missing)`;
  // Editors that write JSONC (VS Code's settings, tsconfig) let people comment a config; JSON has none.
  if (/^\/[/*]/.test(text.slice(offset))) {
    return `Expected JSON but a comment starts at ${where}: remove it (and any other), JSON allows no comments`;
  }
  if (/,\s*$/.test(before) && /^[}\]]/.test(text.slice(offset))) {
    return `Expected JSON but there is a comma before the ${JSON.stringify(text[offset])} at ${where}: remove it, JSON allows no comma after the last entry`;
  }
  const reason = parserMessage.replace(/ after JSON at position \d+.*$/s, ' after the end of the config').replace(/ in JSON at position \d+.*$/s, '');
  return `Expected JSON but ${where} has ${JSON.stringify(text[offset])} (${reason})`;
}

/** A config is a few hundred bytes; this only keeps a file named by mistake from being read whole. */
export const CONFIG_MAX_BYTES = 1024 * 1024;

/** What a path names when it is not a file forge can read to its end: a folder, a FIFO, a device. */
function notAFile(info: Stats): string | undefined {
  if (info.isFile()) return undefined;
  if (info.isDirectory()) return 'folder';
  if (info.isFIFO()) return 'named pipe (FIFO)';
  if (info.isSocket()) return 'socket';
  if (info.isCharacterDevice() || info.isBlockDevice()) return 'device';
  return 'special file';
}

type BoundedRead = { bytes: Buffer } | { notAFile: string } | { tooLarge: string };

/**
 * Reads a regular file of at most `maxBytes`, or says why not, without reading past the limit.
 * The paths come from a creator's config (a marketplace forges strangers' uploads), so one may name
 * /dev/zero, a FIFO or a huge file: `readFile` would read the first until memory runs out, block
 * on the second for good (in a libuv thread, which then keeps even `process.exit` from returning)
 * and read the third whole before the size check saw it.
 */
export async function readBounded(path: string, maxBytes: number): Promise<BoundedRead> {
  // O_NONBLOCK: opening a FIFO that has no writer returns at once instead of waiting for one.
  // It changes nothing for a regular file. (Windows has no such flag, nor FIFOs in the file system.)
  let handle;
  try {
    handle = await open(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (error) {
    // Linux opens a folder and stat says so below; other systems refuse to open one.
    if ((error as NodeJS.ErrnoException).code === 'EISDIR') return { notAFile: 'folder' };
    throw error;
  }
  try {
    const info = await handle.stat();
    const kind = notAFile(info);
    if (kind) return { notAFile: kind };
    if (info.size > maxBytes) return { tooLarge: String(info.size) };
    // The size is not trusted (the file may grow meanwhile; /proc reports 0): read at most one
    // byte past the limit, which is enough to know it is over.
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.allocUnsafe(Math.min(64 * 1024, maxBytes + 1 - total));
      const { bytesRead } = await handle.read(chunk, 0, chunk.length, null);
      if (bytesRead === 0) break;
      chunks.push(chunk.subarray(0, bytesRead));
      total += bytesRead;
      if (total > maxBytes) return { tooLarge: `more than ${maxBytes}` };
    }
    return { bytes: Buffer.concat(chunks, total) };
  } finally {
    await handle.close();
  }
}

/**
 * The config's text, or a refusal naming where it stops being UTF-8. Decoded loosely, a config saved
 * as Windows-1252 ("Café" from an older Windows editor) became "Caf\uFFFD" in the manifest, the head
 * snippet and the badges, with exit 0; one saved as UTF-16 (Notepad's "Unicode") gave V8's message
 * about an unexpected "\uFFFD".
 */
function decodeConfig(bytes: Buffer, configPath: string): string {
  const resave = 'save it again as UTF-8 (Notepad: File, Save as, Encoding: UTF-8)';
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    throw new ForgeConfigError(`${configPath}: Expected a config saved as UTF-8 but it is saved as UTF-16; ${resave}`);
  }
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    const loose = bytes.toString('utf8').replace(/^\uFEFF/, '');
    const before = loose.slice(0, loose.indexOf('\uFFFD'));
    const where = `line ${before.split('\n').length}, column ${before.length - before.lastIndexOf('\n')}`;
    throw new ForgeConfigError(`${configPath}: Expected a config saved as UTF-8 but ${where} holds a byte that is not UTF-8 (saved in another encoding, such as Windows-1252); ${resave}`);
  }
}

/** Whether `path` lies inside the folder `root`, not the folder itself. */
function isInside(root: string, path: string): boolean {
  return path !== root && isWithin(path, root);
}

export interface LoadOptions {
  limits?: SvgLimits;
  onRead?: (file: string) => void;
  /**
   * A folder every file the config names must lie in, links followed (a marketplace's folder for
   * the one upload). Without it a config may name any file its reader can read, `../` and absolute
   * paths included: a creator's own layout (`"mark": "../assets/logo.svg"`).
   */
  within?: string;
}

/**
 * Reads creator.json and the files it names (relative to it). Reads only; writes nothing.
 * `onRead` hears the absolute path of each file as it is about to be read, whether the read then
 * succeeds or not: exactly what the result depends on, so a watcher (the Vite plugin) follows the
 * config as it changes instead of keeping its own list of the fields that name files.
 */
export async function loadCreator(configPath: string, options: LoadOptions = {}): Promise<ForgeInput> {
  let read: BoundedRead;
  options.onRead?.(resolve(configPath));
  try {
    read = await readBounded(configPath, CONFIG_MAX_BYTES);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'there is no such file' : `it cannot be read (${code ?? 'unreadable'})`;
    throw new ForgeConfigError(`Expected a readable config file at ${configPath} but ${why}`);
  }
  if ('notAFile' in read) {
    const why = read.notAFile === 'folder' ? 'it is a folder (name the creator.json inside it)' : `it is a ${read.notAFile}, not a file`;
    throw new ForgeConfigError(`Expected a readable config file at ${configPath} but ${why}`);
  }
  if ('tooLarge' in read) throw new ForgeConfigError(`Expected a config file of at most ${CONFIG_MAX_BYTES} bytes at ${configPath} but it holds ${read.tooLarge}`);
  const text = decodeConfig(read.bytes, configPath);
  // Windows editors (Notepad among them) save UTF-8 with a byte order mark, which JSON.parse refuses.
  const json = text.replace(/^\uFEFF/, '');
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch (error) {
    throw new ForgeConfigError(`${configPath}: ${jsonProblem(json, (error as Error).message)}`);
  }
  const base = dirname(resolve(configPath));
  const maxBytes = (options.limits ?? DEFAULT_SVG_LIMITS).maxBytes;
  const within = options.within === undefined ? undefined : resolve(options.within);
  // Resolved once, links included (a /tmp that is a link on macOS), for the files' own real paths.
  let realWithin: Promise<string> | undefined;
  return prepareInput(
    raw,
    async (path, field) => {
      let file = resolve(base, path);
      // A stranger's "../other-shop/mark.svg" drew another creator's unreleased mark into their
      // icons; an outside path is refused before it is looked at, so a missing file outside says
      // nothing about what exists there either.
      const outside = (why: string) => new ForgeConfigError(`Expected ${field} to name a file inside the folder forge may read (within) but ${JSON.stringify(path)} ${why}`);
      if (within !== undefined && !isInside(within, file)) throw outside('lies outside it');
      options.onRead?.(file);
      if (within !== undefined) {
        const real = await realpath(file).catch(() => undefined);
        if (real !== undefined) {
          realWithin ??= realpath(within).catch(() => within);
          if (!isInside(await realWithin, real)) throw outside('is a link to a file outside it');
          // Read where the check looked, not through links that might change meanwhile.
          file = real;
        }
      }
      const refuse = (why: string) => new ForgeConfigError(`Expected ${field} to name a readable file relative to ${configPath} but ${JSON.stringify(path)} ${why}`);
      let read: BoundedRead;
      try {
        read = await readBounded(file, maxBytes);
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        throw refuse(code === 'ENOENT' ? `does not exist (looked for ${file})` : `cannot be read (${code ?? 'unreadable'}: ${file})`);
      }
      if ('notAFile' in read) throw refuse(read.notAFile === 'folder' ? `is a folder (${file})` : `is a ${read.notAFile}, not a file (${file})`);
      // The sanitizer refuses it too, but would only see the bytes it is handed: say the real size.
      if ('tooLarge' in read) throw new SvgRejectedError('svg-too-large', `${path}: Expected at most ${maxBytes} bytes but received ${read.tooLarge}`);
      return read.bytes;
    },
    { source: configPath, limits: options.limits },
  );
}
