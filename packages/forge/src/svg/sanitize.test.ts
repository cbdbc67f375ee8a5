import { describe, expect, it } from 'vitest';
import { sanitizeSvg } from './sanitize.ts';
import { SvgRejectedError } from '../errors.ts';
import { COMPLEX_MARK, TALL_MARK } from '../testing/marks.ts';

const svg = (body: string, root = 'viewBox="0 0 10 10"') => `<svg xmlns="http://www.w3.org/2000/svg" ${root}>${body}</svg>`;

function codeOf(input: string | Uint8Array): string {
  try {
    sanitizeSvg(input);
  } catch (error) {
    expect(error).toBeInstanceOf(SvgRejectedError);
    return (error as SvgRejectedError).code;
  }
  return 'accepted';
}

describe('sanitizeSvg', () => {
  it('rebuilds a mark from allow-listed parts and keeps its drawing', () => {
    const result = sanitizeSvg(COMPLEX_MARK);
    expect(result.viewBox).toEqual([0, 0, 240, 240]);
    expect(result.hasText).toBe(true);
    expect(result.svg).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" viewBox="0 0 240 240">/);
    expect(result.svg).toContain('<linearGradient id="sun"');
    expect(result.svg).toContain('<use href="#ray" fill="#1b1b3a"/>');
    expect(result.svg).not.toMatch(/title|metadata|editor junk|xlink/);
    // inline style became an attribute, so the one allowlist governs it
    expect(result.svg).toContain('fill="#1b1b3a" x="120"');
  });

  it('derives the viewBox from width and height and drops placement attributes', () => {
    const result = sanitizeSvg(TALL_MARK);
    expect(result.viewBox).toEqual([0, 0, 100, 300]);
    expect(result.svg).not.toMatch(/<svg[^>]*\swidth=/);
  });

  it('normalises hex paints to lower-case #rrggbb', () => {
    expect(sanitizeSvg(svg('<path d="M0 0h1" fill="#F36" stroke="#ABCDEF"/>')).svg).toContain('fill="#ff3366" stroke="#abcdef"');
  });

  it('drops unknown attributes and foreign-namespace elements silently', () => {
    const result = sanitizeSvg(svg('<g data-x="1" xmlns:ink="urn:ink" ink:label="l"><ink:thing><path d="M0 0"/></ink:thing><path d="M1 1"/></g>'));
    expect(result.svg).toBe('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><g><path d="M1 1"/></g></svg>');
  });

  it('escapes text and attribute values on output', () => {
    const result = sanitizeSvg(svg('<text font-family="a&quot;b">&lt;b&gt; &amp; c</text>'));
    expect(result.svg).toContain('<text font-family="a&quot;b">&lt;b&gt; &amp; c</text>');
  });

  it('accepts data: images and fragment links, refuses everything else', () => {
    const png = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';
    expect(codeOf(svg(`<image href="${png}" width="1" height="1"/>`))).toBe('accepted');
    expect(codeOf(svg('<image href="data:image/svg+xml;base64,PHN2Zz4=" width="1" height="1"/>'))).toBe('svg-forbidden-href');
    expect(codeOf(svg('<path d="M0 0" fill="url(#g)"/>'))).toBe('accepted');
    expect(codeOf(svg('<path d="M0 0" fill="url(/etc/passwd)"/>'))).toBe('svg-forbidden-href');
  });

  it('refuses style sheets that could import or escape', () => {
    expect(codeOf(svg('<style>.a{fill:#f00}</style>'))).toBe('accepted');
    expect(codeOf(svg('<style>@import "x.css";</style>'))).toBe('svg-forbidden-attribute');
    expect(codeOf(svg('<style>.a{fill:\\75 rl(x)}</style>'))).toBe('svg-forbidden-attribute');
    expect(codeOf(svg('<path d="M0 0" style="fill:url(file:///etc/passwd)"/>'))).toBe('svg-forbidden-href');
  });

  it('names the file in its messages', () => {
    expect(() => sanitizeSvg('<html/>', 'uploads/mark.svg')).toThrow(/^uploads\/mark\.svg: Expected an SVG document/);
  });
});
