import { describe, expect, it } from 'vitest';
import { adviceFor } from './advice.ts';
import { inputFromMark } from './testing/marks.ts';

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
