import { describe, expect, it } from 'vitest';
import { planForge } from '../forge.ts';
import { DEFAULT_STAGES } from './stages.ts';
import { STAGE_LOADERS, loadStages } from './stage-registry.ts';
import { placeMark, composeIcon } from '../svg/compose.ts';
import { buildIco, readIcoDirectory } from '../ico/ico.ts';
import { faviconStage, faviconSvg, MASKABLE_SAFE_CIRCLE } from '../favicon/stage.ts';
import { CLASS_COLOURED_MARK, inputFromMark, WIDE_MARK, TALL_MARK } from '../testing/marks.ts';
import { sanitizeSvg } from '../svg/sanitize.ts';
import { socialStage } from '../social/social-card.ts';
import { badgeStage } from '../badge/stage.ts';

describe('the plan (no pixels)', () => {
  it('lists every asset of the set with size, format and purpose', async () => {
    const plan = planForge(await inputFromMark(WIDE_MARK));
    const summary = plan.assets.map(({ name, format, purpose, width }) => `${name} ${format} ${purpose} ${width ?? '-'}`);
    expect(summary).toEqual(
      expect.arrayContaining([
        'favicon.ico ico favicon 48',
        'favicon.svg svg favicon 64',
        'favicon-96x96.png png favicon 96',
        'apple-touch-icon.png png apple-touch-icon 180',
        'web-app-manifest-192x192.png png manifest-any 192',
        'web-app-manifest-512x512.png png manifest-any 512',
        'web-app-manifest-maskable-512x512.png png manifest-maskable 512',
        'web-app-manifest-monochrome-512x512.png png manifest-monochrome 512',
        'site.webmanifest webmanifest manifest -',
        'head.html html head -',
      ]),
    );
    expect(plan.assets.find((asset) => asset.name === 'favicon.ico')?.sizes).toEqual([16, 32, 48]);
  });

  it('derives the head snippet and the manifest from what the stages contributed', async () => {
    const plan = planForge(await inputFromMark(WIDE_MARK, { name: 'Nova <Drop> & "Co"', shortName: 'Nova' }), { basePath: '/shop', stages: [faviconStage] });
    const head = new TextDecoder().decode(await plan.assets.find((asset) => asset.name === 'head.html')!.render({} as never));
    expect(head.split('\n').filter(Boolean)).toEqual([
      '<link rel="icon" type="image/png" href="/shop/favicon-96x96.png" sizes="96x96">',
      '<link rel="icon" type="image/svg+xml" href="/shop/favicon.svg">',
      '<link rel="shortcut icon" href="/shop/favicon.ico">',
      '<link rel="apple-touch-icon" sizes="180x180" href="/shop/apple-touch-icon.png">',
      '<meta name="apple-mobile-web-app-title" content="Nova">',
      '<link rel="manifest" href="/shop/site.webmanifest">',
      '<meta name="theme-color" media="(prefers-color-scheme: light)" content="#ff3366">',
      '<meta name="theme-color" media="(prefers-color-scheme: dark)" content="#ff7a9c">',
    ]);
    const manifest = JSON.parse(new TextDecoder().decode(await plan.assets.find((asset) => asset.name === 'site.webmanifest')!.render({} as never)));
    expect(manifest).toMatchObject({ name: 'Nova <Drop> & "Co"', short_name: 'Nova', theme_color: '#ff3366', background_color: '#fff7f9', display: 'standalone' });
    expect(manifest.icons.map((icon: { purpose: string; sizes: string }) => `${icon.purpose} ${icon.sizes}`)).toEqual(['any 192x192', 'any 512x512', 'maskable 512x512', 'monochrome 512x512']);
  });

  it('links and writes no manifest in a run that makes none of its icons (no favicon stage)', async () => {
    // It wrote one with "icons": [] and linked it: pasted first, it hid the favicon set's manifest.
    const input = await inputFromMark(WIDE_MARK, { url: 'https://nova.example', badges: [{ kind: 'verified' }] });
    const plan = planForge(input, { stages: [socialStage, badgeStage] });
    expect(plan.assets.map((asset) => asset.name)).not.toContain('site.webmanifest');
    const head = new TextDecoder().decode(await plan.assets.find((asset) => asset.name === 'head.html')!.render({} as never));
    expect(head).not.toContain('manifest');
    expect(head).toMatch(/<meta property="og:image" content="https:\/\/nova\.example\/social-card\.png\?v=[0-9a-f]{10}">/u);
    expect(head).toContain('<meta name="theme-color"');
    expect(planForge(input, { stages: [faviconStage, badgeStage] }).assets.map((asset) => asset.name)).toContain('site.webmanifest');
  });

  it("opens the installed app at the creator's page, not at the folder the icons are served from", async () => {
    // start_url copied the base path: --base /icons/ made the installed app open /icons/ (a 404),
    // a CDN base made it open the CDN.
    const startUrl = async (config: Record<string, unknown>, options: { basePath?: string; startUrl?: string }) => {
      const plan = planForge(await inputFromMark(WIDE_MARK, config), { ...options, stages: [faviconStage] });
      const manifest = plan.assets.find((asset) => asset.name === 'site.webmanifest')!;
      return JSON.parse(new TextDecoder().decode(await manifest.render({} as never))).start_url;
    };
    expect(await startUrl({}, { basePath: '/icons/' })).toBe('/');
    expect(await startUrl({}, { basePath: 'https://cdn.example/icons/' })).toBe('/');
    expect(await startUrl({ url: 'https://nova.example/drops' }, { basePath: 'https://cdn.example/icons/' })).toBe('https://nova.example/drops');
    // A shell that knows the app's root (the Vite plugin: its base) passes it.
    expect(await startUrl({ url: 'https://nova.example/' }, { basePath: '/shop/brand/', startUrl: '/shop/' })).toBe('/shop/');
    expect(await startUrl({}, { basePath: './', startUrl: './?source=app' })).toBe('./?source=app');
    // A browser drops a control character before the scheme: this is javascript: to it.
    for (const bad of ['javascript:alert(1)', '/shop/"><b>', '', 'data:text/html,x', '\u0001javascript:alert(1)']) {
      await expect(startUrl({}, { startUrl: bad })).rejects.toThrowError(/Expected a URL path or an https:\/\/ address \(as \/ or https:\/\/nova.example\/\) for startUrl/u);
    }
  });

  it('refuses a base path with a query or a fragment, which every file name would be appended to', async () => {
    // "/shop/?v=1" gave href="/shop/?v=1/favicon.svg": the page itself with a query, never the icon.
    const input = await inputFromMark(WIDE_MARK);
    for (const basePath of ['/shop/?v=1', '/shop/#icons', 'https://cdn.example/shop/?v=2']) {
      expect(() => planForge(input, { basePath, stages: [faviconStage] })).toThrowError(/Expected a URL path .*basePath/u);
    }
    expect(() => planForge(input, { basePath: 'https://cdn.example/shop/', stages: [faviconStage] })).not.toThrow();
    // A marketplace may pass a creator's own CDN folder: every href of head.html starts with it, and
    // the social card's og:image too. Until 28 November 2026 these were written as the links.
    for (const basePath of ['javascript:alert(1)//', 'JavaScript:alert(1)/', 'data:text/html,x/', 'vbscript:x/', 'file:///etc/', 'blob:https://a.example/x/']) {
      expect(() => planForge(input, { basePath, stages: [faviconStage, socialStage] })).toThrowError(`Expected a URL path for basePath but received ${JSON.stringify(basePath)}`);
    }
    // A browser drops control characters and spaces before a URL's scheme: "\u0001javascript:" is
    // javascript: to it, and the scheme test above starts at the first letter.
    for (const basePath of ['\u0001javascript:alert(1)//', '\u001fdata:text/html,x/', '\u007fjavascript:x/', '/shop\u0000/']) {
      expect(() => planForge(input, { basePath, stages: [faviconStage, socialStage] })).toThrowError(`Expected a URL path for basePath but received ${JSON.stringify(basePath)}`);
    }
    for (const basePath of ['//cdn.example/shop/', 'http://localhost:5173/', '/a:b/']) {
      expect(() => planForge(input, { basePath, stages: [faviconStage] })).not.toThrow();
    }
    // From untyped JavaScript: named, not "basePath.endsWith is not a function".
    for (const [basePath, shown] of [[5, '5'], [null, 'null'], [['/a/'], '["/a/"]']] as const) {
      expect(() => planForge(input, { basePath: basePath as never, stages: [faviconStage] })).toThrowError(`Expected a URL path for basePath but received ${shown}`);
    }
  });

  it('escapes creator text in the head snippet', async () => {
    const plan = planForge(await inputFromMark(WIDE_MARK, { shortName: '"><script>x</script>' }));
    const head = new TextDecoder().decode(await plan.assets.find((asset) => asset.name === 'head.html')!.render({} as never));
    expect(head).toContain('content="&quot;&gt;&lt;script&gt;x&lt;/script&gt;"');
  });

  it('uses one theme-color without a dark palette', async () => {
    const input = await inputFromMark(WIDE_MARK, { colors: { brand: '#123456', background: '#FFF' } });
    const plan = planForge(input);
    expect(plan.headTags.filter((tag) => tag.attributes.name === 'theme-color')).toEqual([{ tag: 'meta', attributes: { name: 'theme-color', content: '#123456' } }]);
    expect(input.config.colors.background).toBe('#ffffff');
  });

  it('refuses stages that would write outside the folder or twice', async () => {
    const input = await inputFromMark(WIDE_MARK);
    const stage = (name: string) => ({ name: 'x', plan: () => ({ assets: [{ name, format: 'png' as const, purpose: 'badge' as const, render: () => new Uint8Array() }] }) });
    expect(() => planForge(input, { stages: [stage('../escape.png')] })).toThrow(/unsafe file name/);
    expect(() => planForge(input, { stages: [stage('a.png'), stage('a.png')] })).toThrow(/two stages produce a\.png/);
  });
});

describe('the stage registry', () => {
  it('lazily loads exactly the default stages, in order', async () => {
    expect(Object.keys(STAGE_LOADERS)).toEqual(DEFAULT_STAGES.map((stage) => stage.name));
    expect(await loadStages()).toEqual([...DEFAULT_STAGES]);
  });
});

describe('fitting a mark into a square', () => {
  it('pads a 4:1 mark on every side and centres it', () => {
    expect(placeMark([0, 0, 400, 100], { size: 64, inset: 1 / 16 })).toEqual({ x: 4, y: 25, width: 56, height: 14 });
    expect(placeMark([0, 0, 100, 300], { size: 96, inset: 1 / 16 })).toEqual({ x: 34, y: 6, width: 28, height: 84 });
  });

  it('keeps maskable content inside the 80 % safe circle', () => {
    for (const viewBox of [[0, 0, 400, 100], [0, 0, 100, 100], [0, 0, 50, 300]] as const) {
      const place = placeMark(viewBox, { size: 512, inset: 0, safeCircle: 0.76 });
      const halfDiagonal = Math.hypot(place.width, place.height) / 2;
      expect(halfDiagonal).toBeLessThanOrEqual((MASKABLE_SAFE_CIRCLE * 512) / 2);
    }
  });

  it('writes a square favicon.svg with a dark variant from the dark palette', async () => {
    const input = await inputFromMark(WIDE_MARK);
    const svg = faviconSvg(input);
    // Square and scalable: a viewBox, no size (its style only keeps the mark's sheet off forge's root).
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" viewBox="0 0 64 64"( style="[^"]*")?>/);
    expect(svg.slice(0, svg.indexOf('>'))).not.toMatch(/ (width|height)=/);
    expect(svg).toContain('@media (prefers-color-scheme:dark){:where([fill="#ff3366"]){fill:#ff7a9c}');
    expect(svg).toContain(':where([fill="#fff7f9"]){fill:#14142b}');
    // The favicon is itself a safe SVG: it passes the sanitizer it was built from.
    expect(() => sanitizeSvg(svg.replace(/<style>.*<\/style>/, ''))).not.toThrow();
  });

  it('gives colours set by the mark\'s own stylesheet a dark variant too, as attributes', async () => {
    const svg = faviconSvg(await inputFromMark(CLASS_COLOURED_MARK));
    // The sanitizer applies the mark's sheet to its shapes, so its colours are attributes the dark
    // rules reach; no copy of the sheet follows the mark (none is left to reach forge's own shapes).
    expect(svg).not.toContain('.cls-1');
    // The mark's own #123456 reads 1.4:1 on the dark background, so it lifts too (svg/dark.ts).
    expect(svg).toContain(':where([fill="#123456"]){fill:#779cc4}');
    expect(svg).toContain('<rect class="cls-2" x="10" width="10" height="10" fill="#123456"/>');
  });

  it('adds no stylesheet copy when the mark has none, or none of its colours are the palette\'s', async () => {
    expect(faviconSvg(await inputFromMark(WIDE_MARK))).not.toContain('</svg><style>');
    const other = CLASS_COLOURED_MARK.replaceAll('#FF3366', '#00aa00').replace('#fff7f9', '#0000ff').replace('#f36', '#00aa00');
    expect(faviconSvg(await inputFromMark(other))).not.toContain('.cls-1{fill:#ff7a9c}');
    // No dark palette, no dark variant of any kind.
    const lightOnly = faviconSvg(await inputFromMark(CLASS_COLOURED_MARK, { colors: { brand: '#ff3366', background: '#fff7f9' } }));
    expect(lightOnly).not.toContain('prefers-color-scheme');
  });

  it('gives an unset fill the brand colour', () => {
    const mark = sanitizeSvg('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><path d="M0 0h10v10z"/></svg>');
    expect(composeIcon(mark, { size: 16, inset: 0, defaultFill: '#ff3366' })).toContain('fill="#ff3366" viewBox="0 0 10 10"');
    const coloured = sanitizeSvg(TALL_MARK.replace('<svg ', '<svg fill="#000000" '));
    expect(composeIcon(coloured, { size: 16, inset: 0, defaultFill: '#ff3366' })).not.toContain('#ff3366');
  });
});

describe('ICO container', () => {
  it('round-trips a directory of PNG entries, 256 encoded as 0', () => {
    const images = [16, 32, 256].map((size) => ({ size, png: new Uint8Array([size % 256, 1, 2]) }));
    const ico = buildIco(images);
    expect(readIcoDirectory(ico)).toEqual([
      { width: 16, height: 16, length: 3, offset: 54 },
      { width: 32, height: 32, length: 3, offset: 57 },
      { width: 256, height: 256, length: 3, offset: 60 },
    ]);
    expect(ico[6 + 16 * 2]).toBe(0);
    expect(() => buildIco([{ size: 300, png: new Uint8Array() }])).toThrow(RangeError);
  });
});
