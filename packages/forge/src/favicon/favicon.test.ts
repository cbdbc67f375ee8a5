import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { checkForgedFolder } from '../check/check.ts';
import { forge } from '../forge.ts';
import { readIcoDirectory } from '../ico/ico.ts';
import { IsolatedRenderer } from '../render/isolated.ts';
import { writeAtomically } from '../shell/write.ts';
import { composeIcon } from '../svg/compose.ts';
import { inputFromMark, MARKS } from '../testing/marks.ts';
import type { ForgeInput, ForgeResult } from '../plan/types.ts';
import { faviconStage, FAVICON_INSET } from './stage.ts';
// @ts-expect-error -- plain ESM bench script without type declarations
import { PEERS } from '../../../../tools/bench/forge-peers.mjs';

/**
 * The favicon set for the four kinds of mark that break favicon tools (wide, tall, a real square
 * brand icon, a complex mark with gradients and text), checked by decoding every image and by
 * RealFaviconGenerator's own checker.
 */
let dir: string;
let renderer: IsolatedRenderer;
const forged = new Map<string, { input: ForgeInput; result: ForgeResult; folder: string }>();

interface Decoded {
  width: number;
  height: number;
  channels: number;
  data: Buffer;
  hasAlpha: boolean;
}

async function decode(bytes: Uint8Array): Promise<Decoded> {
  const metadata = await sharp(bytes).metadata();
  expect(metadata.format).toBe('png');
  const { data, info } = await sharp(bytes).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  return { width: info.width, height: info.height, channels: 4, data, hasAlpha: metadata.hasAlpha === true };
}

const pixel = (image: Decoded, x: number, y: number) => [...image.data.subarray((y * image.width + x) * 4, (y * image.width + x) * 4 + 4)];
const near = (actual: number[], expected: number[], tolerance = 2) => expected.every((channel, index) => Math.abs(actual[index]! - channel) <= tolerance);
const file = (mark: string, name: string) => forged.get(mark)!.result.files.find((candidate) => candidate.name === name)!;

const BACKGROUND = [0xff, 0xf7, 0xf9, 255];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'forge-favicon-'));
  renderer = new IsolatedRenderer({ processes: 2 });
  await Promise.all(
    Object.entries(MARKS).map(async ([kind, svg]) => {
      const input = await inputFromMark(svg);
      const result = await forge(input, { renderer, stages: [faviconStage] });
      const folder = join(dir, kind);
      await writeAtomically(folder, result.files);
      forged.set(kind, { input, result, folder });
    }),
  );
}, 120_000);

afterAll(async () => {
  renderer.close();
  await rm(dir, { recursive: true, force: true });
});

describe.each(Object.keys(MARKS))('the %s mark', (kind) => {
  it("passes RealFaviconGenerator's checker with zero errors and zero warnings", async () => {
    const summary = await checkForgedFolder(forged.get(kind)!.folder);
    expect(summary).toEqual({ errors: [], warnings: [] });
  });

  it('writes every PNG at its declared size', async () => {
    for (const forgedFile of forged.get(kind)!.result.files.filter((candidate) => candidate.format === 'png')) {
      const image = await decode(forgedFile.bytes);
      expect([forgedFile.name, image.width, image.height]).toEqual([forgedFile.name, forgedFile.width, forgedFile.height]);
    }
  });

  it('puts 16, 32 and 48 px PNG entries into favicon.ico', async () => {
    const ico = file(kind, 'favicon.ico').bytes;
    const directory = readIcoDirectory(ico);
    expect(directory.map((entry) => entry.width)).toEqual([16, 32, 48]);
    for (const entry of directory) {
      const image = await decode(ico.subarray(entry.offset, entry.offset + entry.length));
      expect([image.width, image.height]).toEqual([entry.width, entry.width]);
    }
  });

  it('pads the transparent icons on every side', async () => {
    for (const name of ['favicon-96x96.png', 'web-app-manifest-192x192.png', 'web-app-manifest-512x512.png']) {
      const image = await decode(file(kind, name).bytes);
      const ring = Math.floor(image.width * FAVICON_INSET) - 1;
      for (let offset = 0; offset < image.width; offset += 1) {
        for (const [x, y] of [[offset, ring], [offset, image.height - 1 - ring], [ring, offset], [image.width - 1 - ring, offset]] as const) {
          if (pixel(image, x, y)[3] !== 0) throw new Error(`${name}: the mark touches the padding at ${x},${y}`);
        }
      }
    }
  });

  it('makes the touch icon opaque on the background colour, with padding', async () => {
    const image = await decode(file(kind, 'apple-touch-icon.png').bytes);
    expect(image.hasAlpha).toBe(false);
    for (const [x, y] of [[0, 0], [179, 0], [0, 179], [179, 179], [90, 10], [10, 90]]) expect(near(pixel(image, x!, y!), BACKGROUND)).toBe(true);
  });

  it('keeps the maskable icon opaque and everything outside the 80 % safe circle background', async () => {
    const image = await decode(file(kind, 'web-app-manifest-maskable-512x512.png').bytes);
    expect(image.hasAlpha).toBe(false);
    let insideDifferent = 0;
    for (let y = 0; y < 512; y += 2) {
      for (let x = 0; x < 512; x += 2) {
        const outside = Math.hypot(x + 0.5 - 256, y + 0.5 - 256) > 0.4 * 512;
        const isBackground = near(pixel(image, x, y), BACKGROUND, 3);
        if (outside && !isBackground) throw new Error(`maskable content outside the safe zone at ${x},${y}`);
        if (!outside && !isBackground) insideDifferent += 1;
      }
    }
    expect(insideDifferent).toBeGreaterThan(500);
  });

  it('keeps only the shape in the monochrome icon', async () => {
    const image = await decode(file(kind, 'web-app-manifest-monochrome-512x512.png').bytes);
    let drawn = 0;
    let coloured = 0;
    for (let offset = 0; offset < image.data.length; offset += 4) {
      if (image.data[offset + 3]! > 0) {
        drawn += 1;
        if (image.data[offset]! + image.data[offset + 1]! + image.data[offset + 2]! !== 0) coloured += 1;
      }
    }
    expect(drawn).toBeGreaterThan(1000);
    expect(coloured).toBe(0);
  });

  it('minimizes PNGs without visible loss', async () => {
    const { input } = forged.get(kind)!;
    const svg = composeIcon(input.mark, { size: 512, inset: FAVICON_INSET, defaultFill: input.config.colors.brand });
    const reference = await renderer.rasterize({ svg, width: 512, height: 512, output: 'rgba' });
    const image = await decode(file(kind, 'web-app-manifest-512x512.png').bytes);
    // Compared premultiplied: the colour of a fully transparent pixel is invisible, whatever it is.
    let squared = 0;
    for (let offset = 0; offset < reference.length; offset += 4) {
      const alpha = reference[offset + 3]!;
      const decodedAlpha = image.data[offset + 3]!;
      for (let channel = 0; channel < 3; channel += 1) squared += ((reference[offset + channel]! * alpha - image.data[offset + channel]! * decodedAlpha) / 255) ** 2;
      squared += (alpha - decodedAlpha) ** 2;
    }
    const psnr = 10 * Math.log10((255 * 255) / Math.max(squared / reference.length, 1e-9));
    expect(psnr).toBeGreaterThanOrEqual(40);
    expect(file(kind, 'web-app-manifest-512x512.png').bytes.length).toBeLessThan(reference.length / 20);
  });

  it('lists every file with bytes, sha256, size and purpose in forge.json', () => {
    const { result } = forged.get(kind)!;
    const report = JSON.parse(new TextDecoder().decode(file(kind, 'forge.json').bytes));
    const others = result.files.filter((candidate) => candidate.name !== 'forge.json');
    expect(report.files).toHaveLength(others.length);
    for (const entry of others) {
      expect(report.files).toContainEqual(expect.objectContaining({ name: entry.name, bytes: entry.bytes.length, sha256: entry.sha256, purpose: entry.purpose }));
    }
    expect(report.files.find((entry: { name: string }) => entry.name === 'apple-touch-icon.png')).toMatchObject({ width: 180, height: 180, purpose: 'apple-touch-icon' });
  });
});

describe('bytes', () => {
  it("writes at most half of what RealFaviconGenerator writes for the same mark", async () => {
    for (const kind of ['square', 'wide']) {
      const markPath = join(dir, `${kind}-mark.svg`);
      await writeFile(markPath, MARKS[kind as keyof typeof MARKS]);
      const rfg: { files: Array<{ bytes: Uint8Array }> } = await PEERS.rfg(markPath);
      const theirs = rfg.files.reduce((sum, peerFile) => sum + peerFile.bytes.length, 0);
      const ours = forged.get(kind)!.result.files.filter((forgedFile) => forgedFile.name !== 'forge.json').reduce((sum, forgedFile) => sum + forgedFile.bytes.length, 0);
      expect(ours, `${kind}: ${ours} bytes vs RealFaviconGenerator ${theirs}`).toBeLessThanOrEqual(theirs / 2);
    }
  }, 60_000);
});

describe('fitting and determinism', () => {
  it('fits a 4:1 mark with padding above and below as well as at the sides', async () => {
    const image = await decode(file('wide', 'web-app-manifest-512x512.png').bytes);
    // 448 px wide content is 112 px tall, centred: rows 200-311 hold the mark, rows above are empty.
    for (const y of [190, 322]) for (let x = 0; x < 512; x += 1) expect(pixel(image, x, y)[3]).toBe(0);
    expect(pixel(image, 60, 256)[3]).toBe(255);
  });

  it('draws text in the bundled font', async () => {
    const image = await decode(file('complex', 'web-app-manifest-512x512.png').bytes);
    // The text "DK" is dark navy on a warm gradient; some of its pixels must be there.
    let navy = 0;
    for (let y = 300; y < 360; y += 1) for (let x = 180; x < 330; x += 1) if (near(pixel(image, x, y), [0x1b, 0x1b, 0x3a, 255], 12)) navy += 1;
    expect(navy).toBeGreaterThan(300);
  });

  it('writes byte-identical files for the same input, with a fresh renderer', async () => {
    const second = new IsolatedRenderer({ processes: 1 });
    try {
      for (const kind of ['complex', 'wide']) {
        const { input, result } = forged.get(kind)!;
        const again = await forge(input, { renderer: second, stages: [faviconStage] });
        expect(again.files.map((forgedFile) => `${forgedFile.name} ${forgedFile.sha256}`)).toEqual(result.files.map((forgedFile) => `${forgedFile.name} ${forgedFile.sha256}`));
      }
    } finally {
      second.close();
    }
  });
});

/**
 * Marks as design tools save them, abridged: each must forge as it comes, with the colour it was
 * drawn in at the centre of the 512 px icon (a round blob or square centred in its page).
 */
const EXPORTS: Record<string, string> = {
  'Inkscape (sized in mm, metadata, inline styles)':
    '<?xml version="1.0" encoding="UTF-8" standalone="no"?>\n<svg width="64mm" height="64mm" viewBox="0 0 64 64" version="1.1" id="svg1" ' +
    'xmlns:inkscape="http://www.inkscape.org/namespaces/inkscape" xmlns:sodipodi="http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd" xmlns="http://www.w3.org/2000/svg">' +
    '<sodipodi:namedview id="namedview1" pagecolor="#ffffff"/><g inkscape:label="Layer 1" inkscape:groupmode="layer" id="layer1">' +
    '<circle style="fill:#1b1b3a;fill-opacity:1;stroke:none;stroke-width:0.264583" cx="32" cy="32" r="28"/></g></svg>',
  'CorelDRAW (the SVG 1.1 doctype, a CDATA stylesheet)':
    '<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">\n<!-- Creator: CorelDRAW -->\n' +
    '<svg xmlns="http://www.w3.org/2000/svg" xml:space="preserve" width="50mm" height="50mm" version="1.1" style="shape-rendering:geometricPrecision; fill-rule:evenodd" viewBox="0 0 5000 5000">' +
    '<defs><style type="text/css"><![CDATA[ .fil0 {fill:#1B1B3A} ]]></style></defs><g id="Layer_x0020_1"><circle class="fil0" cx="2500" cy="2500" r="2000"/></g></svg>',
  'Affinity Designer (100 %, rgb() in styles)':
    '<svg width="100%" height="100%" viewBox="0 0 64 64" version="1.1" xmlns="http://www.w3.org/2000/svg" xmlns:serif="http://www.serif.com/" xml:space="preserve" ' +
    'style="fill-rule:evenodd;clip-rule:evenodd;stroke-linejoin:round;stroke-miterlimit:2;"><g serif:id="Layer 1"><rect x="8" y="8" width="48" height="48" style="fill:rgb(27,27,58);"/></g></svg>',
  'potrace (sized in pt)':
    '<svg version="1.0" xmlns="http://www.w3.org/2000/svg" width="48pt" height="48pt" viewBox="0 0 48 48" preserveAspectRatio="xMidYMid meet">' +
    '<g transform="translate(0,48) scale(0.1,-0.1)" fill="#1b1b3a" stroke="none"><path d="M80 80 L400 80 L400 400 L80 400 Z"/></g></svg>',
  'an icon set (stroke="currentColor", drawn in the brand colour)':
    '<svg xmlns="http://www.w3.org/2000/svg" width="24" height="24" viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round"><path d="M4 12h16"/><path d="M12 4v16"/></svg>',
  'a presentation attribute under an inline style (the style wins)':
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><rect width="10" height="10" fill="none" style="fill:#1b1b3a"/></svg>',
};

describe('marks as design tools export them', () => {
  it.each(Object.keys(EXPORTS))('forges %s', async (tool) => {
    const input = await inputFromMark(EXPORTS[tool]!);
    const result = await forge(input, { renderer, stages: [faviconStage] });
    const icon = await decode(result.files.find((forgedFile) => forgedFile.name === 'web-app-manifest-512x512.png')!.bytes);
    const brand = [0xff, 0x33, 0x66, 255];
    const expected = tool.startsWith('an icon set') ? brand : [0x1b, 0x1b, 0x3a, 255];
    expect(pixel(icon, 256, 256)).toEqual(expected);
  });

  it('switches a currentColor mark to the dark brand colour in favicon.svg under dark mode', async () => {
    const input = await inputFromMark(EXPORTS['an icon set (stroke="currentColor", drawn in the brand colour)']!);
    const svg = new TextDecoder().decode((await forge(input, { renderer, stages: [faviconStage] })).files.find((forgedFile) => forgedFile.name === 'favicon.svg')!.bytes);
    expect(svg).toContain(' color="#ff3366"');
    const dark = svg.slice(svg.indexOf('@media (prefers-color-scheme:dark){'), svg.indexOf('</style>'));
    expect(dark).toContain(':where([color="#ff3366"]){color:#ff7a9c}');
  });

  it("keeps the tiles of the touch and maskable icons in the background colour when the mark's sheet styles by element", async () => {
    // A hand-written or icon-tool sheet: `rect{…}` reaches every rect of the document the mark is drawn into.
    const mark = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><style>rect{fill:#1d1d1b}</style><rect x="2" y="2" width="6" height="6"/></svg>';
    const result = await forge(await inputFromMark(mark), { renderer, stages: [faviconStage] });
    for (const name of ['apple-touch-icon.png', 'web-app-manifest-maskable-512x512.png']) {
      const image = await decode(result.files.find((forgedFile) => forgedFile.name === name)!.bytes);
      expect([name, pixel(image, 1, 1)]).toEqual([name, BACKGROUND]);
      expect([name, pixel(image, image.width / 2, image.height / 2)]).toEqual([name, [0x1d, 0x1d, 0x1b, 255]]);
    }
    // Nor may it thin the tile or outline it.
    const thinning = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><style>rect{opacity:.5;stroke:#000000;stroke-width:8}</style><circle cx="5" cy="5" r="3" fill="#1d1d1b"/></svg>';
    const thinned = await forge(await inputFromMark(thinning), { renderer, stages: [faviconStage] });
    for (const name of ['apple-touch-icon.png', 'web-app-manifest-maskable-512x512.png']) {
      const image = await decode(thinned.files.find((forgedFile) => forgedFile.name === name)!.bytes);
      expect([name, image.hasAlpha, pixel(image, 1, 1)]).toEqual([name, false, BACKGROUND]);
    }
    // Nor shrink, move or blur it: rect{transform:scale(.5)} left three quarters of the tile
    // transparent, rect{filter:blur(…)} its edges. And svg{opacity:.5} also reached forge's own
    // root <svg>, which holds the tile: a half-transparent touch icon (iOS fills that black).
    for (const rule of ['rect{transform:scale(.5)}', 'rect{filter:blur(20px)}', 'svg{opacity:.5}', '*{opacity:.5}']) {
      const moving = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><style>${rule}</style><circle cx="5" cy="5" r="3" fill="#1d1d1b"/></svg>`;
      const moved = await forge(await inputFromMark(moving), { renderer, stages: [faviconStage] });
      for (const name of ['apple-touch-icon.png', 'web-app-manifest-maskable-512x512.png']) {
        const image = await decode(moved.files.find((forgedFile) => forgedFile.name === name)!.bytes);
        expect([rule, name, image.hasAlpha, pixel(image, 1, 1)]).toEqual([rule, name, false, BACKGROUND]);
      }
    }
  });

  it("fades, filters or masks the mark once for a sheet's rule that reaches its root, as the cascade picks it in the mark's own document", async () => {
    // The rule reached the root drawn as forge's nested <svg>, which resvg fades twice: svg{opacity:.5}
    // drew a quarter, *{…} an eighth; :root{…} named forge's root there and faded nothing; an inline
    // style lost to the sheet. Alpha of the full-canvas black square at the centre of favicon-96x96.png.
    const mask = '<mask id="m"><rect width="10" height="10" fill="#fff" fill-opacity=".5"/></mask>';
    const cases: [sheet: string, root: string, alpha: number][] = [
      ['svg{opacity:.5}', '', 128],
      ['*{opacity:.5}', '', 64],
      [':root{opacity:.5}', '', 128],
      ['.logo{opacity:.5}', 'class="logo"', 128],
      ['svg:not(.other){opacity:.5}', 'class="logo"', 128],
      ['svg{opacity:.5}', 'style="opacity:1"', 255],
      ['svg{opacity:.5!important}', 'style="opacity:1"', 128],
      ['svg{opacity:.5} .logo{opacity:.75}', 'class="logo"', 191],
      // The fade goes around the nested root, so the sheet's child selectors still reach the shapes.
      ['svg{opacity:.5} svg > rect{opacity:.5}', '', 64],
      ['svg{filter:opacity(.5)}', '', 128],
      ['svg{mask:url(#m)}', '', 128],
      // Matches the root only as forge nests it; the group forge adds is not the mark's <g>.
      ['svg > svg{opacity:.5}', '', 255],
      ['g{opacity:.5}', 'opacity="0.5"', 128],
    ];
    const alphas = await Promise.all(
      cases.map(async ([sheet, root, alpha]) => {
        const mark = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10" ${root}><style>${sheet}</style>${mask}<rect width="10" height="10" fill="#000"/></svg>`;
        const result = await forge(await inputFromMark(mark), { renderer, stages: [faviconStage] });
        const image = await decode(result.files.find((forgedFile) => forgedFile.name === 'favicon-96x96.png')!.bytes);
        const found = pixel(image, 48, 48)[3]!;
        return { sheet, root, alpha: Math.abs(found - alpha) <= 2 ? alpha : found };
      }),
    );
    expect(alphas).toEqual(cases.map(([sheet, root, alpha]) => ({ sheet, root, alpha })));
  });

  it('ends a mark at its viewBox, as an image ends, whatever its root overflow says', async () => {
    // Artwork past the viewBox on every side, under a root that asks not to be clipped (as an attribute or a style).
    for (const root of ['overflow="visible"', 'style="overflow:visible"']) {
      const mark = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100" ${root}><rect x="-50" y="-50" width="200" height="200" fill="#00cc00"/><circle cx="50" cy="50" r="30" fill="#1b1b3a"/></svg>`;
      const result = await forge(await inputFromMark(mark), { renderer, stages: [faviconStage] });
      const icon = async (name: string) => decode(result.files.find((forgedFile) => forgedFile.name === name)!.bytes);
      expect([root, pixel(await icon('apple-touch-icon.png'), 1, 1)]).toEqual([root, BACKGROUND]);
      expect([root, pixel(await icon('web-app-manifest-maskable-512x512.png'), 40, 40)]).toEqual([root, BACKGROUND]);
      expect([root, pixel(await icon('favicon-96x96.png'), 1, 1)[3]]).toEqual([root, 0]);
      expect(new TextDecoder().decode(result.files.find((forgedFile) => forgedFile.name === 'favicon.svg')!.bytes)).not.toContain('overflow');
    }
  });
});
