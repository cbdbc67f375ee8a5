import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { ForgeConfigError, SvgRejectedError } from '../errors.ts';
import { sanitizeSvg, DEFAULT_SVG_LIMITS, type SvgLimits } from '../svg/sanitize.ts';
import type { CreatorConfig, DarkPalette, ForgeInput, HexColor } from '../plan/types.ts';
import { assertValidConfig } from './validate.ts';

function normaliseHex(color: string): HexColor {
  const hex = color.slice(1).toLowerCase();
  return `#${hex.length === 3 ? [...hex].map((c) => c + c).join('') : hex}`;
}

function normalisePalette(palette: DarkPalette): DarkPalette {
  return {
    brand: normaliseHex(palette.brand),
    background: normaliseHex(palette.background),
    ...(palette.ink ? { ink: normaliseHex(palette.ink) } : {}),
  };
}

/** Validates a parsed config and sanitizes the marks it names; `readSource` supplies their bytes. */
export async function prepareInput(
  raw: unknown,
  readSource: (path: string, field: 'mark' | 'glyph' | 'monogram') => Promise<Uint8Array>,
  options: { source?: string; limits?: SvgLimits } = {},
): Promise<ForgeInput> {
  const config = assertValidConfig<CreatorConfig>(raw, options.source);
  const limits = options.limits ?? DEFAULT_SVG_LIMITS;
  const mark = sanitizeSvg(await readSource(config.mark, 'mark'), config.mark, limits, 'mark');
  const glyph = config.glyph ? sanitizeSvg(await readSource(config.glyph, 'glyph'), config.glyph, limits, 'glyph') : mark;
  const monogram = config.monogram ? sanitizeSvg(await readSource(config.monogram, 'monogram'), config.monogram, limits, 'monogram') : undefined;
  return {
    config: {
      ...config,
      shortName: config.shortName ?? config.name,
      colors: {
        ...normalisePalette(config.colors),
        ...(config.colors.dark ? { dark: normalisePalette(config.colors.dark) } : {}),
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
  // V8 gives no position for some errors ("[1,]"); a trailing comma is then found by scanning.
  const offset = position ? Number(position[1]) : trailingCommaAt(text);
  if (offset === undefined) {
    if (/end of JSON input/.test(parserMessage)) return 'Expected JSON but the file ends too soon (a closing } or ] or " is missing)';
    return `Expected JSON (${parserMessage.length > 120 ? `${parserMessage.slice(0, 120)}…` : parserMessage})`;
  }
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  const column = offset - before.lastIndexOf('\n');
  const where = `line ${line}, column ${column}`;
  if (offset >= text.length) return `Expected JSON but the file ends too soon at ${where} (a closing } or ] or " is missing)`;
  if (/,\s*$/.test(before) && /^[}\]]/.test(text.slice(offset))) {
    return `Expected JSON but there is a comma before the ${JSON.stringify(text[offset])} at ${where}: remove it, JSON allows no comma after the last entry`;
  }
  const reason = parserMessage.replace(/ after JSON at position \d+.*$/s, ' after the end of the config').replace(/ in JSON at position \d+.*$/s, '');
  return `Expected JSON but ${where} has ${JSON.stringify(text[offset])} (${reason})`;
}

/**
 * Reads creator.json and the files it names (relative to it). Reads only; writes nothing.
 * `onRead` hears the absolute path of each file as it is about to be read, whether the read then
 * succeeds or not: exactly what the result depends on, so a watcher (the Vite plugin) follows the
 * config as it changes instead of keeping its own list of the fields that name files.
 */
export async function loadCreator(configPath: string, options: { limits?: SvgLimits; onRead?: (file: string) => void } = {}): Promise<ForgeInput> {
  let text: string;
  options.onRead?.(resolve(configPath));
  try {
    text = await readFile(configPath, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'there is no such file' : code === 'EISDIR' ? 'it is a folder (name the creator.json inside it)' : `it cannot be read (${code ?? 'unreadable'})`;
    throw new ForgeConfigError(`Expected a readable config file at ${configPath} but ${why}`);
  }
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
  return prepareInput(
    raw,
    async (path, field) => {
      const file = resolve(base, path);
      options.onRead?.(file);
      let bytes: Buffer;
      try {
        bytes = await readFile(file);
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        const why = code === 'ENOENT' ? `does not exist (looked for ${file})` : code === 'EISDIR' ? `is a folder (${file})` : `cannot be read (${code ?? 'unreadable'}: ${file})`;
        throw new ForgeConfigError(`Expected ${field} to name a readable file relative to ${configPath} but ${JSON.stringify(path)} ${why}`);
      }
      // The sanitizer refuses it too, but would only see the bytes it is handed: say the real size.
      if (bytes.length > maxBytes) throw new SvgRejectedError('svg-too-large', `${path}: Expected at most ${maxBytes} bytes but received ${bytes.length}`);
      return bytes;
    },
    { source: configPath, limits: options.limits },
  );
}
