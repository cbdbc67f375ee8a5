import { afterAll, describe, expect, it } from 'vitest';
import sharp from 'sharp';
import { adviceFor, faintAdvice } from './advice.ts';
import { badgeStage } from './badge/stage.ts';
import { prepareInput } from './config/load.ts';
import { faviconStage } from './favicon/stage.ts';
import { forge } from './forge.ts';
import type { CreatorConfig, ForgeStage, RenderContext } from './plan/types.ts';
import { IsolatedRenderer } from './render/isolated.ts';
import { socialStage } from './social/social-card.ts';
import { inputFromMark, MARKS, testConfig } from './testing/marks.ts';

const square = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><rect width="10" height="10"/></svg>';

describe('adviceFor', () => {
  it('has nothing to say about a square mark drawn with shapes', async () => {
    expect(adviceFor(await inputFromMark(square))).toEqual([]);
  });

  it('advises a glyph for a mark wider than 2:1, and none once the config names one', async () => {
    const wide = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 30 10"><rect width="30" height="10"/></svg>';
    expect(adviceFor(await inputFromMark(wide))).toEqual([expect.stringMatching(/^the mark is 3\.0:1 and the config names no glyph/)]);
    expect(adviceFor(await inputFromMark(wide, { glyph: 'mark.svg', homeScreen: 'glyph' }))).toEqual([]);
  });

  it('suggests the glyph for the home-screen icons when a mark wider than 2:1 has one, and nothing once it is there', async () => {
    const wide = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 30 10"><rect width="30" height="10"/></svg>';
    const note =
      "the mark is 3.0:1, so the home-screen icons (apple-touch-icon, the manifest's 192, 512, maskable and monochrome) " +
      'show the whole mark as a thin strip in a square tile; to draw your glyph there instead, add "homeScreen": "glyph"';
    expect(adviceFor(await inputFromMark(wide, { glyph: 'glyph.svg' }))).toEqual([note]);
    expect(adviceFor(await inputFromMark(wide, { glyph: 'glyph.svg', homeScreen: 'mark' }))).toEqual([note]);
    expect(adviceFor(await inputFromMark(wide, { glyph: 'glyph.svg', homeScreen: 'glyph' }))).toEqual([]);
    // Without a glyph the existing note says what to add first; this one would only repeat it.
    expect(adviceFor(await inputFromMark(wide))).toEqual([expect.stringMatching(/config names no glyph/)]);
    // Exactly 2:1 is not wide enough to say anything.
    const twoToOne = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 20 10"><rect width="20" height="10"/></svg>';
    expect(adviceFor(await inputFromMark(twoToOne, { glyph: 'glyph.svg' }))).toEqual([]);
  });

  it('says when the mark is a whole page, and how to crop it', async () => {
    const page = '<svg xmlns="http://www.w3.org/2000/svg" width="210mm" height="297mm" viewBox="0 0 210 297"><circle cx="105" cy="148" r="20"/></svg>';
    expect(adviceFor(await inputFromMark(page))).toEqual([
      'the mark is a whole A4 page, and forge fits the page, not the drawing on it, so the icons show it small in wide margins; ' +
        'crop the page to the drawing before you save (Inkscape: Edit → Resize Page to Selection; Illustrator: Object → Artboards → Fit to Artwork Bounds)',
    ]);
  });

  it("says that a mark's own dark-mode styles are left out, and what makes the dark versions instead", async () => {
    const darkAware = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><style>rect{fill:#112233}@media (prefers-color-scheme: dark){rect{fill:#ffffff}}</style><rect width="10" height="10"/></svg>';
    expect(adviceFor(await inputFromMark(darkAware))).toEqual([
      "the mark's own dark-mode styles (@media (prefers-color-scheme: dark)) are left out: forge makes the dark versions from colors.dark",
    ]);
    expect(adviceFor(await inputFromMark(darkAware, { colors: { brand: '#112233', background: '#ffffff' } }))).toEqual([
      "the mark's own dark-mode styles (@media (prefers-color-scheme: dark)) are left out: forge makes the dark versions from colors.dark, " +
        'which this config does not set, so there are none; to have them, add "dark": {"brand": …, "background": …} to "colors"',
    ]);
  });

  it('names each typeface forge does not have, once', async () => {
    const text = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><text font-family="Montserrat">N</text><text font-family="Montserrat, sans-serif">T</text></svg>';
    expect(adviceFor(await inputFromMark(text))).toEqual([expect.stringMatching(/^text set in Montserrat is drawn in DejaVu Sans/)]);
  });
});

/**
 * What only the drawn images show: forge() measures the drawing on an icon it draws anyway (the
 * renderer child reads the pixels it holds) and adds the advice to its result's `advice`.
 */
describe('a drawing that fills little of its canvas (forge(), real renders)', () => {
  const renderer = new IsolatedRenderer({ processes: 1 });
  afterAll(() => renderer.close());
  const forgeFavicons = async (mark: string, { glyphSvg, ...overrides }: Partial<CreatorConfig> & { glyphSvg?: string } = {}, context: RenderContext = renderer) => {
    const input = await prepareInput(testConfig({ mark: 'mark.svg', ...overrides }), async (path) => new TextEncoder().encode(path === 'glyph.svg' ? (glyphSvg ?? mark) : mark));
    return forge(input, { renderer: context, stages: [faviconStage] });
  };
  // A 1000-unit artboard with the logo 300 units wide in its middle: 30 % of the canvas each way.
  const padded = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1000 1000"><circle cx="500" cy="500" r="150" fill="#1b1b3a"/></svg>';
  const small = (field: string, width: number, height = width) =>
    `the drawing fills only ${width} % of the ${field}'s width and ${height} % of its height, and forge fits the whole canvas (the viewBox), ` +
    'not the drawing on it, so the icons show it small in wide margins; unless the space is meant, crop the canvas to the drawing before you save ' +
    '(Inkscape: Edit → Resize Page to Selection; Illustrator: Object → Artboards → Fit to Artwork Bounds)';

  it('says so for a mark whose drawing spans 30 % of its canvas, with the shares measured', async () => {
    // Measured on favicon-96x96.png: the circle's 25.2 px in the mark's 84 px box are 26 pixels
    // across and 25 down that it covers at least half (the renderer's pixel grid is not centred on it).
    expect((await forgeFavicons(padded)).advice).toEqual([small('mark', 31, 30)]);
  });

  /**
   * A glow: the logo's own shape over a blurred copy of it (stdDeviation 100 units in 1000, its
   * filter region wide enough to keep the tail). Its faint tail reaches about three deviations
   * beyond the shape: across 81 % of the canvas for the padded one.
   */
  const glowing = (r: number) =>
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1000 1000"><defs><filter id="glow" x="-2" y="-2" width="5" height="5">' +
    '<feGaussianBlur stdDeviation="100"/></filter></defs>' +
    `<circle cx="500" cy="500" r="${r}" fill="#ff3366" filter="url(#glow)"/><circle cx="500" cy="500" r="${r}" fill="#1b1b3a"/></svg>`;

  it('measures the drawing, not the faint tail of its glow: a padded logo with a glow is advised, a full one is not', async () => {
    const glow = await forgeFavicons(glowing(150));
    // The tail is there, faint: the measure used to count every pixel above alpha 0 (68 of the 84 px
    // box, 81 %) and said nothing.
    const icon = glow.files.find((file) => file.name === 'favicon-96x96.png')!;
    const { data, info } = await sharp(icon.bytes).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
    const alphaAt = (x: number, y: number) => data[(y * info.width + x) * 4 + 3]!;
    expect(alphaAt(14, 48)).toBeGreaterThan(0);
    expect(alphaAt(30, 48)).toBeLessThan(128);
    expect(glow.advice).toEqual([small('mark', 31)]);
    expect((await forgeFavicons(glowing(450))).advice).toEqual([]);
  });

  it('measures a drawing that is faint all over against its own strongest pixel', async () => {
    const faint = padded.replace('fill="#1b1b3a"', 'fill="#1b1b3a" fill-opacity="0.3"');
    expect((await forgeFavicons(faint)).advice).toEqual([small('mark', 31)]);
  });

  it('says nothing once the same drawing is cropped to its canvas', async () => {
    const cropped = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="350 350 300 300"><circle cx="500" cy="500" r="150" fill="#1b1b3a"/></svg>';
    expect((await forgeFavicons(cropped)).advice).toEqual([]);
  });

  it('says nothing about a thin drawing that spans its canvas (a line across, a bar down)', async () => {
    const across = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100"><rect y="49" width="100" height="2"/></svg>';
    const down = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100"><rect x="49" width="2" height="100"/></svg>';
    expect((await forgeFavicons(across)).advice).toEqual([]);
    expect((await forgeFavicons(down)).advice).toEqual([]);
  });

  it('gives a whole paper page its one sentence, not a second one about the same margins', async () => {
    const page = '<svg xmlns="http://www.w3.org/2000/svg" width="210mm" height="297mm" viewBox="0 0 210 297"><circle cx="105" cy="148" r="20"/></svg>';
    expect((await forgeFavicons(page)).advice).toEqual([expect.stringMatching(/^the mark is a whole A4 page, and forge fits the page/)]);
  });

  it('says so for the glyph too, measured on its 48 px favicon, on the home screen or not', async () => {
    // A disc: a full square would be one solid tile in the monochrome icon, a note of its own.
    const square = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><circle cx="5" cy="5" r="5"/></svg>';
    // At 48 px the glyph's box (42 px) holds the circle's 12.6 px in 12 pixels it covers at least half.
    expect((await forgeFavicons(square, { glyph: 'glyph.svg', glyphSvg: padded })).advice).toEqual([small('glyph', 29)]);
    expect((await forgeFavicons(square, { glyph: 'glyph.svg', glyphSvg: padded, homeScreen: 'glyph' })).advice).toEqual([small('glyph', 29)]);
    // Both padded: one sentence each, the mark's first.
    expect((await forgeFavicons(padded, { glyph: 'glyph.svg', glyphSvg: padded })).advice).toEqual([small('mark', 31, 30), small('glyph', 29)]);
  });

  it('changes no byte: a renderer that cannot measure gives the same files, without that advice', async () => {
    const measured = await forgeFavicons(padded, { glyph: 'glyph.svg', glyphSvg: padded });
    const plain: RenderContext = { rasterize: (job, options) => renderer.rasterize(job, options), rasterizeAll: (jobs, options) => renderer.rasterizeAll(jobs, options) };
    const unmeasured = await forgeFavicons(padded, { glyph: 'glyph.svg', glyphSvg: padded }, plain);
    expect(unmeasured.files.map((file) => [file.name, file.sha256])).toEqual(measured.files.map((file) => [file.name, file.sha256]));
    expect(unmeasured.advice).toEqual([]);
  });
});

/**
 * A logo on an opaque backdrop, as Figma exports a frame with a fill: the monochrome manifest icon
 * keeps only its shape, one solid tile, which Android's themed icons show as an empty tile.
 */
describe('a monochrome icon that is one solid silhouette (forge(), real renders)', () => {
  const renderer = new IsolatedRenderer({ processes: 1 });
  afterAll(() => renderer.close());
  const forgeFavicons = async (mark: string, { glyphSvg, ...overrides }: Partial<CreatorConfig> & { glyphSvg?: string } = {}) => {
    const input = await prepareInput(testConfig({ mark: 'mark.svg', ...overrides }), async (path) => new TextEncoder().encode(path === 'glyph.svg' ? (glyphSvg ?? mark) : mark));
    return forge(input, { renderer, stages: [faviconStage] });
  };
  const LETTER = 'M160 368V144h64l64 128V144h64v224h-64l-64-128v128z';
  // Figma: a 512 frame with a rounded fill, the white letter on it.
  const onBackdrop =
    '<svg width="512" height="512" viewBox="0 0 512 512" fill="none" xmlns="http://www.w3.org/2000/svg">\n' +
    `<rect width="512" height="512" rx="112" fill="#FF3366"/>\n<path d="${LETTER}" fill="white"/>\n</svg>\n`;
  // The same tile with the letter cut out of it, and the letter alone.
  const knockedOut = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 512 512"><path fill-rule="evenodd" fill="#FF3366" d="M112 0h288a112 112 0 0 1 112 112v288a112 112 0 0 1-112 112H112A112 112 0 0 1 0 400V112A112 112 0 0 1 112 0z${LETTER}"/></svg>`;
  const letterAlone = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="144 128 224 256"><path d="${LETTER}" fill="#FF3366"/></svg>`;
  const solid = (field: string, percent: number, fix: string) =>
    `the ${field} covers ${percent} % of its safe area in the monochrome icon (web-app-manifest-monochrome-512x512.png), which keeps only its shape: ` +
    `an opaque backdrop behind the logo makes it one solid tile, and Android's themed icons show an empty tile; ${fix}`;

  /** The share of the picture's box (inside the safe circle) whose pixels the decoded icon shows at alpha 128 or more. */
  async function coveredShare(png: Uint8Array, viewBox: readonly [number, number]): Promise<number> {
    const { data, info } = await sharp(png).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
    const scale = (0.76 * 512) / Math.hypot(...viewBox);
    const [width, height] = [viewBox[0] * scale, viewBox[1] * scale];
    let shown = 0;
    for (let i = 3; i < data.length; i += 4) if (data[i]! >= 128) shown += 1;
    expect(info.width).toBe(512);
    return shown / (width * height);
  }

  it('says so for a logo on its opaque backdrop, with the share read from the icon, and names the glyph as the fix', async () => {
    const forged = await forgeFavicons(onBackdrop);
    const icon = forged.files.find((file) => file.name === 'web-app-manifest-monochrome-512x512.png')!;
    const share = await coveredShare(icon.bytes, [512, 512]);
    expect(share).toBeGreaterThan(0.9);
    expect(forged.advice).toEqual([
      solid('mark', Math.round(share * 100), 'add "glyph": the logo without its backdrop (transparent around it), and "homeScreen": "glyph"'),
    ]);
  });

  it('points a creator who has a glyph to "homeScreen": "glyph", and says nothing once the backdrop-free glyph is there', async () => {
    const withGlyph = await forgeFavicons(onBackdrop, { glyph: 'glyph.svg', glyphSvg: letterAlone });
    expect(withGlyph.advice).toEqual([expect.stringContaining('; to draw your glyph there instead, add "homeScreen": "glyph" (and give the glyph no backdrop)')]);
    expect((await forgeFavicons(onBackdrop, { glyph: 'glyph.svg', glyphSvg: letterAlone, homeScreen: 'glyph' })).advice).toEqual([]);
    // A glyph on the home screen with the backdrop itself is the picture to fix.
    expect((await forgeFavicons(letterAlone, { glyph: 'glyph.svg', glyphSvg: onBackdrop, homeScreen: 'glyph' })).advice).toEqual([
      expect.stringMatching(/^the glyph covers 9\d % of its safe area .*; remove the backdrop from the glyph, so its drawing is the only thing it paints$/),
    ]);
  });

  it('says nothing when the logo is cut out of the tile, or for the test marks', async () => {
    const cut = await forgeFavicons(knockedOut);
    const icon = cut.files.find((file) => file.name === 'web-app-manifest-monochrome-512x512.png')!;
    expect(await coveredShare(icon.bytes, [512, 512])).toBeLessThan(0.9);
    expect(cut.advice).toEqual([]);
    for (const mark of Object.values(MARKS)) expect((await forgeFavicons(mark)).advice.filter((advice) => advice.includes('monochrome icon')), mark.slice(0, 80)).toEqual([]);
  });
});

/**
 * A picture that draws but hardly shows on the opaque tiles of colors.background (the apple-touch
 * and maskable icons, the social card, the verified badge's tile): advice naming the colours and
 * the files, in every run that draws such a file, measured on the images drawn anyway.
 */
describe('a picture that hardly shows on colors.background (forge(), real renders)', () => {
  const renderer = new IsolatedRenderer({ processes: 2 });
  afterAll(() => renderer.close());
  const svg = (body: string) => `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100">${body}</svg>`;
  const white = svg('<circle cx="50" cy="50" r="40" fill="#fff"/>');
  // A disc: a full square would be one solid tile in the monochrome icon, a note of its own.
  const dark = svg('<circle cx="50" cy="50" r="50" fill="#1b1b3a"/>');
  const onWhite = { brand: '#ff3366', background: '#ffffff' } as const;
  const forgeWith = async (files: Record<string, string>, overrides: Partial<CreatorConfig>, stages?: ForgeStage[]) => {
    // With a url, as the social card's og:image needs (without one that is advice of its own).
    const input = await prepareInput(testConfig({ mark: 'mark.svg', url: 'https://nova.example', ...overrides }), async (path) => new TextEncoder().encode(files[path]!));
    return (await forge(input, { renderer, ...(stages ? { stages } : {}) })).advice;
  };
  const sentence = (field: string, background: string, files: string, colour: string, ratio: string, fix: string) =>
    `the ${field} hardly shows on colors.background (${background}) in ${files}: its most visible colour there, ${colour}, has a contrast of ${ratio}:1 ` +
    `against it, below the 1.5:1 under which a shape hardly stands out; ${fix}`;
  const ownColour = (field: string, background: string) => `give the ${field} a colour that stands out from ${background}, or choose another colors.background`;

  it('names the colours and every file of a whole run that shows a white mark on white, in one sentence', async () => {
    // A name forge has no initials for: the verified badge shows the mark too.
    const config = { name: '東京', colors: onWhite, badges: ['verified'], social: { title: 'Tokyo' } };
    expect(await forgeWith({ 'mark.svg': white }, config)).toEqual([
      sentence(
        'mark',
        '#ffffff',
        'apple-touch-icon.png, web-app-manifest-maskable-512x512.png, social-card.png and badges/verified.*',
        '#ffffff',
        '1.00',
        ownColour('mark', '#ffffff'),
      ),
    ]);
    // Each stage alone says it for its own files.
    expect(await forgeWith({ 'mark.svg': white }, config, [faviconStage])).toEqual([
      sentence('mark', '#ffffff', 'apple-touch-icon.png and web-app-manifest-maskable-512x512.png', '#ffffff', '1.00', ownColour('mark', '#ffffff')),
    ]);
    expect(await forgeWith({ 'mark.svg': white }, config, [socialStage])).toEqual([
      sentence('mark', '#ffffff', 'social-card.png', '#ffffff', '1.00', ownColour('mark', '#ffffff')),
    ]);
  }, 60_000);

  it('advises, not refuses, a glyph or a monogram white on a white badge tile, with --only badges as in a whole run', async () => {
    const glyph = { 'mark.svg': dark, 'glyph.svg': white };
    const expected = sentence('glyph', '#ffffff', 'badges/verified.*', '#ffffff', '1.00', ownColour('glyph', '#ffffff'));
    const config = { glyph: 'glyph.svg', colors: onWhite, badges: ['verified'] };
    expect(await forgeWith(glyph, config, [badgeStage])).toEqual([expected]);
    expect(await forgeWith(glyph, config)).toEqual([expected]);
    const monogram = await forgeWith({ 'mark.svg': dark, 'm.svg': white }, { monogram: 'm.svg', colors: onWhite, badges: ['verified'] }, [badgeStage]);
    expect(monogram).toEqual([sentence('monogram', '#ffffff', 'badges/verified.*', '#ffffff', '1.00', ownColour('monogram', '#ffffff'))]);
  }, 60_000);

  it('says when the colour is colors.brand, which the mark is drawn in where it sets none (gold on white, 1.40:1)', async () => {
    const unset = svg('<circle cx="50" cy="50" r="40"/>');
    expect(await forgeWith({ 'mark.svg': unset }, { colors: { brand: '#ffd700', background: '#ffffff' } }, [faviconStage])).toEqual([
      sentence(
        'mark',
        '#ffffff',
        'apple-touch-icon.png and web-app-manifest-maskable-512x512.png',
        '#ffd700',
        '1.40',
        'that is colors.brand, which forge paints the mark in where it sets no colour of its own: choose a colors.brand or a colors.background that differ more',
      ),
    ]);
  });

  // A name forge has no initials for: the verified badge shows the mark, so every stage judges it.
  const everywhere = { name: '東京', colors: onWhite, badges: ['verified'], social: { title: 'Tokyo' } };
  const everyFile = 'apple-touch-icon.png, web-app-manifest-maskable-512x512.png, social-card.png and badges/verified.*';

  it('gives a mark in one flat colour and the same mark as a 2-stop gradient of nearly that colour the same advice, in every file', async () => {
    const disc = (fill: string, defs = '') => svg(`${defs}<circle cx="50" cy="50" r="40" fill="${fill}"/>`);
    const gradient = (from: string, to: string) =>
      disc('url(#g)', `<linearGradient id="g" x2="1" y2="1"><stop stop-color="${from}"/><stop offset="1" stop-color="${to}"/></linearGradient>`);
    const faint = await forgeWith({ 'mark.svg': disc('#e8e8e8') }, everywhere);
    expect(faint).toEqual([sentence('mark', '#ffffff', everyFile, '#e8e8e8', '1.23', ownColour('mark', '#ffffff'))]);
    const faintGradient = await forgeWith({ 'mark.svg': gradient('#e4e4e4', '#ececec') }, everywhere);
    expect(faintGradient).toHaveLength(1);
    // The same files; the colour named is the gradient's darker end, which 1 % of its pixels reach.
    expect(faintGradient[0]).toMatch(new RegExp(`^the mark hardly shows on colors\\.background \\(#ffffff\\) in ${everyFile.replace(/[.*]/g, '\\$&')}: its most visible colour there, #e[4-6]e[4-6]e[4-6], has a contrast of 1\\.2[5-7]:1`));
    // Both visible: no advice for either.
    expect(await forgeWith({ 'mark.svg': disc('#8a8a8a') }, everywhere)).toEqual([]);
    expect(await forgeWith({ 'mark.svg': gradient('#868686', '#8e8e8e') }, everywhere)).toEqual([]);
  }, 60_000);

  it('is not swayed by a few far-off pixels: a faint mark with a dark speck, or whose gradient ends dark in its last sliver, is advised as the faint mark', async () => {
    const expected = [sentence('mark', '#ffffff', everyFile, '#eeeeee', '1.16', ownColour('mark', '#ffffff'))];
    expect(await forgeWith({ 'mark.svg': svg('<circle cx="50" cy="50" r="40" fill="#eeeeee"/>') }, everywhere)).toEqual(expected);
    // A dot 2 units across in a disc of 80: a quarter of 1 % of its pixels, which the eye reads as a speck, not as the mark.
    const speck = svg('<circle cx="50" cy="50" r="40" fill="#eeeeee"/><circle cx="50" cy="50" r="1" fill="#1b1b3a"/>');
    expect(await forgeWith({ 'mark.svg': speck }, everywhere)).toEqual(expected);
    const farEnd = svg(
      '<linearGradient id="g"><stop offset="0.98" stop-color="#eeeeee"/><stop offset="1" stop-color="#1b1b3a"/></linearGradient><circle cx="50" cy="50" r="40" fill="url(#g)"/>',
    );
    expect(await forgeWith({ 'mark.svg': farEnd }, everywhere)).toEqual(expected);
  }, 60_000);

  it('judges a glyph on the home screen ("homeScreen": "glyph") on the home-screen tiles it shows on, beside the badge', async () => {
    const config = { glyph: 'glyph.svg', homeScreen: 'glyph' as const, colors: onWhite, badges: ['verified'] };
    const faintGlyph = svg('<circle cx="50" cy="50" r="40" fill="#eeeeee"/>');
    expect(await forgeWith({ 'mark.svg': dark, 'glyph.svg': faintGlyph }, config)).toEqual([
      sentence('glyph', '#ffffff', 'apple-touch-icon.png, web-app-manifest-maskable-512x512.png and badges/verified.*', '#eeeeee', '1.16', ownColour('glyph', '#ffffff')),
    ]);
  }, 60_000);

  it('says nothing when some colour of the picture stands out: the test marks on their background, a white mark with a dark outline', async () => {
    for (const mark of Object.values(MARKS)) expect(await forgeWith({ 'mark.svg': mark }, { badges: ['verified'] })).toEqual(expect.not.arrayContaining([expect.stringMatching(/hardly shows/)]));
    const outlined = svg('<circle cx="50" cy="50" r="40" fill="#fff" stroke="#1b1b3a" stroke-width="4"/>');
    expect(await forgeWith({ 'mark.svg': outlined }, { colors: onWhite, name: '東京', badges: ['verified'], social: { title: 'Tokyo' } })).toEqual([]);
  }, 60_000);
});

describe('faintAdvice', () => {
  it('makes one sentence per picture, naming each file once in the order found and the most visible colour of any', async () => {
    const input = await inputFromMark(square, { colors: { brand: '#ff3366', background: '#ffffff' } });
    const advice = faintAdvice(input, [
      { field: 'mark', asset: 'apple-touch-icon.png', colour: '#fefefe', ratio: 1.01 },
      { field: 'glyph', asset: 'badges/verified.*', colour: '#eeeeee', ratio: 1.16 },
      { field: 'mark', asset: 'social-card.png', colour: '#f0f0f0', ratio: 1.13 },
      { field: 'mark', asset: 'apple-touch-icon.png', colour: '#fefefe', ratio: 1.01 },
    ]);
    expect(advice).toHaveLength(2);
    expect(advice[0]).toMatch(/^the mark hardly shows on colors\.background \(#ffffff\) in apple-touch-icon\.png and social-card\.png: its most visible colour there, #f0f0f0, has a contrast of 1\.13:1/);
    expect(advice[1]).toMatch(/^the glyph hardly shows on colors\.background \(#ffffff\) in badges\/verified\.\*: its most visible colour there, #eeeeee/);
    expect(faintAdvice(input, [])).toEqual([]);
  });
});
