import { describe, expect, it } from 'vitest';
import { chromiumForThisFile } from '../../../../test/support/launch-chromium.ts';
import { hexRgb } from '../badge/testing.ts';
import { faviconSvg } from '../favicon/stage.ts';
import { darkVariant } from '../mark-set/mark-set.ts';
import { drawnIconPixels } from '../testing/draw-icon.ts';
import { inputFromMark, testConfig } from '../testing/marks.ts';
import { readableTwin } from './dark.ts';

/**
 * A mark that says its own dark colours with light-dark(): Chromium paints the light half in a mark
 * without `color-scheme`, in a dark page too (probed), so the icons take the light one; forge's
 * dark files (favicon.svg under prefers-color-scheme: dark, the mark set's -dark files) take the
 * dark half the creator wrote, where until 28 November 2026 they made a colour of their own from
 * the light one (or kept it, where it read).
 */
const browser = chromiumForThisFile();

// testConfig's palettes: brand #ff3366 → #ff7a9c, background #fff7f9 → #14142b.
const DARK_BACKGROUND = '#14142b';
// Three 10-unit squares of a 30x10 mark, drawn at x 4-60, y 22.7-41.3 in favicon.svg: the middle of each.
const SQUARES = { navy: [13, 32], green: [32, 32], faint: [50, 32] } as const;
const MARK =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 30 10"><style>.b{fill:light-dark(#22aa55, #ffcc00)}</style>' +
  // Navy reads 1.3:1 on the dark background, the green 6:1; the third's dark half, near black, 1.1:1.
  '<rect width="10" height="10" fill="light-dark(#1e2a5a, #e0e7ff)"/><rect class="b" x="10" width="10" height="10"/>' +
  '<rect x="20" width="10" height="10" fill="rgb(from light-dark(#22aa56, #101010) r g b)"/></svg>';

describe('a mark painted with light-dark()', () => {
  it('shows the light halves in light mode and the dark halves the creator wrote in dark mode, in favicon.svg', async () => {
    const svg = faviconSvg(await inputFromMark(MARK));
    const light = await drawnIconPixels(browser(), svg, 'light', SQUARES);
    const dark = await drawnIconPixels(browser(), svg, 'dark', SQUARES);
    expect(light).toEqual({ navy: [0x1e, 0x2a, 0x5a, 255], green: [0x22, 0xaa, 0x55, 255], faint: [0x22, 0xaa, 0x56, 255] });
    // A dark half that would not read on the dark background is lifted as any colour is.
    expect(dark).toEqual({ navy: [0xe0, 0xe7, 0xff, 255], green: [0xff, 0xcc, 0x00, 255], faint: [...hexRgb(readableTwin('#101010', DARK_BACKGROUND)), 255] });
  });

  it('writes the dark halves into the mark set’s dark file, and the light halves stay in the light one', async () => {
    const input = await inputFromMark(MARK);
    const { colors } = testConfig();
    const dark = darkVariant(input.mark, colors, colors.dark!);
    expect(dark).toContain('fill="#e0e7ff"');
    expect(dark).toContain('fill="#ffcc00"');
    expect(dark).toContain(`fill="${readableTwin('#101010', DARK_BACKGROUND)}"`);
    expect(input.mark.svg).toContain('fill="#1e2a5a"');
    expect(input.mark.svg).toContain('fill="#22aa55"');
  });

  it("keeps the palette's own dark colour for a pick whose light half is a palette colour", async () => {
    const input = await inputFromMark('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><rect width="10" height="10" fill="light-dark(#ff3366, #00ff00)"/></svg>');
    const { colors } = testConfig();
    expect(darkVariant(input.mark, colors, colors.dark!)).toContain('fill="#ff7a9c"');
  });
});
