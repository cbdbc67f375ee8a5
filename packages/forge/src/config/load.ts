import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { ForgeConfigError } from '../errors.ts';
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
  const mark = sanitizeSvg(await readSource(config.mark, 'mark'), config.mark, limits);
  const glyph = config.glyph ? sanitizeSvg(await readSource(config.glyph, 'glyph'), config.glyph, limits) : mark;
  const monogram = config.monogram ? sanitizeSvg(await readSource(config.monogram, 'monogram'), config.monogram, limits) : undefined;
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

/** Reads creator.json and the files it names (relative to it). Reads only; writes nothing. */
export async function loadCreator(configPath: string, options: { limits?: SvgLimits } = {}): Promise<ForgeInput> {
  let text: string;
  try {
    text = await readFile(configPath, 'utf8');
  } catch (error) {
    throw new ForgeConfigError(`Expected a readable config file at ${configPath} (${(error as NodeJS.ErrnoException).code ?? 'unreadable'})`);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new ForgeConfigError(`${configPath}: expected JSON (${(error as Error).message})`);
  }
  const base = dirname(resolve(configPath));
  const maxBytes = (options.limits ?? DEFAULT_SVG_LIMITS).maxBytes;
  return prepareInput(
    raw,
    async (path, field) => {
      try {
        const bytes = await readFile(resolve(base, path));
        // Over-long files are refused by the sanitizer with its own message; no need to hold more.
        return bytes.length > maxBytes + 1 ? bytes.subarray(0, maxBytes + 1) : bytes;
      } catch (error) {
        throw new ForgeConfigError(`Expected ${field} to name a readable file relative to ${configPath} but ${JSON.stringify(path)} is ${(error as NodeJS.ErrnoException).code ?? 'unreadable'}`);
      }
    },
    { source: configPath, limits: options.limits },
  );
}
