import { FAINT_CONTRAST, smallDrawingAdvice, solidMonochromeAdvice } from '../advice.ts';
import { composeIcon, placeMark } from '../svg/compose.ts';
import { darkRecolour } from '../svg/dark.ts';
import { buildIco } from '../ico/ico.ts';
import { blankRefusal, type SvgRejectedError } from '../errors.ts';
import type {
  FaintPicture,
  ForgeInput,
  ForgeStage,
  HexColor,
  JudgedPicture,
  MeasuredImage,
  PlannedAsset,
  RasterJob,
  RenderContext,
  SanitizedSvg,
  StageContribution,
  StagePlanOptions,
} from '../plan/types.ts';

/** Padding on each side of small favicons: enough that a wide mark never touches the tab's edge. */
export const FAVICON_INSET = 1 / 16;
/** iOS shows the touch icon edge to edge on an opaque tile; the mark needs air around it. */
export const TOUCH_ICON_INSET = 0.125;
/** Maskable icons may be cropped to any shape containing the centred 80 % circle. */
export const MASKABLE_SAFE_CIRCLE = 0.8;
/** A little inside the safe circle, so antialiased edges survive the crop too. */
export const MASKABLE_CONTENT_CIRCLE = 0.76;
export const ICO_SIZES = [16, 32, 48] as const;

/** The chunks of an indexed PNG the stages judge it by: the colours it uses, never its pixels. */
export interface IndexedPng {
  /** PLTE: three bytes per entry. */
  palette: Uint8Array;
  /** tRNS: one alpha per entry from the first; entries past its end are opaque. */
  alpha: Uint8Array;
}

/**
 * The palette of an indexed PNG, without decoding a pixel; undefined for any other PNG. forge's
 * renderer writes every image of at most 256 colours this way, holding only the colours it uses
 * (render/render-child.cjs), so the stages can judge what an image shows from its palette: whether
 * the favicon stage's icons draw anything (drawsNothing), whether the verified badge's tile is
 * bare. Here rather than in a module of its own, whose loading would cost every run ~1 ms
 * (docs/forge.md).
 */
export function readIndexedPng(png: Uint8Array): IndexedPng | undefined {
  // IHDR comes first: 8-byte signature, 4-byte length, "IHDR", width, height, depth, colour type.
  if (png.byteLength < 33 || png[25] !== 3) return undefined;
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  let palette: Uint8Array = new Uint8Array(0);
  let alpha: Uint8Array = new Uint8Array(0);
  for (let offset = 8; offset + 8 <= png.byteLength; ) {
    const length = view.getUint32(offset);
    const type = String.fromCharCode(png[offset + 4]!, png[offset + 5]!, png[offset + 6]!, png[offset + 7]!);
    // Both come before the image data, which is never read.
    if (type === 'IDAT') break;
    if (type === 'PLTE') palette = png.subarray(offset + 8, offset + 8 + length);
    else if (type === 'tRNS') alpha = png.subarray(offset + 8, offset + 8 + length);
    offset += 12 + length;
  }
  return { palette, alpha };
}

/**
 * True when a PNG is transparent in every pixel, read from its palette alone (a few microseconds
 * on any size). A blank render is one colour, the transparent one, so it is an indexed PNG whose
 * every palette entry is transparent. Any other PNG (truecolour has more than 256 colours; a
 * palette with an entry that shows) counts as drawn: when in doubt the mark is accepted, never
 * refused.
 */
export function drawsNothing(png: Uint8Array): boolean {
  const indexed = readIndexedPng(png);
  if (!indexed || indexed.palette.length === 0) return false;
  // Entries past the end of tRNS are opaque, so every entry must have its alpha there, all 0.
  return indexed.alpha.length === indexed.palette.length / 3 && indexed.alpha.every((value) => value === 0);
}

const iconRefusal = (field: 'mark' | 'glyph', file: string, size: number) => blankRefusal(field, file, `${size}x${size} icon`);

/**
 * The finding for a picture drawn on an opaque tile of colors.background when it hardly shows
 * there: read from the image's `shown`, which the renderer measures for a job with `shownOn`
 * (rasterizeMeasured: the contrast the most visible 1 % of the picture's pixels reach, whether the
 * image is written with a palette or, past 256 colours, as truecolour). Undefined when it shows,
 * or when the renderer did not measure it.
 */
export function faintIn(image: MeasuredImage | Uint8Array, field: FaintPicture['field'], asset: string): FaintPicture | undefined {
  if (image instanceof Uint8Array || !image.shown || image.shown.ratio >= FAINT_CONTRAST) return undefined;
  return { field, asset, colour: image.shown.colour, ratio: image.shown.ratio };
}

const hasOwnGlyph = (input: ForgeInput) => input.config.glyph !== undefined && input.glyph !== input.mark;

/**
 * The images the favicon stage decides on whether a picture draws anything, as it draws them, and
 * its refusal when every one is blank: each picture on its largest image alone on a transparent
 * canvas, so a faint hairline that shows there counts. The home-screen picture (the mark, or with
 * `"homeScreen": "glyph"` the glyph) on the 512 px manifest icon; then the mark on
 * favicon-96x96.png; a glyph of its own that stays off the home screen on favicon.ico's three
 * entries, its only images.
 */
function judgedImages(input: ForgeInput, field: 'mark' | 'glyph'): { jobs: RasterJob[]; refusal: () => SvgRejectedError } {
  const { config, mark, glyph } = input;
  const brand = config.colors.brand;
  if (field === 'glyph' && hasOwnGlyph(input)) {
    if (homeScreenSource(input) === glyph) {
      return { jobs: [{ svg: raster(glyph, 512, brand), width: 512, height: 512, output: 'png' }], refusal: () => iconRefusal('glyph', config.glyph!, 512) };
    }
    return {
      jobs: ICO_SIZES.map((size) => ({ svg: raster(glyph, size, brand), width: size, height: size, output: 'png' })),
      refusal: () => iconRefusal('glyph', config.glyph!, ICO_SIZES.at(-1)!),
    };
  }
  const size = homeScreenSource(input) === mark ? 512 : 96;
  return { jobs: [{ svg: raster(mark, size, brand), width: size, height: size, output: 'png' }], refusal: () => iconRefusal('mark', config.mark, size) };
}

const verdicts = new WeakMap<ForgeInput, WeakMap<RenderContext, Map<JudgedPicture, Promise<SvgRejectedError | undefined>>>>();

/**
 * Whether the mark or the glyph draws anything, as the favicon stage decides it: the `svg-empty`
 * refusal it would throw, or undefined. For the stages that draw the picture (live favicon, the
 * verified badge, the social card) or publish it (the mark set) in a run without the favicon
 * stage, through picturesVerdict, so that one input gets one verdict whichever stages run: their
 * own images show the picture at other sizes, on a tile or beside a dot, where a faint hairline may
 * show or vanish differently, a glyph drawn white on a white tile draws pixels all the same, and
 * the mark set draws no image at all. It costs those runs the judged images (favicon.ico's
 * three entries for a glyph of its own, one 512 px icon for the mark or for a glyph on the home
 * screen), drawn once per run however many stages ask (kept per input and renderer context, which
 * forge makes anew for each run with a signal; a failed draw is forgotten).
 */
function pictureVerdict(input: ForgeInput, key: JudgedPicture, context: RenderContext): Promise<SvgRejectedError | undefined> {
  let byContext = verdicts.get(input);
  if (!byContext) verdicts.set(input, (byContext = new WeakMap()));
  let byField = byContext.get(context);
  if (!byField) byContext.set(context, (byField = new Map()));
  let verdict = byField.get(key);
  if (!verdict) {
    const { jobs, refusal } = judgedImages(input, key);
    verdict = context.rasterizeAll(jobs).then((pngs) => (pngs.every(drawsNothing) ? refusal() : undefined));
    byField.set(key, verdict);
    verdict.catch(() => byField.delete(key));
  }
  return verdict;
}

/**
 * The favicon stage's verdict on `pictures` (default both) in a run without that stage: the
 * refusal a whole run throws, or undefined. A stage asks about every picture its run judges
 * (StagePlanOptions.judged), not only its own, so that when two are blank the run names the one a
 * whole run names whichever asking stage's image comes first in the plan (--only live-favicon,social
 * named the glyph where a whole run names the mark): the one whose image comes first in the
 * favicon stage's plan, the picture kept off the home screen (a glyph of its own on favicon.ico,
 * or the mark on favicon-96x96.png), then the home-screen one on its 512 px icon. Without a glyph
 * of its own both are the mark's one verdict. Asking about another stage's picture draws nothing
 * more: that stage asks too, and each verdict is drawn once per run.
 */
export async function picturesVerdict(
  input: ForgeInput,
  context: RenderContext,
  pictures: readonly JudgedPicture[] = ['mark', 'glyph'],
): Promise<SvgRejectedError | undefined> {
  const keys = new Set(pictures.map((field) => (field === 'glyph' && hasOwnGlyph(input) ? 'glyph' : 'mark')));
  const order = homeScreenSource(input) === input.glyph ? (['mark', 'glyph'] as const) : (['glyph', 'mark'] as const);
  const verdicts = await Promise.all(order.filter((key) => keys.has(key)).map((key) => pictureVerdict(input, key, context)));
  return verdicts.find((refusal) => refusal !== undefined);
}

/**
 * The pictures a stage asks picturesVerdict about: its own, and every other its run judges
 * (undefined options: planned on its own, outside planStages).
 */
export function askedPictures(own: readonly JudgedPicture[], options: StagePlanOptions | undefined): JudgedPicture[] {
  return [...new Set([...own, ...(options?.judged ?? [])])];
}

function raster(mark: SanitizedSvg, size: number, brand: HexColor, extra: { inset?: number; background?: HexColor; safeCircle?: number } = {}): string {
  return composeIcon(mark, {
    size,
    inset: extra.inset ?? FAVICON_INSET,
    background: extra.background,
    safeCircle: extra.safeCircle,
    defaultFill: brand,
  });
}

/**
 * Draws a job, measured when the renderer can (the same bytes either way), so the stage learns
 * from an image it draws anyway how much of its canvas the drawing fills, or with the job's
 * `shownOn` how well it shows on that colour.
 */
function drawMeasured(context: RenderContext, job: RasterJob): Promise<MeasuredImage | Uint8Array> {
  return context.rasterizeMeasured ? context.rasterizeMeasured(job) : context.rasterize(job);
}

/**
 * The share of the width and height of its box on the icon (inset, fitted, centred) that the
 * picture's visible pixels span, or undefined when the renderer did not measure them.
 */
function drawnShare(image: MeasuredImage | Uint8Array, svg: SanitizedSvg, size: number): { width: number; height: number } | undefined {
  if (image instanceof Uint8Array || !image.box) return undefined;
  const place = placeMark(svg.viewBox, { size, inset: FAVICON_INSET });
  return { width: (image.box.right - image.box.left) / place.width, height: (image.box.bottom - image.box.top) / place.height };
}

const whenDark = (css: string) => (css === '' ? '' : `<style>@media (prefers-color-scheme:dark){${css}}</style>`);

/**
 * The tab icon, scalable, with its dark variant inside: under prefers-color-scheme the palette
 * swaps and colours that would not read on the dark background lift (svg/dark.ts); the attribute
 * rules go before the mark, the copies of its own sheets (none for a sanitized mark) after it.
 * With `pixels`, the same drawing as a raster job of that size (the live favicon PNG): sized in
 * pixels and with compose's layer anchor, which favicon.svg carries only in the group taking a
 * root's opacity, filter or mask.
 */
export function faviconSvg(input: ForgeInput, pixels?: number): string {
  const { colors } = input.config;
  const dark = colors.dark ? darkRecolour(input.glyph.svg, colors, colors.dark, input.glyph.darkPicks) : undefined;
  return composeIcon(input.glyph, {
    size: 64,
    inset: FAVICON_INSET,
    defaultFill: input.config.colors.brand,
    prelude: whenDark(dark?.rules ?? ''),
    epilogue: whenDark(dark?.sheets ?? ''),
    ...(pixels === undefined ? { pixelSized: false } : { pixels }),
  });
}

const text = (value: string) => new TextEncoder().encode(value);

/**
 * What the home-screen and app icons draw (apple-touch-icon, the manifest's 192/512 `any`,
 * maskable and monochrome): the mark unless the config says `"homeScreen": "glyph"`. The
 * favicons keep their own rule (the glyph at 16-48 px, the mark at 96 px) either way.
 */
export function homeScreenSource(input: ForgeInput): SanitizedSvg {
  return input.config.homeScreen === 'glyph' ? input.glyph : input.mark;
}

export const faviconStage: ForgeStage = {
  name: 'favicon',
  plan(input): StageContribution {
    const { mark, glyph } = input;
    const { brand, background } = input.config.colors;
    // The home-screen and app icons are big tiles: a wide mark is a thin strip in them, so a
    // creator with a square glyph may put that there instead (homeScreen: "glyph").
    const home = homeScreenSource(input);
    const ownGlyph = hasOwnGlyph(input);
    const homeField = home === mark ? 'mark' : 'glyph';
    /** The creator's file behind each picture, named in a refusal. */
    const fileOf = (field: 'mark' | 'glyph') => (field === 'mark' ? input.config.mark : input.config.glyph!);
    /** The home-screen picture where it hardly shows on an opaque tile of colors.background, by file (images end in any order). */
    const faint = new Map<string, FaintPicture>();
    /**
     * How much of its box each picture's drawing fills, measured by the renderer on a small image of
     * it alone on a transparent background that the stage draws anyway: the mark on
     * favicon-96x96.png (always the mark), a glyph of its own on favicon.ico's 48 px entry. Small,
     * because the renderer reads the pixels in JavaScript it has not optimized yet (measured in
     * runs: ~0.2 ms per image at 96 and at 48 px; the 512 px icon has 28 times the pixels of the
     * 96 px one). A pixel is 1.2 % of the mark's box at 96 px, 2.4 % of the glyph's at 48: plenty
     * for advice.
     */
    const shares: { mark?: { width: number; height: number }; glyph?: { width: number; height: number } } = {};
    /**
     * The share of its safe area (its box inside the safe circle) the home-screen picture's
     * silhouette covers on the monochrome icon, counted by the renderer on that image's pixels
     * (~1 ms more at 512 px): near all of it, Android's themed icon is an empty tile.
     */
    let silhouetteShare: number | undefined;
    /**
     * `shows`: the image is that picture alone on a transparent background, its largest such image,
     * so its pixels say whether the picture draws anything.
     * `measures`: the image is the mark alone on a transparent background: its drawing's share of its box is recorded.
     * `onTile`: the image is the home-screen picture on an opaque tile of colors.background: the
     * renderer measures how well it shows there (`shownOn`).
     */
    const png = (
      name: string,
      purpose: PlannedAsset['purpose'],
      size: number,
      svg: () => string,
      extra: { tint?: HexColor; shows?: 'mark' | 'glyph'; measures?: true; onTile?: true; silhouette?: true } = {},
    ): PlannedAsset => ({
      name,
      format: 'png',
      purpose,
      width: size,
      height: size,
      async render(context) {
        const job: RasterJob = {
          svg: svg(),
          width: size,
          height: size,
          output: 'png',
          tint: extra.tint,
          ...(extra.onTile ? { shownOn: background } : {}),
          ...(extra.silhouette ? { countFilled: true as const } : {}),
        };
        const image = extra.measures || extra.onTile || extra.silhouette ? await drawMeasured(context, job) : await context.rasterize(job);
        const bytes = image instanceof Uint8Array ? image : image.bytes;
        if (extra.shows && drawsNothing(bytes)) throw iconRefusal(extra.shows, fileOf(extra.shows), size);
        if (extra.measures) shares.mark = drawnShare(image, mark, size);
        if (extra.silhouette && !(image instanceof Uint8Array) && image.filled !== undefined) {
          const place = placeMark(home.viewBox, { size, inset: FAVICON_INSET, safeCircle: MASKABLE_CONTENT_CIRCLE });
          silhouetteShare = image.filled / (place.width * place.height);
        }
        const found = extra.onTile && faintIn(image, homeField, name);
        if (found) faint.set(name, found);
        return bytes;
      },
    });
    const assets: PlannedAsset[] = [
      {
        name: 'favicon.ico',
        format: 'ico',
        purpose: 'favicon',
        width: 48,
        height: 48,
        sizes: ICO_SIZES,
        async render(context) {
          const jobs = ICO_SIZES.map((size) => ({ svg: raster(glyph, size, brand), width: size, height: size, output: 'png' as const }));
          let pngs: Uint8Array[];
          if (ownGlyph) {
            // The glyph's own drawing is measured on the 48 px entry, the others drawn as usual.
            const largest = jobs.length - 1;
            const images = await Promise.all(jobs.map((job, index) => (index === largest ? drawMeasured(context, job) : context.rasterize(job))));
            shares.glyph = drawnShare(images[largest]!, glyph, jobs[largest]!.width);
            pngs = images.map((image) => (image instanceof Uint8Array ? image : image.bytes));
          } else {
            pngs = await context.rasterizeAll(jobs);
          }
          // A glyph of its own off the home screen is drawn only here on a transparent background:
          // these entries are the pixels that say whether it shows. On the home screen (as a glyph
          // that is the mark) it is judged at 512 px below, where a faint hairline that vanishes at
          // 48 px still counts, as it shows there.
          if (ownGlyph && home !== glyph && pngs.every(drawsNothing)) throw iconRefusal('glyph', input.config.glyph!, ICO_SIZES.at(-1)!);
          return buildIco(ICO_SIZES.map((size, index) => ({ size, png: pngs[index]! })));
        },
      },
      { name: 'favicon.svg', format: 'svg', purpose: 'favicon', width: 64, height: 64, render: () => text(faviconSvg(input)) },
      // With the glyph on the home screen this is the largest image of the mark left, so the one
      // that says whether the mark draws anything (see the 512 px icon below). Always the mark
      // alone: where its drawing's share of its box is measured.
      png('favicon-96x96.png', 'favicon', 96, () => raster(mark, 96, brand), { measures: true, ...(home === mark ? {} : { shows: 'mark' as const }) }),
      png('apple-touch-icon.png', 'apple-touch-icon', 180, () => raster(home, 180, brand, { inset: TOUCH_ICON_INSET, background }), { onTile: true }),
      png('web-app-manifest-192x192.png', 'manifest-any', 192, () => raster(home, 192, brand)),
      // The home-screen picture's largest image alone on a transparent background: when none of its
      // pixels shows, the mark (or the glyph there) draws nothing, whatever hid it (svg-empty).
      // Judged on this image rather than on a render of its own, which would cost every run a job.
      png('web-app-manifest-512x512.png', 'manifest-any', 512, () => raster(home, 512, brand), { shows: homeField }),
      png('web-app-manifest-maskable-512x512.png', 'manifest-maskable', 512, () => raster(home, 512, brand, { background, safeCircle: MASKABLE_CONTENT_CIRCLE }), {
        onTile: true,
      }),
      png('web-app-manifest-monochrome-512x512.png', 'manifest-monochrome', 512, () => raster(home, 512, brand, { safeCircle: MASKABLE_CONTENT_CIRCLE }), {
        tint: '#000000',
        silhouette: true,
      }),
    ];
    return {
      assets,
      advice: () => [
        ...(['mark', 'glyph'] as const).flatMap((field) => {
          const share = shares[field];
          const advice = share && smallDrawingAdvice(field, input[field], share);
          return advice ? [advice] : [];
        }),
        ...[silhouetteShare === undefined ? undefined : solidMonochromeAdvice(homeField, silhouetteShare, ownGlyph)].filter((advice) => advice !== undefined),
      ],
      faint: () => assets.flatMap((asset) => faint.get(asset.name) ?? []),
      headTags: [
        { tag: 'link', attributes: { rel: 'icon', type: 'image/png', href: 'favicon-96x96.png', sizes: '96x96' } },
        { tag: 'link', attributes: { rel: 'icon', type: 'image/svg+xml', href: 'favicon.svg' } },
        { tag: 'link', attributes: { rel: 'shortcut icon', href: 'favicon.ico' } },
        { tag: 'link', attributes: { rel: 'apple-touch-icon', sizes: '180x180', href: 'apple-touch-icon.png' } },
        { tag: 'meta', attributes: { name: 'apple-mobile-web-app-title', content: input.config.shortName } },
      ],
      manifestIcons: [
        { src: 'web-app-manifest-192x192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
        { src: 'web-app-manifest-512x512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
        { src: 'web-app-manifest-maskable-512x512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
        { src: 'web-app-manifest-monochrome-512x512.png', sizes: '512x512', type: 'image/png', purpose: 'monochrome' },
      ],
    };
  },
};
