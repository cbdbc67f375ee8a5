import { afterAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { IsolatedRenderer } from '../render/isolated.ts';

const { charactersWithoutGlyph, RENDERER_FONT_FILES } = createRequire(import.meta.url)('./text-coverage.cjs') as {
  charactersWithoutGlyph: (text: string) => string[];
  RENDERER_FONT_FILES: readonly string[];
};
const renderer = new IsolatedRenderer({ processes: 1, timeoutMs: 30_000 });
afterAll(() => renderer.close());

/** One character as the renderer draws it, in a weight or style. */
function draw(character: string, attributes = ''): Promise<Uint8Array> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="48" height="48"><text x="4" y="36" font-size="36" ${attributes}>${character}</text></svg>`;
  return renderer.rasterize({ svg, width: 48, height: 48, output: 'rgba' });
}

describe('charactersWithoutGlyph', () => {
  it('reads the same font files the renderer loads', () => {
    const child = readFileSync(new URL('../render/render-child.cjs', import.meta.url), 'utf8');
    expect([...child.matchAll(/'(DejaVu[\w-]+\.ttf)'/g)].map((match) => match[1])).toEqual([...RENDERER_FONT_FILES]);
  });

  it('reports each missing character once, in order, and nothing for whitespace', () => {
    expect(charactersWithoutGlyph('東京 東 Tokyo 🦄')).toEqual(['東', '京', '🦄']);
    expect(charactersWithoutGlyph(' \t\n\u3000\u200b\ufe0f')).toEqual([]);
  });

  // A character the fonts lack is drawn as the .notdef box, the same box for every such character:
  // what it reports missing must draw exactly that box, what it calls drawable anything else.
  it('agrees with what the renderer draws, in every weight and style', async () => {
    const box = await draw('\ue000');
    expect(charactersWithoutGlyph('\ue000')).toEqual(['\ue000']);
    for (const attributes of ['', 'font-weight="bold"', 'font-style="italic"', 'font-weight="bold" font-style="italic"']) {
      for (const character of ['東', '🦄', 'ก', 'क']) {
        expect(charactersWithoutGlyph(character)).toEqual([character]);
        expect(Buffer.from(await draw(character, attributes)).equals(Buffer.from(box))).toBe(true);
      }
      for (const character of ['A', 'Ω', 'Я', 'ש', 'س', '€', '❤', '\u{1D5A0}', '\u{1D5D4}']) {
        expect(charactersWithoutGlyph(character)).toEqual([]);
        expect({ character, attributes, box: Buffer.from(await draw(character, attributes)).equals(Buffer.from(box)) }).toEqual({ character, attributes, box: false });
      }
    }
  }, 60_000);
});
