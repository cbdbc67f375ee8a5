import { faintAdvice } from '../advice.ts';
import { renderHead, themeColorTags } from '../head/head.ts';
import { buildManifest } from '../manifest/manifest.ts';
import type { FaintPicture, ForgeInput, ForgePlan, ForgeStage, HeadTag, ManifestIcon, PlannedAsset } from './types.ts';

export interface PlanOptions {
  /** URL path the files are served under, ending in `/` (default `/`). */
  basePath?: string;
  /**
   * Where the installed app opens: the manifest's `start_url`, resolved against the manifest's own
   * URL. Default: the config's `url` (the creator's page), else `/`. Not the base path, which names
   * where the icons are served: `/icons/` or a CDN there opened the icons' folder (a 404).
   */
  startUrl?: string;
  /** Stages to run (default: every stage in plan/stages.ts). */
  stages?: readonly ForgeStage[];
}

/**
 * What a base path may not hold: what would break the head snippet's quoted attributes, and a query
 * or a fragment, after which every file name appended to it names the page, not the file, and a
 * control character, which a browser drops before a scheme ("\u0001javascript:" is javascript:)
 * and no path holds. The CLI's `--base` check uses it too.
 */
export const UNSAFE_IN_BASE_PATH = /[\s\p{Cc}"'<>\\?#]/u;

/**
 * How the CLI's `--base` and the Vite plugin's `basePath` must start: from the site's root, or a
 * full http(s) address (a scheme in any case, as the URL parser reads it). A path relative to the
 * page names another folder from every page below the root. One test for both: the CLI's was
 * case-sensitive and refused `HTTPS://…`, which the plugin and the library take.
 */
export const SERVED_FROM = /^(\/|https?:\/\/)/i;

/**
 * A scheme other than http(s): every href of head.html and the card's og:image start with the base
 * path, and a marketplace may pass a creator's own CDN folder. The CLI and the Vite plugin refused
 * these already; the library wrote `href="javascript:…/favicon.svg"`.
 */
const FOREIGN_SCHEME = /^(?!https?:)[a-z][a-z0-9+.-]*:/i;

export function normaliseBasePath(basePath = '/'): string {
  // Typed, but a marketplace's JavaScript may pass anything: a number failed as "basePath.endsWith is not a function".
  if (typeof basePath !== 'string' || UNSAFE_IN_BASE_PATH.test(basePath) || FOREIGN_SCHEME.test(basePath)) throw new Error(`Expected a URL path for basePath but received ${JSON.stringify(basePath) ?? String(basePath)}`);
  return basePath.endsWith('/') ? basePath : `${basePath}/`;
}

/**
 * What a start URL may not hold: white space, a control character (dropped by a browser before a
 * scheme, so "\u0001javascript:" hid one) and what would break out of JSON or HTML quoting. A
 * query (`/?source=app`, for analytics) is fine here; only a scheme other than http(s) is refused.
 */
const UNSAFE_IN_START_URL = /[\s\p{Cc}"'<>\\]/u;

export function normaliseStartUrl(startUrl: string): string {
  if (typeof startUrl !== 'string' || startUrl === '' || UNSAFE_IN_START_URL.test(startUrl) || (/^[a-z][a-z0-9+.-]*:/i.test(startUrl) && !/^https?:\/\//i.test(startUrl))) {
    throw new Error(`Expected a URL path or an https:// address (as / or https://nova.example/) for startUrl, where the installed app opens, but received ${JSON.stringify(startUrl)}`);
  }
  return startUrl;
}

// `@` for the @2x convention of badge images; still no `..`, no leading dot, no backslash.
const SAFE_NAME = /^(?!.*\.\.)[A-Za-z0-9][\w.@-]*(\/[A-Za-z0-9][\w.@-]*)*$/;

/**
 * Config → every asset and head tag, without drawing a pixel. The manifest and head snippet are
 * derived from what the stages contributed, so a stage's icons and tags appear in them for free.
 */
export function planStages(input: ForgeInput, stages: readonly ForgeStage[], options: Omit<PlanOptions, 'stages'> = {}): ForgePlan {
  const basePath = normaliseBasePath(options.basePath);
  const startUrl = normaliseStartUrl(options.startUrl ?? input.config.url ?? '/');
  const assets: PlannedAsset[] = [];
  const headTags: HeadTag[] = [];
  const manifestIcons: ManifestIcon[] = [];
  const advisers: (() => string[])[] = [];
  const faint: (() => FaintPicture[])[] = [];
  const names = stages.map((stage) => stage.name);
  // Known before any stage plans, so each asking stage asks about every picture the run judges.
  const judged = names.includes('favicon') ? [] : [...new Set(stages.flatMap((stage) => stage.judges?.(input) ?? []))];
  for (const stage of stages) {
    const contribution = stage.plan(input, { basePath, stages: names, judged });
    assets.push(...contribution.assets);
    headTags.push(...(contribution.headTags ?? []));
    manifestIcons.push(...(contribution.manifestIcons ?? []));
    if (contribution.advice) advisers.push(contribution.advice);
    if (contribution.faint) faint.push(contribution.faint);
  }
  const encoder = new TextEncoder();
  // The manifest is there for the installed app's icons. A run that makes none (no favicon stage:
  // `--only badges`, `--only social`) wrote one with `"icons": []` and linked it: browsers use the
  // first manifest a page links, so pasted before the favicon set's snippet it hid that manifest's
  // icons (no install prompt in Chrome, no home-screen icon on Android), and the Vite plugin told
  // the page to drop a manifest of its own for it. Such a run links and writes none.
  if (manifestIcons.length > 0) {
    const manifest = buildManifest(input, manifestIcons, basePath, startUrl);
    headTags.push({ tag: 'link', attributes: { rel: 'manifest', href: 'site.webmanifest' } });
    assets.push({
      name: 'site.webmanifest',
      format: 'webmanifest',
      purpose: 'manifest',
      render: () => encoder.encode(`${JSON.stringify(manifest, null, 2)}\n`),
    });
  }
  headTags.push(...themeColorTags(input));
  assets.push({ name: 'head.html', format: 'html', purpose: 'head', render: () => encoder.encode(renderHead(headTags, basePath)) });

  const seen = new Set<string>();
  for (const asset of assets) {
    if (!SAFE_NAME.test(asset.name)) throw new Error(`stage produced an unsafe file name ${JSON.stringify(asset.name)}`);
    if (seen.has(asset.name)) throw new Error(`two stages produce ${asset.name}`);
    seen.add(asset.name);
  }
  // A picture faint on its tile in several stages' images is one sentence naming all of them.
  const drawnAdvice = () => [...advisers.flatMap((advise) => advise()), ...faintAdvice(input, faint.flatMap((found) => found()))];
  return { input, assets, headTags, drawnAdvice };
}
