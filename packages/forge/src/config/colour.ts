import type { HexColor } from '../plan/types.ts';
import { hexOfColour } from '../svg/colours.ts';
import { SYSTEM_COLOURS, validForProperty } from '../svg/css-values.ts';

/**
 * creator.json's colours, read by the sanitizer's converter (so a colour reads the same in the
 * config as in the mark) and taken only where they can be a manifest's theme colour and an opaque
 * icon tile. Refused with a reason: what names no one colour outside a page (a variable, the text's
 * colour, a device's own) and what would leave forge to guess what shows through.
 */
export type ConfigColour = { hex: HexColor } | { refused: string | undefined };

/** CSS identifiers of a value, with whether each opens a function; not the digits of a hex or a number's unit. */
function identifiersOf(value: string): { word: string; call: boolean }[] {
  return [...value.toLowerCase().matchAll(/(?<![\w#.%-])-*[a-z_][a-z0-9_-]*(\s*\()?/gu)].map((match) => ({
    word: match[0].replace(/\s*\($/u, ''),
    call: match[1] !== undefined,
  }));
}

/**
 * `field` is the path a message names (`colors.dark.brand`). `refused` is what follows the received
 * value in the message, undefined where the value is no colour at all.
 */
export function readConfigColour(value: string, field: string): ConfigColour {
  const identifiers = identifiersOf(value);
  const has = (test: (item: { word: string; call: boolean }) => boolean) => identifiers.some(test);
  if (has((item) => item.call && item.word === 'var')) {
    return { refused: ", a CSS variable, which has no value outside a page's style sheet: write the colour itself" };
  }
  if (has((item) => item.call && item.word === 'light-dark')) {
    // colors.dark is the dark mode's palette: a pick there has already been made.
    const dark = field.startsWith('colors.dark.');
    return {
      refused: dark
        ? ', a light and a dark colour in one: write the dark one here (colors.dark is the dark-mode palette)'
        : `, a light and a dark colour in one: write the light one here and the dark one as ${field.replace(/^colors\./u, 'colors.dark.')}`,
    };
  }
  if (has((item) => !item.call && item.word === 'currentcolor')) {
    return { refused: ', the colour of the text around an element, which a config has none of: write the colour itself' };
  }
  if (has((item) => item.call && ['random', 'sibling-index', 'sibling-count'].includes(item.word))) {
    // A mark with one is refused too (svg/colours.ts): Chromium gives each element of a page its own value.
    return { refused: ', a colour that changes with the page around an element, which a config has none of: write the colour itself' };
  }
  if (has((item) => !item.call && SYSTEM_COLOURS.has(item.word))) {
    return { refused: ', a system colour, which each device and theme paints its own way: write the colour itself' };
  }
  // colorjs.io reads more than Chromium does (hsl(1,2,3), a share past 100%, a fourth channel): the
  // sanitizer's check first, so a colour reads the same here as in a mark.
  const hex = validForProperty('color', value) ? hexOfColour(value) : undefined;
  if (hex === undefined) return { refused: undefined };
  if (hex.length !== 7) {
    // A home-screen tile is drawn opaque and browsers paint theme-color without alpha: what would
    // show through is not forge's to choose.
    const seeThrough = hex.endsWith('00') && hex.length === 9 ? 'transparent' : 'translucent';
    return { refused: `, which is ${seeThrough}, but a home-screen icon's background and a browser's theme colour are opaque: write an opaque colour` };
  }
  return { hex: hex as HexColor };
}

/** The `#rrggbb` of a colour validation has accepted. */
export function configHex(value: string, field: string): HexColor {
  const read = readConfigColour(value, field);
  if (!('hex' in read)) throw new Error(`${field}: ${JSON.stringify(value)} was not validated as a colour`);
  return read.hex;
}
