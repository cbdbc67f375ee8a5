import Color from 'colorjs.io';
import { describe, expect, it } from 'vitest';
import { SvgRejectedError } from '../errors.ts';
import { colourReads, resolvePaint } from './colours.ts';
import { composeIcon } from './compose.ts';
import { evaluateMath } from './css-math.ts';
import { sanitizeSvg } from './sanitize.ts';

describe('resolvePaint', () => {
  it('gives each inherited colour its own mix, whatever was resolved before (the cache is shared by every mark)', () => {
    // Both spelled rgb(49.804% 0% 0%) by toString(); half of each with black falls either side of 63.5/255.
    const lower = new Color('srgb', [0.498039, 0, 0]);
    const upper = new Color('srgb', [0.4980393, 0, 0]);
    const mix = 'color-mix(in srgb, currentColor 50%, black)';
    expect(resolvePaint(mix, lower)).toBe('#3f0000');
    expect(resolvePaint(mix, upper)).toBe('#400000');
    expect(resolvePaint(mix, lower)).toBe('#3f0000');
  });
});

describe('math and relative colours', () => {
  const mark = (body: string) => `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10">${body}</svg>`;

  it('evaluates the math functions colour channels take, with the types Chromium checks', () => {
    // Values and verdicts probed in Chromium (modern-colours and sheet-fidelity.chromium.test compare many more live).
    expect(evaluateMath('calc(255 / 2)')).toEqual({ value: 127.5, type: 'n' });
    expect(evaluateMath('calc(120deg + 0.5turn)')).toEqual({ value: 300, type: 'a' });
    expect(evaluateMath('calc(10deg / 2deg)')).toEqual({ value: 5, type: 'n' });
    expect(evaluateMath('clamp(none, 300, 255)')).toEqual({ value: 255, type: 'n' });
    expect(evaluateMath('calc(h + 30)', new Map([['h', 10]]))).toEqual({ value: 40, type: 'n' });
    for (const dropped of ['calc(50% + 10)', 'calc(1+2)', 'calc(1 +2)', 'calc(-e)', 'calc(50% * 2%)', 'calc(100 / 2%)', 'calc(1px)', 'max()', 'clamp(1, 2)', 'round(1.5deg)', 'calc(r)']) {
      expect(evaluateMath(dropped), dropped).toBe('invalid');
    }
    expect(evaluateMath('calc(h + 30deg)', new Map([['h', 0]]))).toBe('invalid');
    expect(evaluateMath('random(0, 255)')).toEqual({ value: Number.NaN, type: 'n', unknown: 'random' });
    expect(evaluateMath('calc(random(--a, 0%, 100%) / 2)')).toEqual({ value: Number.NaN, type: '%', unknown: 'random' });
  });

  it("reads a stranger's calc( 60 000 deep and a 120 000-term sum in one pass, without overflowing the stack", () => {
    const deep = `rgb(${'calc('.repeat(60_000)}1${')'.repeat(60_000)} 0 0)`;
    const long = `rgb(calc(${'1 + '.repeat(120_000)}1) 0 0)`;
    expect(evaluateMath(deep.slice(4, -6))).toBe('invalid');
    const { svg } = sanitizeSvg(mark(`<rect width="5" height="5" fill="${long}"/><rect width="5" height="5" fill="red" style="fill:${deep}"/>`));
    // The sum is 120 001 (#ff0000 once clipped); the nesting is past what is read, so the declaration is dropped as Chromium drops it past its own limit.
    expect(svg).toBe(mark('<rect width="5" height="5" fill="#ff0000"/><rect width="5" height="5" fill="red"/>'));
  });

  it("reads a stranger's min(), max() and hypot() of 200 000 arguments without overflowing the stack", () => {
    // Each spread its arguments into Math.min, Math.max or Math.hypot: RangeError (Maximum call stack
    // size exceeded) out of sanitizeSvg for a 400 KB fill, within the 1 MiB a mark may be.
    const many = Array.from({ length: 200_000 }, (_, index) => String(index % 10)).join(',');
    expect(evaluateMath(`min(${many})`)).toEqual({ value: 0, type: 'n' });
    expect(evaluateMath(`max(${many})`)).toEqual({ value: 9, type: 'n' });
    expect(evaluateMath(`hypot(${Array.from({ length: 200_000 }, () => '3%').join(',')}, 4%)`)).toMatchObject({ type: '%' });
    expect(evaluateMath('hypot(3, 4)')).toEqual({ value: 5, type: 'n' });
    expect(evaluateMath('min(1, nan, 2)')).toEqual({ value: Number.NaN, type: 'n' });
    expect(sanitizeSvg(mark(`<rect width="5" height="5" fill="rgb(calc(max(${many}) * 20) 0 0)"/>`)).svg).toBe(mark('<rect width="5" height="5" fill="#b40000"/>'));
    expect(sanitizeSvg(mark(`<rect width="5" height="5" fill="rgb(0 hypot(${many}) 0)"/>`)).svg).toBe(mark('<rect width="5" height="5" fill="#00ff00"/>'));
  });

  it('takes a hue modulo 360 as Chromium reads it, however large', () => {
    // colorjs.io kept a hue of 1e21 and its trigonometry lost the angle: #009692 and #837716 were drawn
    // where Chromium paints #6e69f3 and #c14e79 (probed, each way a mark sets a colour).
    const { svg } = sanitizeSvg(mark('<rect width="5" height="5" fill="oklch(60% 0.2 1e21)"/><rect width="5" height="5" fill="lch(50% 50 calc(1e300 * 1deg))"/><rect width="5" height="5" fill="hsl(-0.25turn, 100%, 50%)"/>'));
    expect(svg).toBe(mark('<rect width="5" height="5" fill="#6e69f3"/><rect width="5" height="5" fill="#c14e79"/><rect width="5" height="5" fill="#8000ff"/>'));
  });

  it('refuses a colour whose channel has a value only on a page, naming it and what to write instead, rather than drawing it black', () => {
    for (const [fill, name] of [
      ['rgb(random(0, 255) 0 0)', 'random'],
      ['color-mix(in srgb, red random(0%, 100%), blue)', 'random'],
      ['hsl(from red calc(h + sibling-index()) s l)', 'sibling-index'],
    ]) {
      let error: unknown;
      try {
        sanitizeSvg(mark(`<rect width="5" height="5" fill="${fill}"/>`), 'logo.svg');
      } catch (caught) {
        error = caught;
      }
      expect(error, fill).toBeInstanceOf(SvgRejectedError);
      expect((error as SvgRejectedError).code).toBe('svg-forbidden-attribute');
      expect((error as Error).message).toBe(`logo.svg: Expected a colour forge can draw but received "${fill}": ${name}() has a value only on a web page, not in an icon; write the colour itself`);
    }
  });
});

describe("what a stranger's colours may cost", () => {
  const mark = (body: string) => `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10">${body}</svg>`;
  /** A valid 20 KB colour: a sum of 5 000 ones in its red channel, mixed with currentColor where asked. */
  const long = (withCurrent: boolean) => {
    const red = `rgb(calc(${Array.from({ length: 5_000 }, () => '1').join(' + ')}) 0 0)`;
    return withCurrent ? `color-mix(in srgb, currentColor 50%, ${red})` : red;
  };
  const refusal = (svg: string) => {
    try {
      sanitizeSvg(svg, 'logo.svg');
    } catch (error) {
      expect(error).toBeInstanceOf(SvgRejectedError);
      return `${(error as SvgRejectedError).code}: ${(error as Error).message}`;
    }
    return 'accepted';
  };

  it('refuses a fill holding currentColor that each of many children would read again with its own colour', () => {
    // resolveColours writes the group's fill on each child that sets color (each reads currentColor as its
    // own) and reads it there: 120 children read 20 KB each. A 235 KB mark of this kind took 16 s and wrote a
    // 120 MB document (the colour left as written, none known above), 1 MiB would not have fit in a string.
    for (const colour of ['red', 'rgb(from currentColor r g b)']) {
      const children = Array.from({ length: 120 }, () => `<rect width="5" height="5" color="${colour}"/>`).join('');
      expect(refusal(mark(`<g fill="${long(true)}">${children}</g>`)), colour).toBe(
        "svg-too-large: logo.svg: Expected colours forge can read in at most 2097152 characters, each read wherever it is drawn (a mix of currentColor again on each child setting color), but this mark's take more; write the colours themselves",
      );
    }
  });

  it('refuses a dense function of currentColor worked out anew for thousands of children in colours of their own', () => {
    // Within the characters counted, each child reads 172 characters once; but that is eight colour
    // and math functions worked out in colorjs.io for each: 9 000 children (396 KB) took 6 s.
    const dense = 'color-mix(in oklch,oklch(from color-mix(in lab,currentColor 30%,lab(50 40 30)) calc(l * 0.9) c h),color-mix(in hsl longer hue,hsl(from currentColor h s l),lch(40% 30 200)))';
    const children = Array.from({ length: 4_000 }, (_, index) => `<rect width="5" height="5" color="#${(index * 7).toString(16).padStart(6, '0')}"/>`).join('');
    expect(refusal(mark(`<g fill="${dense}">${children}</g>`))).toBe(
      "svg-too-large: logo.svg: Expected colours forge can work out with at most 25000 colour and math functions (a function of currentColor once for each colour it is read in) but this mark's take more; write the colours themselves",
    );
    // One colour for them all is worked out once.
    const alike = children.replace(/color="#[0-9a-f]{6}"/g, 'color="#0057b8"');
    expect(refusal(mark(`<g fill="${dense}">${alike}</g>`))).toBe('accepted');
  });

  it('reads the paint of thousands of shapes a context-fill marker marks once, where they share it', () => {
    // Each marked path's fill and stroke was read anew to compare its users' paints: a 150-character
    // mix over 9 990 paths took 12 s, and was then refused for the characters read.
    const mix = 'color-mix(in oklch, oklch(from color-mix(in lab, red 30%, lab(50 40 30)) calc(l * 0.9) c h), color-mix(in hsl longer hue, hsl(10 50% 50%), lch(40% 30 200)))';
    const paths = Array.from({ length: 9_990 }, () => '<path d="M0 0h9" marker-end="url(#m)"/>').join('');
    const { svg } = sanitizeSvg(mark(`<marker id="m"><path d="M0 0h1" fill="context-fill" stroke="context-stroke"/></marker><g fill="${mix}" stroke="${mix}">${paths}</g>`));
    expect(svg.match(/<path d="M0 0h1" fill="(#[0-9a-f]{6})" stroke="\1"\/>/)).not.toBe(null);
    // A 20 KB paint over 120 paths, likewise: 5 000 of them took 20 s.
    const few = paths.slice(0, 120 * '<path d="M0 0h9" marker-end="url(#m)"/>'.length);
    expect(sanitizeSvg(mark(`<marker id="m"><path d="M0 0h1" fill="context-fill"/></marker><g fill="${long(false)}">${few}</g>`)).svg).toContain('<path d="M0 0h1" fill="#ff0000"/>');
  });

  it('still reads what real marks write: a mix of currentColor on thousands of children, each in its own colour', () => {
    const children = Array.from({ length: 3_000 }, (_, index) => `<rect width="5" height="5" color="#${(index * 5).toString(16).padStart(6, '0')}"/>`).join('');
    const { svg } = sanitizeSvg(mark(`<g fill="color-mix(in srgb, currentColor 50%, #ffffff)">${children}</g>`));
    expect(svg).toContain('<rect width="5" height="5" color="#000000" fill="#808080"/>');
    expect(svg).toContain(`<rect width="5" height="5" color="#003a93" fill="#809dc9"/>`);
    // One colour read whole, not twice over, on the way down: 20 KB stays within the budget.
    expect(sanitizeSvg(mark(`<rect width="5" height="5" fill="${long(false)}"/>`)).svg).toBe(mark('<rect width="5" height="5" fill="#ff0000"/>'));
  });
});

describe('withRootColour', () => {
  it('reads a mark once for all the raster jobs it is placed in with one colour', () => {
    // Each job read every paint of currentColor again, and a colour over 256 characters is not cached:
    // a stranger's mark holding 0.9 MB of them took a second a job, a dozen jobs a forge run.
    const shades = Array.from({ length: 25 }, () => 'calc(1 + 1)').join(' + ');
    const mix = `color-mix(in srgb, currentColor calc((${shades}) * 1%), white)`;
    expect(mix.length).toBeGreaterThan(256);
    const mark = sanitizeSvg(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><rect width="5" height="5" fill="${mix}"/></svg>`);
    const compose = () => composeIcon(mark, { size: 32, inset: 0.1, defaultFill: '#0057b8' });
    const before = colourReads.uncached;
    const first = compose();
    const once = colourReads.uncached - before;
    expect(once).toBeGreaterThan(0);
    for (let job = 0; job < 5; job += 1) expect(compose()).toBe(first);
    expect(colourReads.uncached - before).toBe(once);
    // Half the brand, half white; another colour is another reading.
    expect(first).toContain('<rect width="5" height="5" fill="#80abdc"/>');
    expect(composeIcon(mark, { size: 32, inset: 0.1, defaultFill: '#ff3366' })).toContain('<rect width="5" height="5" fill="#ff99b3"/>');
  });
});
