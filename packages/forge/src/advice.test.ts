import { afterAll, describe, expect, it } from 'vitest';
import { adviceFor } from './advice.ts';
import { prepareInput } from './config/load.ts';
import { faviconStage } from './favicon/stage.ts';
import { forge } from './forge.ts';
import type { CreatorConfig, RenderContext } from './plan/types.ts';
import { IsolatedRenderer } from './render/isolated.ts';
import { inputFromMark, testConfig } from './testing/marks.ts';

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
  const small = (field: string, share: number) =>
    `the drawing fills only ${share} % of the ${field}'s width and ${share} % of its height, and forge fits the whole canvas (the viewBox), ` +
    'not the drawing on it, so the icons show it small in wide margins; unless the space is meant, crop the canvas to the drawing before you save ' +
    '(Inkscape: Edit → Resize Page to Selection; Illustrator: Object → Artboards → Fit to Artwork Bounds)';

  it('says so for a mark whose drawing spans 30 % of its canvas, with the shares measured', async () => {
    // Measured on favicon-96x96.png: the circle's 25.2 px in the mark's 84 px box cover 26 pixels once antialiased.
    expect((await forgeFavicons(padded)).advice).toEqual([small('mark', 31)]);
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
    const square = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><rect width="10" height="10"/></svg>';
    // At 48 px the glyph's box (42 px) holds the circle's 12.6 px in 14 pixels once antialiased.
    expect((await forgeFavicons(square, { glyph: 'glyph.svg', glyphSvg: padded })).advice).toEqual([small('glyph', 33)]);
    expect((await forgeFavicons(square, { glyph: 'glyph.svg', glyphSvg: padded, homeScreen: 'glyph' })).advice).toEqual([small('glyph', 33)]);
    // Both padded: one sentence each, the mark's first.
    expect((await forgeFavicons(padded, { glyph: 'glyph.svg', glyphSvg: padded })).advice).toEqual([small('mark', 31), small('glyph', 33)]);
  });

  it('changes no byte: a renderer that cannot measure gives the same files, without that advice', async () => {
    const measured = await forgeFavicons(padded, { glyph: 'glyph.svg', glyphSvg: padded });
    const plain: RenderContext = { rasterize: (job, options) => renderer.rasterize(job, options), rasterizeAll: (jobs, options) => renderer.rasterizeAll(jobs, options) };
    const unmeasured = await forgeFavicons(padded, { glyph: 'glyph.svg', glyphSvg: padded }, plain);
    expect(unmeasured.files.map((file) => [file.name, file.sha256])).toEqual(measured.files.map((file) => [file.name, file.sha256]));
    expect(unmeasured.advice).toEqual([]);
  });
});
