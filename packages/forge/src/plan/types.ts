/**
 * The contract between forge's stages. A stage turns the validated creator input into planned
 * assets and head tags; nothing here touches pixels or the file system. Rendering happens later,
 * lazily, through the `render` function of each asset, with a {@link RenderContext} that routes
 * every rasterization through the isolated renderer.
 *
 * Stages from other folders (`badge/`, `mark-set/`, `social/`, `live-favicon/`) plug in by
 * exporting a {@link ForgeStage}; the core lists them in `plan/stages.ts`.
 */

/** Every file format forge writes. */
export const ASSET_FORMATS = ['png', 'ico', 'svg', 'webp', 'gif', 'json', 'html', 'webmanifest'] as const;
export type AssetFormat = (typeof ASSET_FORMATS)[number];

/**
 * What an asset is for. Recorded in forge.json so a marketplace can pick files without parsing names.
 * Stages may add values here (append only; forge.json consumers rely on the existing strings).
 */
export const ASSET_PURPOSES = [
  'favicon',
  'apple-touch-icon',
  'manifest-any',
  'manifest-maskable',
  'manifest-monochrome',
  'manifest',
  'head',
  'report',
  'badge',
  'mark-set',
  'social',
  'live-favicon',
] as const;
export type AssetPurpose = (typeof ASSET_PURPOSES)[number];

/** A colour as forge uses it: lower-case `#rrggbb`, whatever CSS colour the config wrote (config/colour.ts converts it on load). */
export type HexColor = `#${string}`;

export interface Palette {
  brand: HexColor;
  background: HexColor;
}

/** The dark palette; `ink`, when given, is what every colour of the mark that would not read on `background` becomes. */
export type DarkPalette = Palette & { ink?: HexColor };

/**
 * The creator config as written in creator.json (validated against
 * `config/creator-config.schema.json`). Paths are relative to the config file.
 */
export interface CreatorConfig {
  name: string;
  shortName?: string;
  /** The creator's site; https only. */
  url?: string;
  /** Path to the creator's SVG mark. */
  mark: string;
  /** Optional square SVG used for 16–48 px, where the full mark would be illegible. */
  glyph?: string;
  /** What the home-screen and app icons draw (default `mark`); `glyph` requires a `glyph` file. */
  homeScreen?: 'mark' | 'glyph';
  /** Optional SVG for the mark set's monogram (issue 6); forge draws initials from `name` without it. */
  monogram?: string;
  colors: Palette & { dark?: DarkPalette };
  /** Owned by the badge stage (issue 6); the core only passes it through. */
  badges?: unknown[];
  /** Owned by the social-card stage (issue 6); the core only passes it through. */
  social?: Record<string, unknown>;
}

/** A mark after the sanitizer: rebuilt from allow-listed parts only, safe to embed and render. */
export interface SanitizedSvg {
  /** Serialized, sanitized SVG document (root `<svg>` with an explicit viewBox). */
  svg: string;
  /** The viewBox of the mark: the content box every fitting computation starts from. */
  viewBox: readonly [x: number, y: number, width: number, height: number];
  /** True when the mark draws text, which then renders with forge's bundled font only. */
  hasText: boolean;
  /** The paper size (A4, Letter…) the file was sized as: a whole page saved rather than a logo cropped to its drawing. */
  paper?: string;
  /** The file had its own dark-mode styles (`@media (prefers-color-scheme: dark)`), left out: forge's dark versions come from colors.dark. */
  ownDarkStyles?: true;
  /**
   * The dark half of each light-dark() the mark paints with, by the light colour drawn (lower-case
   * `#rrggbb` both): the dark files use it for that colour (svg/dark.ts).
   */
  darkPicks?: ReadonlyMap<HexColor, HexColor>;
}

/** Config after validation: colours normalised, optional fields resolved, sources loaded and sanitized. */
export interface ForgeInput {
  config: CreatorConfig & { shortName: string };
  mark: SanitizedSvg;
  /** The glyph if the config names one, else the mark. */
  glyph: SanitizedSvg;
  /** The monogram SVG if the config names one. */
  monogram?: SanitizedSvg;
}

/** One rasterization: an SVG document rendered to exactly width × height pixels. */
export interface RasterJob {
  svg: string;
  width: number;
  height: number;
  /** Encoding of the result. `rgba` returns raw pixels (width × height × 4). */
  output: 'png' | 'webp' | 'rgba';
  /** PNG: quantize to a palette when that is visually lossless for this image (default true). */
  palette?: boolean;
  /** Replace every colour by this one, keeping only the alpha (monochrome icons). */
  tint?: HexColor;
  /**
   * With `rasterizeMeasured`: measure how well the drawing shows laid on this colour
   * (MeasuredImage.shown) instead of where it lies (its box). Ignored by `rasterize`.
   */
  shownOn?: HexColor;
  /**
   * With `rasterizeMeasured` and no `shownOn`: also count the pixels the box counts
   * (MeasuredImage.filled), which reads the drawing's inside too. Ignored by `rasterize`.
   */
  countFilled?: true;
}

/** Per-job options of a renderer. */
export interface RenderJobOptions {
  /** Aborting it rejects the job with the signal's reason; a job not yet drawn is dropped. */
  signal?: AbortSignal;
}

/**
 * Where an image's drawing lies, in pixels, right and bottom exclusive: the pixels whose alpha is at
 * least half the image's strongest (a glow's or soft shadow's faint tail does not count).
 */
export interface PixelBox {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

/**
 * How well a drawing shows on a colour: the colour and WCAG contrast ratio against it that the most
 * visible 1 % of its drawn pixels reach (pixels laid on that colour; those that come out exactly it
 * are not drawn). A drawing whose every pixel comes out the colour itself reads as it at 1:1.
 */
export interface Shown {
  colour: HexColor;
  ratio: number;
}

/**
 * An image with the box of its drawing (PixelBox; none when every pixel is transparent), or, for a
 * job with `shownOn`, how well it shows on that colour (none when every pixel is transparent).
 */
export interface MeasuredImage {
  bytes: Uint8Array;
  box?: PixelBox;
  shown?: Shown;
  /** For a job with `countFilled`: how many pixels show the drawing itself (the box's rule: alpha at least half the strongest). */
  filled?: number;
}

/**
 * What a lazy render function may use. Every call of `rasterize` runs in the isolated renderer.
 * Stages call it with the job alone; forge adds the run's signal.
 */
export interface RenderContext {
  rasterize(job: RasterJob, options?: RenderJobOptions): Promise<Uint8Array>;
  /** Rasterize many jobs at once (lets the renderer spread them over its processes). */
  rasterizeAll(jobs: readonly RasterJob[], options?: RenderJobOptions): Promise<Uint8Array[]>;
  /**
   * `rasterize` (the same bytes), also saying where the visible pixels lie, or with the job's
   * `shownOn` how well they show on that colour, measured where the pixels are anyway. Optional:
   * with a renderer of a caller's own that lacks it, the advice that needs it is not given.
   */
  rasterizeMeasured?(job: RasterJob, options?: RenderJobOptions): Promise<MeasuredImage>;
}

export interface PlannedAsset {
  /** File name inside the output folder, e.g. `favicon-96x96.png`. Forward slashes only, no `..`. */
  name: string;
  format: AssetFormat;
  purpose: AssetPurpose;
  /** Pixel size for raster images and square SVGs; omitted for text files. */
  width?: number;
  height?: number;
  /** Extra pixel sizes a container holds (favicon.ico: 16, 32, 48). */
  sizes?: readonly number[];
  /** Produces the bytes. Called at most once per forge run. */
  render: (context: RenderContext) => Promise<Uint8Array> | Uint8Array;
}

/** A tag for the `<head>` snippet. Attribute values are escaped by the head writer. */
export interface HeadTag {
  tag: 'link' | 'meta';
  attributes: Readonly<Record<string, string>>;
}

/** An entry in site.webmanifest's `icons`. */
export interface ManifestIcon {
  src: string;
  sizes: string;
  type: string;
  purpose: 'any' | 'maskable' | 'monochrome';
}

/** What one stage adds to the plan. */
export interface StageContribution {
  assets: PlannedAsset[];
  headTags?: HeadTag[];
  manifestIcons?: ManifestIcon[];
  /**
   * What the stage's drawn images showed that the creator should know (one sentence each, as
   * `adviceFor`); called once every asset of the run is drawn.
   */
  advice?: () => string[];
  /**
   * The creator's pictures this stage drew on `colors.background` that hardly stand out from it;
   * called once every asset is drawn. The plan words them as one sentence per picture, naming the
   * files of every stage that showed it so (advice.ts, faintAdvice).
   */
  faint?: () => FaintPicture[];
}

/** A picture of the creator's drawn on `colors.background` whose most visible colour there is below FAINT_CONTRAST against it. */
export interface FaintPicture {
  field: 'mark' | 'glyph' | 'monogram';
  /** The file or files that show it, as the creator sees them named (`badges/verified.*`). */
  asset: string;
  /** The colour of the picture's pixels that stands out most from the background, and its contrast ratio against it. */
  colour: HexColor;
  ratio: number;
}

/** A picture of the creator's whose "draws nothing" verdict is the favicon stage's in every run (favicon/stage.ts). */
export type JudgedPicture = 'mark' | 'glyph';

/** What a stage may know about the run: where the files will be served (absolute URLs in og: tags), and which stages run. */
export interface StagePlanOptions {
  /** URL path the files are served under, ending in `/`. */
  basePath: string;
  /**
   * Names of every stage in this run, in plan order. Whether a picture draws anything is the
   * favicon stage's verdict in every run (favicon/stage.ts, picturesVerdict): a stage that draws the
   * mark or glyph, or publishes it (the mark set), asks for that verdict itself only when the
   * favicon stage is not in the run.
   */
  stages?: readonly string[];
  /**
   * Every picture some stage of this run asks that verdict on (ForgeStage.judges); empty when the
   * favicon stage runs. A stage that asks asks about all of them, so when two are blank every
   * asking stage throws the same refusal, the one a whole run throws, whichever of their images
   * comes first in the plan.
   */
  judged?: readonly JudgedPicture[];
}

/** A stage is a pure function of the input. */
export interface ForgeStage {
  name: string;
  plan(input: ForgeInput, options?: StagePlanOptions): StageContribution;
  /**
   * The pictures this stage asks the favicon stage's verdict on in a run without that stage: those
   * it draws or publishes. Never throws (a config the stage refuses is its plan's to report).
   */
  judges?(input: ForgeInput): readonly JudgedPicture[];
}

/** The whole plan: pure data plus lazy render functions, in output order. */
export interface ForgePlan {
  input: ForgeInput;
  assets: PlannedAsset[];
  headTags: HeadTag[];
  /** The stages' advice from their drawn images; meaningful once every asset is drawn. */
  drawnAdvice: () => string[];
}

/** A rendered file, ready for a shell to write: what was planned, with its bytes. */
export interface ForgedFile extends Omit<PlannedAsset, 'render'> {
  bytes: Uint8Array;
  sha256: string;
}

/** The core's result: every file (forge.json and head.html included) and the head snippet. */
export interface ForgeResult {
  files: ForgedFile[];
  head: string;
  /**
   * What the creator should know although nothing stopped the run, one sentence each:
   * `adviceFor(input)`, then what only the drawn images show (a drawing that fills little of its
   * canvas).
   */
  advice: string[];
}
