/**
 * Typed errors: a shell maps any of these to exit code 1 and one line; anything else is a bug in
 * forge and keeps its stack trace.
 */
export class ForgeError extends Error {
  /** Stable machine-readable kind, e.g. `svg-not-svg`, `render-timeout`. */
  readonly code: string;
  constructor(code: string, message: string) {
    super(message);
    this.name = new.target.name;
    this.code = code;
  }
}

/** The creator config does not match the schema, or a file it names cannot be read. */
export class ForgeConfigError extends ForgeError {
  readonly problems: readonly string[];
  constructor(message: string, problems: readonly string[] = [message]) {
    super('config-invalid', message);
    this.problems = problems;
  }
}

export const SVG_ERROR_CODES = [
  'svg-not-svg',
  'svg-malformed',
  'svg-too-large',
  'svg-doctype',
  'svg-forbidden-element',
  'svg-forbidden-attribute',
  'svg-forbidden-href',
  'svg-too-many-elements',
  'svg-too-deep',
  'svg-bad-size',
  'svg-use-amplification',
  'svg-empty',
  'svg-text-unsupported',
] as const;
export type SvgErrorCode = (typeof SVG_ERROR_CODES)[number];

/**
 * The mark or glyph was refused by the sanitizer: unsafe or out of limits, or safe but not drawable
 * faithfully (`svg-empty`: nothing visible; `svg-text-unsupported`: text in characters the bundled
 * font has no glyph for).
 */
export class SvgRejectedError extends ForgeError {
  declare readonly code: SvgErrorCode;
  constructor(code: SvgErrorCode, message: string) {
    super(code, message);
  }
}

/**
 * The refusal for a mark, glyph or monogram that showed in no pixel of an image forge drew of it
 * (`image`: "512x512 icon"). The structural check in svg/sanitize.ts names a reason when it can;
 * what reaches the pixels hid itself in ways a tree walk does not follow, so this says where to
 * look instead. Here so every stage that judges pixels words it alike. `blank` says what "showed
 * nothing" meant in that image: transparent for a picture drawn alone, but the live favicon also
 * holds its dot and the verified badge draws the glyph on a tile.
 */
export function blankRefusal(
  field: 'mark' | 'glyph' | 'monogram',
  file: string,
  image: string,
  blank = 'every pixel came out transparent',
): SvgRejectedError {
  return new SvgRejectedError(
    'svg-empty',
    `${field}: ${file} draws nothing: Expected some of it to show in its ${image}, but ${blank}; ` +
      'check whether every shape is hidden by a style, a mask or clip, shown only for another language (<switch>), or lies outside the viewBox',
  );
}

export const RENDER_ERROR_CODES = ['render-timeout', 'render-crashed', 'render-failed'] as const;
export type RenderErrorCode = (typeof RENDER_ERROR_CODES)[number];

/** The isolated renderer ran out of time, died, or refused the image. */
export class RenderError extends ForgeError {
  declare readonly code: RenderErrorCode;
  constructor(code: RenderErrorCode, message: string) {
    super(code, message);
  }
}
