import { statSync, type Stats } from 'node:fs';
import { stat } from 'node:fs/promises';
import { dirname, join, relative, resolve, sep } from 'node:path';
import type { IncomingMessage } from 'node:http';
import type { Plugin, ResolvedConfig, ViteDevServer } from 'vite';
import { loadCreator } from './config/load.ts';
import { ForgeError } from './errors.ts';
import { forge } from './forge.ts';
import { normaliseBasePath, SERVED_FROM, UNSAFE_IN_BASE_PATH } from './plan/plan.ts';
import { namesConfig } from './shell/names-config.ts';
import { isWithin } from './within.ts';
import type { ForgeResult, ForgeStage, RenderContext } from './plan/types.ts';

/**
 * `@dropkit/forge/vite`: forges the creator's set on `vite build` (emitted as assets) and on
 * `vite dev` (served from memory), and puts the head snippet into index.html; an app whose pages a
 * server renders (no HTML input) gets it as head.html beside the set. Vite writes the files; forge
 * itself writes nothing.
 */
export interface DropkitForgeOptions {
  /** Path to creator.json, relative to Vite's root. */
  config: string;
  /** URL path of the files; defaults to Vite's `base`. */
  basePath?: string;
  /** Stages to run (default: all of forge's stages). */
  stages?: readonly ForgeStage[];
  /** A renderer to share with other work (an `IsolatedRenderer`); default: a fresh one per run. */
  renderer?: RenderContext;
}

/** What the plugin reads of a build hook's context: the environment it builds (Vite 6 and later). */
interface HookContext {
  environment?: { config: EnvironmentConfig };
}
interface EnvironmentConfig {
  consumer?: string;
  build: { ssr?: unknown; lib?: unknown; outDir: string; copyPublicDir?: boolean };
}

/** One forge of the creator's set, and what stops it. */
interface Run {
  result: Promise<ForgeResult>;
  controller: AbortController;
}

const CONTENT_TYPES: Record<string, string> = {
  png: 'image/png',
  svg: 'image/svg+xml',
  ico: 'image/x-icon',
  webmanifest: 'application/manifest+json',
  json: 'application/json',
  html: 'text/html; charset=utf-8',
  webp: 'image/webp',
  gif: 'image/gif',
};

/**
 * What to add to `vite build --watch`'s list for a file the set is made from. Rolldown's watcher
 * cannot watch a path that does not exist (a missing mark, measured with Vite 8.3: creating it
 * reports nothing), but a folder it watches reports each file created in it by the file's own
 * path, which watchChange then matches. Such a watch covers the folder's subfolders too, and any
 * change under it rebuilds the app, so the folder is used only when it exists and holds neither
 * Vite's root nor the output folder, nor lies in the latter: the build's own writes there would
 * rebuild it forever (measured: the root watched rebuilds in a loop). A mark missing from the root
 * itself is therefore not seen when created (docs/forge.md).
 */
function watchTargets(file: string, root: string, outDir: string): string[] {
  if (statSync(file, { throwIfNoEntry: false })) return [file];
  const folder = dirname(file);
  const usable = statSync(folder, { throwIfNoEntry: false })?.isDirectory() && !isWithin(root, folder) && !isWithin(outDir, folder) && !isWithin(folder, outDir);
  return usable ? [file, folder] : [file];
}

/**
 * How long the files a save reported must stay as they are before forge reads them, and how often
 * they are looked at meanwhile. Many saves reach the watcher in two steps: Node's writeFile and
 * editors that save in place truncate the file, then write it. The watcher (Vite's chokidar)
 * reports the first step and drops any further change to the same file for 50 ms, so a run that
 * started at once now and then read the mark before the write (measured: one writeFile in twenty
 * is still empty when reported), failed, and reloaded the page onto forge's error, and the write
 * itself was never reported. A write past those 50 ms is reported, and waits in turn.
 */
const QUIET_MS = 60;
const LOOK_EVERY_MS = 15;

/** The files as they are on disk now, by path: their stats, or undefined for one that is missing. */
async function onDisk(files: Iterable<string>): Promise<Map<string, Stats | undefined>> {
  const found = await Promise.all([...files].map(async (file) => [file, await stat(file).catch(() => undefined)] as const));
  return new Map(found);
}

/** Whether two looks at the same files found each as it was (size and modification time). */
function unchanged(before: Map<string, Stats | undefined>, now: Map<string, Stats | undefined>): boolean {
  if (before.size !== now.size) return false;
  for (const [file, stats] of now) {
    const was = before.get(file);
    if (!before.has(file) || was?.size !== stats?.size || was?.mtimeMs !== stats?.mtimeMs) return false;
  }
  return true;
}

/**
 * What of a page the browser does not read as tags: comments, and the content of elements that
 * hold text (a script's strings, a style, a title) or an inert copy (a template). Matched from
 * the left, whichever starts first: a "<!--" in a script's string is no comment, and taken for one
 * it hid every tag after it (until 28 November 2026). An unclosed comment or element runs to the
 * end of the page, as it does for the browser.
 */
const NOT_TAGS = /<!--[\s\S]*?(?:-->|$)|<(script|style|template|textarea|title)\b[^>]*>[\s\S]*?(?:<\/\1\s*>|$)/gi;

/** The page with what is not tags (NOT_TAGS) blanked, each character by a space: its indices are the page's. */
function tagsOnly(html: string): string {
  return html.replace(NOT_TAGS, (found) => ' '.repeat(found.length));
}

/**
 * Where the head snippet goes in a page: before `</head>`. A page may leave `<head>` and
 * `</head>` out (both optional in HTML): prepending the snippet put it before `<!doctype html>`,
 * which sends the browser into quirks mode, and before `<meta charset>`, which must come within
 * the first 1024 bytes. So without `</head>` it goes right after the page's `<meta charset>`,
 * else after `<head>`, `<html>` or the doctype, whichever comes last of those present.
 */
function withHead(html: string, head: string): string {
  // Found in the tags alone: a </head> in a comment (an old layout kept there) took the snippet
  // into the comment, and the page linked no icon at all (until 28 November 2026).
  const tags = tagsOnly(html);
  const close = tags.search(/<\/head\s*>/i);
  if (close >= 0) return html.slice(0, close) + head + html.slice(close);
  const anchors = [/<meta\s[^>]*charset[^>]*>/i, /<head(?:\s[^>]*)?>/i, /<html(?:\s[^>]*)?>/i, /<!doctype[^>]*>/i];
  for (const anchor of anchors) {
    const found = anchor.exec(tags);
    if (found) return html.slice(0, found.index + found[0].length) + '\n' + head + html.slice(found.index + found[0].length);
  }
  return head + html;
}

/**
 * Vite's relative base (`base: './'` or `''`) makes every URL relative to the page that holds it.
 * forge writes one snippet with `./` hrefs, right for a page at the root of the output only: in
 * `about/index.html` they named `about/favicon.svg`, which does not exist. Each page gets hrefs
 * that climb back to the root. Only hrefs forge made start with `href="./` (it prefixes each file
 * of the set with the base path and nothing else).
 */
function relativeTo(page: string, head: string): string {
  const depth = page.replace(/^\/+/, '').split('/').length - 1;
  return depth === 0 ? head : head.replaceAll('href="./', `href="${'../'.repeat(depth)}`);
}

/**
 * Whether a build's input (the bundler's, as buildStart gets it) holds a page to take the head
 * snippet. A backend-rendered app (Laravel, Rails, Django through their Vite plugins) builds
 * scripts only: its snippet went nowhere while the icons were emitted (until 28 November 2026).
 */
function hasPage(input: unknown): boolean {
  const entries = typeof input === 'string' ? [input] : input && typeof input === 'object' ? Object.values(input) : [];
  return entries.some((entry) => typeof entry === 'string' && /\.html?$/i.test(entry));
}

/**
 * The origin a server's page reaches the dev server at, for the head.html it includes: the page is
 * the backend's (Laravel on :8000, the dev server on :5173), so the snippet's root-relative links
 * named the backend's /favicon.svg. Vite's `server.origin` when it is an address (Laravel's plugin
 * sets a placeholder there, which is not), else the origin the request for head.html came to.
 * A Host that is not a host name or address (with its port) gives no origin: it is written into
 * the answer.
 */
function devOrigin(request: IncomingMessage, configured: string | undefined): string {
  if (configured && /^https?:\/\/[^/\s"'<>]+\/?$/i.test(configured)) return configured.replace(/\/$/, '');
  const host = request.headers.host ?? '';
  if (!/^(?:[a-z\d.-]+|\[[\da-f:.]+\])(?::\d{1,5})?$/i.test(host)) return '';
  return `${(request.socket as { encrypted?: boolean }).encrypted ? 'https' : 'http'}://${host}`;
}

/** Describes a value for a message: a string quoted, anything else by what it is. */
function described(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (Array.isArray(value)) return 'an array';
  if (value === null || typeof value !== 'object') return String(value);
  return 'an object';
}

/**
 * The options are read from a vite.config.js, often untyped: a missing `config` or a string for
 * `stages` failed only inside Vite's build as `The "paths[1]" argument must be of type string` or
 * `stages.map is not a function`, naming neither the plugin nor the option. Checked as the config
 * loads, each message names the option and what it takes.
 */
function checkOptions(options: unknown): asserts options is DropkitForgeOptions {
  const fail = (what: string) => {
    throw new TypeError(`dropkit forge: ${what}`);
  };
  if (options === null || typeof options !== 'object' || Array.isArray(options))
    fail(`Expected dropkitForge({ config: 'brand/creator.json' }) but received ${described(options)}`);
  const { config, basePath, stages, renderer } = options as Record<string, unknown>;
  if (typeof config !== 'string' || config.trim() === '')
    fail(`Expected the config option to be the path of creator.json relative to Vite's root (as "brand/creator.json") but received ${described(config)}`);
  if (basePath !== undefined && typeof basePath !== 'string') fail(`Expected the basePath option to be a URL path (as "/shop/") but received ${described(basePath)}`);
  // A path relative to each page ("brand/") linked brand/favicon.svg while the set was written to
  // the output's root and served in dev only under a path no request has: a 404 in build and dev.
  if (typeof basePath === 'string' && basePath !== './' && (!SERVED_FROM.test(basePath) || UNSAFE_IN_BASE_PATH.test(basePath)))
    fail(
      `Expected the basePath option to be a URL path from the site's root (as "/shop/"), a full https:// address, or "./", but received ${described(basePath)}; ` +
        'a path relative to the page names another folder from every page below the root, and a query or fragment names the page',
    );
  if (stages !== undefined && (!Array.isArray(stages) || stages.some((stage) => typeof stage?.plan !== 'function')))
    fail(`Expected the stages option to be an array of forge's stages (as [faviconStage]) but received ${described(stages)}`);
  if (renderer !== undefined && (typeof (renderer as RenderContext)?.rasterize !== 'function' || typeof (renderer as RenderContext).rasterizeAll !== 'function'))
    fail(`Expected the renderer option to be an IsolatedRenderer (an object with rasterize and rasterizeAll) but received ${described(renderer)}`);
}

/**
 * The page's own tags that the snippet may also set: the favicon `npm create vite` puts in every
 * template (`<link rel="icon" type="image/svg+xml" href="/vite.svg" />`), an old manifest, a
 * theme colour. With two, the browser picks one by its own rules (type, sizes, order: they differ
 * between browsers), so the creator's icon may not be the one shown. Every link is a candidate:
 * what it links is read from its rel (`relWords`).
 */
const OWN_TAG = /<link\s[^>]*>|<meta\s[^>]*\bname\s*=\s*["']?theme-color\b[^>]*>/gi;

/**
 * A link's rel as the browser reads it: a list of words in any case. Only a rel that began with
 * one of the words was read, so `rel="alternate icon"` (the ICO beside an SVG icon, as many guides
 * write it) was not named until 28 November 2026, and stayed to compete with the creator's.
 */
function relWords(tag: string): string[] {
  const found = /\srel\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))/i.exec(tag);
  // Unquoted, a self-closing tag's slash is not part of the value (<link rel=icon href=x.ico/>).
  return (found?.[1] ?? found?.[2] ?? found?.[3]?.replace(/\/$/, '') ?? '').toLowerCase().split(/\s+/).filter(Boolean);
}

/**
 * Whether the snippet sets what a tag of the page's own (an OWN_TAG match) sets too. A set without
 * the favicon stage links no icon and no manifest: the page's own are then not competing, and
 * telling the creator to remove them would take the page's icons away.
 */
function competes(own: string, head: string): boolean {
  if (/^<meta/i.test(own)) return head.includes('name="theme-color"');
  const rel = relWords(own);
  if (rel.includes('manifest')) return head.includes('rel="manifest"');
  if (rel.includes('apple-touch-icon') || rel.includes('apple-touch-icon-precomposed')) return head.includes('rel="apple-touch-icon"');
  if (rel.includes('icon') || rel.includes('mask-icon')) return /rel="(?:shortcut )?icon"/.test(head);
  return false;
}

/**
 * The snippets dropkitForge plugins put into pages lately, in this process: with two creators in
 * one config, the second plugin sees the first one's snippet in the page, which is not the page's
 * own. Bounded: a long dev session forges a new snippet on every edit of the config.
 */
const injectedHeads = new Set<string>();

export default function dropkitForge(options: DropkitForgeOptions): Plugin {
  checkOptions(options);
  let viteConfig: ResolvedConfig;
  let current: Run | undefined;
  let configPath = '';
  let closing = false;
  /** The dev server while one runs (`vite build --watch` is told through `addWatchFile`). */
  let devServer: ViteDevServer | undefined;
  /** Whether this dev server has forged yet: until a page asks, a change has nothing to redo. */
  let forged = false;
  /** The names of the set this dev server last forged: the requests a failed run answers with its error. */
  let names = new Set<string>();
  /** The pages already warned about tags of their own that the snippet sets too. */
  const toldAbout = new Set<string>();
  /**
   * The files the set depends on, absolute: the config and every file the latest run read (mark,
   * glyph, monogram, whatever the config names today). A change to any other file of the project
   * leaves the set alone.
   */
  let watched = new Set<string>();
  const watch = (file: string) => {
    if (watched.has(file)) return;
    watched.add(file);
    // Vite watches its root only; a brand folder outside it must be added. Nothing is ever
    // unwatched: Vite may be watching the same file for the app itself.
    devServer?.watcher.add(file);
  };

  /**
   * Vite's `base: './'` (or `''`), or `basePath: './'`: URLs relative to each page, in a build only
   * (dev serves from Vite's base). An explicit `'./'` gave nested pages `./` hrefs that named their
   * own folder, and in dev was served under no path a request has.
   */
  const relativeBase = () => options.basePath === './' || (options.basePath === undefined && (viteConfig.base === './' || viteConfig.base === ''));
  // With its last slash: forge adds it to the links, and dev matched requests against the path as
  // written, so a basePath of '/shop/brand' linked /shop/brand/favicon.svg and served it under
  // /shop/brandfavicon.svg (each link answered with the app's index.html, until 28 November 2026).
  const basePath = () => (relativeBase() ? (viteConfig.command === 'build' ? './' : viteConfig.base) : options.basePath === undefined ? viteConfig.base : normaliseBasePath(options.basePath));
  /**
   * Where the installed app opens: the app's root, Vite's `base`, even when `basePath` puts the
   * icons elsewhere. A relative base is resolved against the manifest, which sits at the output's
   * root beside the page, so `./` is that root; with a `basePath` of its own the manifest lies
   * elsewhere and the root is not known from there: forge's default (the config's `url`, else `/`).
   */
  const startUrl = () => {
    const relative = viteConfig.base === './' || viteConfig.base === '';
    const onAHost = (url: string) => /^(https?:)?\/\//i.test(url);
    // With the set on a CDN the manifest is there too, and a path base resolves to the CDN: the
    // browser ignores a start_url of another origin than the page's. The config's url names it.
    if (!relative) return onAHost(basePath()) && !onAHost(viteConfig.base) ? undefined : viteConfig.base;
    return options.basePath === undefined || options.basePath === './' ? './' : undefined;
  };
  const start = (): Run => {
    if (current) return current;
    const controller = new AbortController();
    const { signal } = controller;
    forged = true;
    const read = new Set<string>();
    const loaded = loadCreator(configPath, {
      onRead: (file) => {
        read.add(file);
        // Watched from the moment it is read, so a save during this very load is not missed.
        if (!signal.aborted) watch(file);
      },
    });
    // Once loaded (or refused), what it read is the whole set: a mark the config no longer names
    // stops counting, and a missing one it names counts (creating it forges again).
    const follow = () => {
      if (!signal.aborted) watched = new Set([configPath, ...read]);
    };
    loaded.then(follow, follow);
    // Superseded while the files were read: draw nothing (forge rejects an aborted signal at once).
    const result = loaded
      .then((input) =>
        forge(input, {
          basePath: basePath(),
          ...(startUrl() === undefined ? {} : { startUrl: startUrl()! }),
          signal,
          ...(options.stages ? { stages: options.stages } : {}),
          ...(options.renderer ? { renderer: options.renderer } : {}),
        }),
      )
      .then((forged) => {
        // The advice of a run that forged, as the CLI's notes: adviceFor's and what the drawn images showed.
        for (const advice of forged.advice) viteConfig.logger.warn(`dropkit forge: note: ${options.config}: ${advice}`);
        return forged;
      });
    const run = { result, controller };
    current = run;
    // A failed run must not stick: the next request or build retries after the creator fixes it.
    result.catch(() => {
      if (current === run) current = undefined;
    });
    return run;
  };
  /**
   * While files a save reported are still being written (QUIET_MS): runs wait for them rather
   * than read them half-written.
   */
  let settling: Promise<void> | undefined;
  /**
   * The latest run's result. A request that waited on a run a file change superseded gets the
   * run that replaced it: the files as they are now, not an error.
   */
  const run = async (): Promise<ForgeResult> => {
    while (settling) await settling;
    const started = start();
    return started.result.catch((error) => (started.controller.signal.aborted && !closing ? run() : Promise.reject(error)));
  };
  /** Stops the current run: its images not drawn yet leave the renderer. */
  const stop = () => {
    current?.controller.abort();
    current = undefined;
  };
  /**
   * The config of the environment a build hook runs in. An app built by environments
   * (`vite build --app`, an SSR framework's client and server) resolves a config per environment
   * and hands each to configResolved, on this same plugin: `viteConfig` ends as the last one, the
   * server's, so the client build was taken for a server build and emitted no icon while its page
   * linked them all (until 28 November 2026). Base, root and logger are the same in each.
   */
  const environmentConfig = (context: HookContext): EnvironmentConfig => context.environment?.config ?? viteConfig;
  /**
   * A server bundle (`vite build --ssr`, `build.ssr`, or a framework's server environment) serves
   * no page of its own: the set belongs with the client build. Forging there drew the whole set a
   * second time (an SSR app builds twice) and wrote the icons beside the server code. Nor does a
   * library (`build.lib`): the set went into the package, linked by no page (until 28 November 2026).
   */
  const pagelessBuild = (context: HookContext) => {
    const config = environmentConfig(context);
    return Boolean(config.build.ssr) || Boolean(config.build.lib) || config.consumer === 'server';
  };
  /**
   * Where in the output folder the set goes: a `basePath` below Vite's `base` (`/brand/` under
   * `/`) names a folder of the site, so the files go into that folder; the set was written to the
   * output's root while the page linked `/brand/…`, which worked in dev (served from memory at
   * the basePath) and 404ed once built. Any other basePath (a CDN URL, a path beside the base)
   * leaves the files at the root, to be uploaded where it points. A protocol-relative one
   * (`//cdn.example/nova/`) names a host, not a folder: under base `/` it made the folder
   * `/cdn.example/nova/`, which the bundler refuses, and every build failed (until 28 November 2026).
   */
  const outputFolder = () => {
    const base = viteConfig.base;
    const path = basePath();
    return base.startsWith('/') && !path.startsWith('//') && path.startsWith(base) ? path.slice(base.length) : '';
  };
  /** Whether each build (by its environment's config) has a page in its input: see hasPage. */
  const buildsPages = new WeakMap<object, boolean>();
  /** The same for the dev server, from the config: no input given is Vite's index.html. */
  const devHasPage = () => {
    const build = viteConfig.build as { rolldownOptions?: { input?: unknown }; rollupOptions?: { input?: unknown } };
    return hasPage(build.rolldownOptions?.input ?? build.rollupOptions?.input ?? 'index.html');
  };
  /** The files of the app's public folder already warned about, and the runs already checked. */
  const toldAboutPublic = new Set<string>();
  const checkedForPublic = new WeakSet<ForgeResult>();
  /**
   * Vite copies the public folder into the output, and serves it in dev, at the URLs of the set's
   * files (create-vue ships public/favicon.ico): forge's replace them in both, so an app's own
   * manifest (its shortcuts, its screenshots) was dropped without a word until 28 November 2026.
   * Told once per file.
   */
  const warnAboutPublic = (result: ForgeResult) => {
    const { publicDir } = viteConfig;
    if (!publicDir || checkedForPublic.has(result)) return;
    checkedForPublic.add(result);
    const folder = outputFolder();
    const replaced = result.files
      .filter((file) => file.name !== 'head.html' && file.name !== 'forge.json')
      .map((file) => join(publicDir, folder + file.name))
      .filter((file) => !toldAboutPublic.has(file) && statSync(file, { throwIfNoEntry: false })?.isFile());
    if (replaced.length === 0) return;
    for (const file of replaced) toldAboutPublic.add(file);
    const shown = replaced.map((file) => relative(viteConfig.root, file).split(sep).join('/'));
    const listed = shown.length > 1 ? `${shown.slice(0, -1).join(', ')} and ${shown.at(-1)}` : shown[0];
    viteConfig.logger.warn(
      `dropkit forge: ${listed} ${shown.length > 1 ? 'have the names of files' : 'has the name of a file'} in ${options.config}'s set, ` +
        `which ${shown.length > 1 ? 'replace them' : 'replaces it'} (in the build and in vite dev): ` +
        `remove ${shown.length > 1 ? 'them' : 'it'} from ${relative(viteConfig.root, publicDir).split(sep).join('/') || '.'}/, or give the plugin a basePath of its own`,
    );
  };
  // Named as the notes are: with two plugins (two creators) a refusal of mark.svg is either's.
  const explain = (error: unknown) =>
    error instanceof ForgeError
      ? new Error(`dropkit forge: ${namesConfig(error.message, options.config) || namesConfig(error.message, configPath) ? '' : `${options.config}: `}${error.message}`)
      : error;

  return {
    name: 'dropkit-forge',
    configResolved(config) {
      viteConfig = config;
      configPath = resolve(config.root, options.config);
    },
    async buildStart(inputOptions) {
      buildsPages.set(environmentConfig(this), hasPage(inputOptions.input));
      if (viteConfig.command === 'build' && !pagelessBuild(this)) {
        try {
          await run();
        } catch (error) {
          this.error(explain(error) as Error);
        } finally {
          // In `vite build --watch` the bundler (Rolldown in Vite 8, Rollup before) watches only the
          // app's modules: the config and the files it names (possibly outside the root) must be
          // added to be rebuilt on, after a failed run too, so fixing the config builds again, and
          // creating a missing mark does (through its folder: watchTargets). A one-off build
          // ignores the list.
          const outDir = resolve(viteConfig.root, environmentConfig(this).build.outDir);
          for (const file of watched) for (const target of watchTargets(file, viteConfig.root, outDir)) this.addWatchFile(target);
        }
      }
    },
    watchChange(id) {
      // `vite build --watch` rebuilds on any change; only a change to a file the set is forged from
      // makes the cached run stale. The app's own code, and other files in a folder watched for a
      // missing mark, rebuild with the set already forged.
      if (viteConfig.command === 'build' && watched.has(resolve(id))) stop();
    },
    transformIndexHtml: {
      // After Vite's own pass over the page: in dev it prefixes every root-relative URL of the page
      // with `base`, and the snippet's hrefs carry the base already (`/shop/shop/favicon.svg`,
      // a 404 for every link under any base but `/`, until 28 November 2026).
      order: 'post',
      async handler(html, context) {
        const { head } = await run().catch((error) => Promise.reject(explain(error)));
        // Commented-out tags are no tags (templates keep old icons so): the warning named them,
        // and the creator found nothing to remove (until 28 November 2026). Nor is a <link> in a
        // script's string or a template.
        let page = tagsOnly(html);
        for (const injected of injectedHeads) page = page.replaceAll(injected, '');
        const own = page.match(OWN_TAG)?.filter((tag) => competes(tag, head));
        // Once per page: a dev server transforms the page on every load.
        if (own?.length && !toldAbout.has(context.path)) {
          toldAbout.add(context.path);
          const name = context.path.replace(/^\//, '');
          viteConfig.logger.warn(
            `dropkit forge: ${name} has tags of its own that the forged head snippet also sets (${own.join(' ')}): ` +
              `the browser picks one of each by its own rules, so remove them from ${name} to show ${options.config}'s icons`,
          );
        }
        const injected = relativeBase() ? relativeTo(context.path, head) : head;
        injectedHeads.add(injected);
        if (injectedHeads.size > 64) injectedHeads.delete(injectedHeads.values().next().value!);
        return withHead(html, injected);
      },
    },
    closeBundle() {
      // The dev server is closing (in a build the run is over by now and there is nothing to stop).
      if (viteConfig.command !== 'serve') return;
      // A restart (the `r` shortcut, a saved .env) keeps a plugin given inline and starts the new
      // server before it closes the old one: that close left this plugin closing for the new
      // server, whose saves then forged nothing and reloaded no page (until 28 November 2026).
      const { environment } = this as { environment?: object };
      if (environment && devServer && !Object.values(devServer.environments).includes(environment as never)) return;
      closing = true;
      stop();
    },
    async generateBundle(_output, bundle) {
      if (pagelessBuild(this)) return;
      const result = await run().catch((error) => Promise.reject(explain(error)));
      if (environmentConfig(this).build.copyPublicDir !== false) warnAboutPublic(result);
      const { files } = result;
      const folder = outputFolder();
      // No page takes the snippet: the server's templates include head.html, written beside the set.
      const serverTakesHead = buildsPages.get(environmentConfig(this)) === false;
      for (const file of files) {
        if ((file.name === 'head.html' && !serverTakesHead) || file.name === 'forge.json') continue;
        const fileName = folder + file.name;
        // Two plugins (two creators) writing one folder: the second set replaced the first without
        // a word while the page linked both.
        if (bundle[fileName])
          this.error(`dropkit forge: ${options.config} would write ${fileName}, which the build already has (another dropkitForge plugin, or a file of the app): give each creator its own basePath`);
        this.emitFile({ type: 'asset', fileName, source: file.bytes });
      }
    },
    configureServer(server) {
      closing = false;
      devServer = server;
      // A new server (after a restart, the old one is still open) starts from nothing: the files
      // the set is read from are watched by the old server's watcher, not this one's.
      stop();
      forged = false;
      names = new Set();
      settling = undefined;
      watched = new Set([configPath]);
      server.watcher.add(configPath);
      /** The files saves reported since the last run started, and when the latest was reported. */
      const saved = new Set<string>();
      let savedAt = 0;
      const shown = (file: string) => relative(viteConfig.root, file);
      /** Resolves with the saved files as they are once none has changed for QUIET_MS. */
      const quiet = async () => {
        let before = await onDisk(saved);
        for (;;) {
          await new Promise((wait) => setTimeout(wait, LOOK_EVERY_MS));
          const now = await onDisk(saved);
          if (unchanged(before, now) && Date.now() - savedAt >= QUIET_MS) return now;
          before = now;
        }
      };
      const changed = (path: string) => {
        const file = resolve(path);
        // Saves of the app's own code (every few seconds while developing) must not cost a forge.
        if (!watched.has(file) || !forged) return;
        // A run still drawing the old files is stopped at once rather than left to hold the
        // renderer the new run needs.
        stop();
        saved.add(file);
        savedAt = Date.now();
        if (settling) return;
        const settle: Promise<void> = quiet().then((files) => {
          if (settling !== settle) return;
          settling = undefined;
          saved.clear();
          if (closing) return;
          // No creator's file is empty, but every two-step save passes through empty: one that
          // stays so is most likely still being saved (and forging it would only say it is empty).
          // The page keeps what it shows; the next save forges.
          const empty = [...files].filter(([, stats]) => stats?.isFile() && stats.size === 0).map(([file]) => shown(file));
          if (empty.length > 0) {
            viteConfig.logger.info(`dropkit forge: ${empty.join(', ')} ${empty.length > 1 ? 'are' : 'is'} empty: forging again once saved with content`, { timestamp: true });
            return;
          }
          viteConfig.logger.info(`dropkit forge: ${[...files.keys()].map(shown).join(', ')} changed, forging again`, { timestamp: true });
          // Started before any waiting request goes on, so the watched files follow an edited config.
          const { result, controller } = start();
          // The page shows the new icons (and head snippet) only when it loads again. Reloaded once
          // the set is ready, or has failed (the page then shows why); a run a later save stopped
          // leaves the reload to the run that replaced it, so a burst of saves reloads once.
          const reload = () => {
            if (!controller.signal.aborted && !closing) server.ws.send({ type: 'full-reload', path: '*' });
          };
          result.then(reload, reload);
        });
        settling = settle;
      };
      server.watcher.on('change', changed);
      server.watcher.on('add', changed);
      server.watcher.on('unlink', changed);
      server.middlewares.use((request, response, next) => {
        const base = basePath();
        const path = request.url?.split('?')[0] ?? '';
        if (!path.startsWith(base)) return next();
        const name = path.slice(base.length);
        run()
          .then((result) => {
            const { files } = result;
            names = new Set(files.map((file) => file.name));
            // Served here only at a path of this server: a set on a CDN replaces nothing in dev.
            if (base.startsWith('/')) warnAboutPublic(result);
            // head.html only as a build writes it, for an app without pages: one of an app's own
            // (a page named so) is not shadowed.
            const file = files.find((candidate) => candidate.name === name && candidate.name !== 'forge.json' && (candidate.name !== 'head.html' || !devHasPage()));
            if (!file) return next();
            response.setHeader('Content-Type', CONTENT_TYPES[file.format] ?? 'application/octet-stream');
            if (file.name !== 'head.html') return response.end(file.bytes);
            // For a server's template, which fetches it from here: its links name this server.
            const origin = devOrigin(request, viteConfig.server.origin);
            response.end(result.head.replace(/\shref="\/(?!\/)/g, (found) => `${found.slice(0, -1)}${origin}/`));
          })
          // Every request under the base passes here, Vite's own client and the app's modules
          // included: answering them all with forge's error left the error page without
          // /@vite/client, so it showed no overlay and never heard the reload once the config
          // was fixed. Only a file of the set (as last forged) gets forge's message.
          .catch((error) => (names.has(name) ? next(explain(error)) : next()));
      });
    },
  };
}

export { dropkitForge };
