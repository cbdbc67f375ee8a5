/**
 * Generated SVGs through forge's intake (the sanitizer, then the isolated renderer, as the pipeline
 * runs them): every input ends in pixels or a typed error within the render budget — never a crash,
 * a hang, or a read of a file outside the input. A "secret" PNG of a colour no generated drawing can
 * produce is planted on disk and named in every way resvg would follow (absolute, file:, relative to
 * the working directory, prefixed xlink, nested SVG in a data: URI…); its colour must never appear.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import fc from 'fast-check';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sanitizeSvg } from '../../packages/forge/src/svg/sanitize.ts';
import { composeIcon } from '../../packages/forge/src/svg/compose.ts';
import { IsolatedRenderer } from '../../packages/forge/src/render/isolated.ts';
import { ForgeError, RenderError, SVG_ERROR_CODES, SvgRejectedError } from '../../packages/forge/src/errors.ts';

/** Budget for one rasterization in this test; the test then allows a second of slack around it. */
const RENDER_BUDGET_MS = 4000;
const ICON = 48;
/** Green-dominant: unreachable by blending the generator's palette (black, white, red, blue, grey). */
const SECRET_RGB = [0, 254, 1] as const;
const PALETTE = ['#000', '#fff', '#f00', '#00f', '#777', 'red', 'blue', 'none', 'currentColor'];

let dir: string;
let secretRefs: string[];
let renderer: IsolatedRenderer;

const isSecretPixel = (r: number, g: number, b: number) => g > 200 && r < 60 && b < 60 && g - r > 150;

function containsSecret(rgba: Uint8Array): boolean {
  for (let i = 0; i < rgba.length; i += 4) {
    if (rgba[i + 3]! > 32 && isSecretPixel(rgba[i]!, rgba[i + 1]!, rgba[i + 2]!)) return true;
  }
  return false;
}

const escapeAttr = (value: string) => value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
const base64 = (text: string) => Buffer.from(text).toString('base64');

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'dropkit-svg-fuzz-'));
  const secret = join(dir, 'secret.png');
  await writeFile(secret, await sharp({ create: { width: 64, height: 64, channels: 3, background: { r: SECRET_RGB[0], g: SECRET_RGB[1], b: SECRET_RGB[2] } } }).png().toBuffer());
  const nestedSvg = `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="64" height="64"><image width="64" height="64" xlink:href="${secret}"/></svg>`;
  secretRefs = [
    secret,
    `file://${secret}`,
    ` FILE://${secret}`,
    relative(process.cwd(), secret),
    `./${relative(process.cwd(), secret)}`,
    `data:image/svg+xml;base64,${base64(nestedSvg)}`,
    `data:image/png;base64,${base64(nestedSvg)}`,
    `data:text/plain;base64,${base64(nestedSvg)}`,
    `data:image/png;base64,${base64(nestedSvg)}#x`,
    `data:image/svg+xml;utf8,${nestedSvg}`,
    `url(${secret})`,
    `#x`,
  ];
  renderer = new IsolatedRenderer({ processes: 2, timeoutMs: RENDER_BUDGET_MS }).warm();
});

afterAll(async () => {
  renderer?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

/** An SVG built from a grammar of allowed and hostile parts, then possibly mangled as bytes. */
function svgArbitrary(): fc.Arbitrary<string> {
  // Mostly ordinary drawing with a hostile part now and then, so that many inputs get past the
  // sanitizer and reach the renderer carrying whatever it let through.
  const mostly = <T,>(benign: fc.Arbitrary<T>, hostile: fc.Arbitrary<T>) =>
    fc.oneof({ weight: 12, arbitrary: benign }, { weight: 1, arbitrary: hostile });
  const number = mostly(
    fc.integer({ min: 1, max: 200 }).map(String),
    fc.constantFrom('0', '-0', '-5', '1e9', '1e308', '-1e9', 'NaN', 'Infinity', '12px', '50%', '', ' 3 ', '0.0001'),
  );
  const href = () => mostly(fc.constantFrom('#a', '#b', '#f'), fc.constantFrom(...secretRefs, 'https://127.0.0.1:1/x.png', 'javascript:alert(1)'));
  const hrefName = mostly(fc.constantFrom('href', 'xlink:href'), fc.constantFrom('q:href', 'HREF', 'src', 'xml:href'));
  const attribute = mostly<[string, string]>(
    fc.oneof(
      fc.tuple(fc.constantFrom('x', 'y', 'width', 'height', 'r', 'cx', 'cy', 'rx', 'stroke-width'), number),
      fc.tuple(fc.constantFrom('fill', 'stroke', 'stop-color', 'color'), fc.constantFrom(...PALETTE)),
      fc.tuple(fc.constantFrom('d'), fc.constantFrom('M0 0L10 10Z', 'M2 2h20v20z', 'M0 0' + ' l1 1'.repeat(200))),
      fc.tuple(hrefName, href()),
      fc.tuple(fc.constantFrom('id'), fc.constantFrom('a', 'b', 'f')),
      fc.tuple(fc.constantFrom('filter', 'mask', 'clip-path', 'fill'), fc.constantFrom('url(#f)', 'url(#a)')),
      fc.tuple(fc.constantFrom('transform'), fc.constantFrom('rotate(45)', 'translate(10)', 'scale(2)')),
      fc.tuple(fc.constantFrom('style'), fc.constantFrom('fill:red', 'stroke:#00f;stroke-width:3', 'filter:url(#f)')),
    ),
    fc.oneof(
      fc.tuple(fc.constantFrom('style'), fc.constantFrom(...secretRefs.map((ref) => `fill:url(${ref})`), '@import "x.css"')),
      fc.tuple(fc.constantFrom('filter', 'mask', 'fill'), fc.constantFrom(`url(${secretRefs[1]})`, 'url(x.svg#a)')),
      fc.tuple(fc.constantFrom('onload', 'onclick'), fc.constant('alert(1)')),
      fc.tuple(fc.constantFrom('d'), fc.constantFrom('M0 0h1e9v1e9z', 'M')),
      fc.tuple(fc.constantFrom('transform'), fc.constantFrom('scale(1e9)', 'matrix(0 0 0 0 0 0)')),
      // Any link at all, including the planted file, in a spelling a renderer might follow.
      fc.tuple(fc.constantFrom('href', 'xlink:href', 'q:href'), fc.constantFrom(...secretRefs)),
    ),
  );
  const tag = mostly(
    fc.constantFrom(
      'rect', 'circle', 'path', 'g', 'use', 'image', 'feImage', 'filter', 'text', 'tspan', 'style',
      'defs', 'pattern', 'mask', 'clipPath', 'linearGradient', 'stop', 'symbol', 'a', 'title', 'feFlood',
    ),
    fc.constantFrom('script', 'foreignObject', 'iframe', 'animate', 'set', 'svg', 'svg:image', 'x:thing', 'svg:script'),
  );
  const { node } = fc.letrec<{ node: string }>((tie) => ({
    node: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      mostly(fc.string({ maxLength: 20 }).map(escapeAttr), fc.constantFrom('&amp;', ']]>', '<![CDATA[x]]>', '&#0;', '&lt;script&gt;')),
      fc.tuple(tag, fc.array(attribute, { maxLength: 5 }), fc.array(tie('node'), { maxLength: 4 })).map(
        ([name, attributes, children]) =>
          `<${name}${attributes.map(([key, value]) => ` ${key}="${escapeAttr(value)}"`).join('')}>${children.join('')}</${name}>`,
      ),
    ),
  }));
  // A <style> sheet is applied as attributes by the sanitizer: the same links, spelled as CSS values,
  // reached through selectors, custom properties, keywords and comments.
  const selector = fc.constantFrom('rect', 'g', '*', ':root', '#a', '.a', 'g > rect', ':not(g)', 'rect:nth-child(2n)', ':has(rect)', 'style + rect', 'image');
  const declaration = mostly(
    fc.oneof(
      fc.tuple(fc.constantFrom('fill', 'stroke', 'color', 'stop-color'), fc.constantFrom(...PALETTE, 'var(--c)', 'var(--none, #f00)', 'initial', 'inherit', 'unset')).map(([name, value]) => `${name}:${value}`),
      fc.constantFrom('--c:#00f', '--c:var(--c)', 'opacity:.5', 'stroke-width:3', 'filter:url(#f)', 'mask:url(#a)', 'transform:rotate(45deg)', 'fill:#f00!important', 'display:none', 'mix-blend-mode:multiply'),
    ),
    fc.tuple(fc.constantFrom('fill', 'filter', 'mask', 'clip-path', 'marker-start', 'href'), fc.constantFrom(...secretRefs)).chain(([name, ref]) =>
      fc.constantFrom(`${name}:url(${ref})`, `${name}:url("${ref}")`, `${name}:URL( ${ref} )`, `${name}:url/**/(${ref})`, `${name}:image-set("${ref}" 1x)`, `--u:ur;${name}:var(--u)l(${ref})`, `${name}:var(--none, url(${ref}))`),
    ),
  );
  const sheet = fc
    .array(fc.tuple(selector, fc.array(declaration, { minLength: 1, maxLength: 3 })), { minLength: 1, maxLength: 4 })
    .map((rules) => `<style>${escapeAttr(rules.map(([target, declarations]) => `${target}{${declarations.join(';')}}`).join(''))}</style>`);
  const root = fc
    .tuple(
      fc.option(number, { nil: undefined, freq: 3 }),
      fc.option(number, { nil: undefined, freq: 3 }),
      fc.option(
        mostly(
          fc.tuple(fc.integer({ min: -20, max: 20 }), fc.integer({ min: -20, max: 20 }), fc.integer({ min: 10, max: 400 }), fc.integer({ min: 10, max: 400 })).map((parts) => parts.join(' ')),
          fc.tuple(number, number, number, number).map((parts) => parts.join(' ')),
        ),
        { nil: undefined, freq: 6 },
      ),
      fc.array(fc.oneof({ weight: 5, arbitrary: node }, { weight: 1, arbitrary: sheet }), { maxLength: 6 }),
    )
    .map(([width, height, viewBox, children]) => {
      const attributes = [
        'xmlns="http://www.w3.org/2000/svg"',
        'xmlns:xlink="http://www.w3.org/1999/xlink"',
        'xmlns:q="http://www.w3.org/1999/xlink"',
        'xmlns:svg="http://www.w3.org/2000/svg"',
        width !== undefined ? `width="${width}"` : '',
        height !== undefined ? `height="${height}"` : '',
        viewBox !== undefined ? `viewBox="${viewBox}"` : '',
      ];
      return `<svg ${attributes.filter(Boolean).join(' ')}>${children.join('')}<rect width="10" height="10" fill="#00f"/></svg>`;
    });
  // Byte-level damage on top of the grammar: prologues that must be refused, truncation, repetition.
  return fc.oneof(
    { weight: 12, arbitrary: root },
    fc.tuple(root, fc.constantFrom(
      `<!DOCTYPE svg [<!ENTITY s SYSTEM "file://${'SECRET'}">]>`,
      '<?xml version="1.0"?>',
      '<?xml-stylesheet href="x.css"?>',
      '\uFEFF',
      '<!-- c -->',
    )).map(([svg, prologue]) => prologue.replace('SECRET', secretRefs[0]!) + svg),
    fc.tuple(root, fc.nat()).map(([svg, cut]) => svg.slice(0, cut % (svg.length + 1))),
    fc.tuple(root, fc.integer({ min: 2, max: 40 })).map(([svg, times]) => svg.replace(/<rect /, '<g>'.repeat(times) + '<rect ')),
  );
}

/** One input through the intake: the outcome, or the reason the property fails. */
async function intake(svg: string): Promise<'rejected' | 'render-error' | 'image'> {
  let mark;
  try {
    mark = sanitizeSvg(Buffer.from(svg), 'fuzz.svg');
  } catch (error) {
    if (!(error instanceof SvgRejectedError) || !(SVG_ERROR_CODES as readonly string[]).includes(error.code)) {
      throw new Error(`sanitizer threw an untyped error: ${String(error)}\ninput: ${svg.slice(0, 300)}`);
    }
    return 'rejected';
  }
  // What a browser would fetch from favicon.svg opened as a page (resvg reads neither): a link that is no fragment.
  const link = /image-set\s*\(|\bsrc\s*\(|url\((?!\s*(?:&quot;|')?\s*#)/i.exec(mark.svg);
  if (link) throw new Error(`the sanitized mark links outside itself: ${mark.svg.slice(link.index, link.index + 80)}\ninput: ${svg.slice(0, 300)}`);
  const icon = composeIcon(mark, { size: ICON, inset: 0.1, defaultFill: '#000000' });
  const started = performance.now();
  try {
    const rgba = await renderer.rasterize({ svg: icon, width: ICON, height: ICON, output: 'rgba' });
    expect(rgba.length).toBe(ICON * ICON * 4);
    if (containsSecret(rgba)) throw new Error(`the planted file was drawn into the output\ninput: ${svg.slice(0, 300)}`);
    return 'image';
  } catch (error) {
    if (error instanceof RenderError) return 'render-error';
    if (error instanceof ForgeError) return 'render-error';
    throw error;
  } finally {
    // A hang would be a worse failure than an error: the budget must hold.
    expect(performance.now() - started).toBeLessThan(RENDER_BUDGET_MS + 1000);
  }
}

describe('generated SVGs through forge intake', () => {
  it('the detector works: the planted file drawn directly is caught', async () => {
    const { readFile } = await import('node:fs/promises');
    const png = await readFile(secretRefs[0]!);
    const direct = `<svg xmlns="http://www.w3.org/2000/svg" width="48" height="48"><image width="48" height="48" href="data:image/png;base64,${png.toString('base64')}"/></svg>`;
    const rgba = await renderer.rasterize({ svg: direct, width: ICON, height: ICON, output: 'rgba' });
    expect(containsSecret(rgba)).toBe(true);
  });

  it('every generated SVG ends in an image or a typed error, and never shows a file from disk', async () => {
    const outcomes = { rejected: 0, 'render-error': 0, image: 0 };
    await fc.assert(
      fc.asyncProperty(svgArbitrary(), async (svg) => {
        outcomes[await intake(svg)]++;
      }),
      { numRuns: 3000 },
    );
    console.log(`forge intake fuzz: ${JSON.stringify(outcomes)}`);
    // The grammar must reach the renderer often enough to mean something.
    expect(outcomes.image).toBeGreaterThan(300);
  }, 240_000);

  it('every spelling of the planted file, in <image> and <feImage>, is refused or draws nothing of it', async () => {
    const outcomes: string[] = [];
    for (const ref of secretRefs) {
      for (const attribute of ['href', 'xlink:href', 'q:href']) {
        const image = `<image width="40" height="40" ${attribute}="${escapeAttr(ref)}"/>`;
        const feImage = `<filter id="f"><feImage ${attribute}="${escapeAttr(ref)}"/></filter><rect width="40" height="40" filter="url(#f)"/>`;
        for (const body of [image, feImage]) {
          const svg = `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" xmlns:q="http://www.w3.org/1999/xlink" viewBox="0 0 40 40">${body}</svg>`;
          outcomes.push(await intake(svg));
        }
      }
    }
    // Some of these (data:image/png wrapping an SVG) pass the sanitizer and reach resvg: still no file.
    expect(outcomes).toContain('image');
  }, 240_000);
});
