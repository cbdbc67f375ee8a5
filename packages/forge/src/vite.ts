import { resolve } from 'node:path';
import type { Plugin, ResolvedConfig } from 'vite';
import { adviceFor } from './advice.ts';
import { loadCreator } from './config/load.ts';
import { ForgeError } from './errors.ts';
import { forge } from './forge.ts';
import type { ForgeResult, ForgeStage, RenderContext } from './plan/types.ts';

/**
 * `@dropkit/forge/vite`: forges the creator's set on `vite build` (emitted as assets) and on
 * `vite dev` (served from memory), and puts the head snippet into index.html. Vite writes the
 * files; forge itself writes nothing.
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

export default function dropkitForge(options: DropkitForgeOptions): Plugin {
  let viteConfig: ResolvedConfig;
  let current: Run | undefined;
  let configPath = '';
  let closing = false;

  const basePath = () => options.basePath ?? viteConfig.base ?? '/';
  const start = (): Run => {
    if (current) return current;
    const controller = new AbortController();
    const { signal } = controller;
    const result = loadCreator(configPath).then((input) => {
      // Superseded while the files were read: draw nothing (forge rejects an aborted signal at once).
      if (!signal.aborted) for (const advice of adviceFor(input)) viteConfig.logger.warn(`dropkit forge: note: ${options.config}: ${advice}`);
      return forge(input, {
        basePath: basePath(),
        signal,
        ...(options.stages ? { stages: options.stages } : {}),
        ...(options.renderer ? { renderer: options.renderer } : {}),
      });
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
   * The latest run's result. A request that waited on a run a file change superseded gets the
   * run that replaced it: the files as they are now, not an error.
   */
  const run = (): Promise<ForgeResult> => {
    const started = start();
    return started.result.catch((error) => (started.controller.signal.aborted && !closing ? run() : Promise.reject(error)));
  };
  /** Stops the current run: its images not drawn yet leave the renderer. */
  const stop = () => {
    current?.controller.abort();
    current = undefined;
  };
  const explain = (error: unknown) => (error instanceof ForgeError ? new Error(`dropkit forge: ${error.message}`) : error);

  return {
    name: 'dropkit-forge',
    configResolved(config) {
      viteConfig = config;
      configPath = resolve(config.root, options.config);
    },
    async buildStart() {
      if (viteConfig.command === 'build') {
        try {
          await run();
        } catch (error) {
          this.error(explain(error) as Error);
        }
      }
    },
    transformIndexHtml: {
      order: 'pre',
      async handler(html) {
        const { head } = await run().catch((error) => Promise.reject(explain(error)));
        return html.includes('</head>') ? html.replace('</head>', `${head}</head>`) : `${head}${html}`;
      },
    },
    closeBundle() {
      // The dev server is closing (in a build the run is over by now and there is nothing to stop).
      if (viteConfig.command !== 'serve') return;
      closing = true;
      stop();
    },
    async generateBundle() {
      const { files } = await run().catch((error) => Promise.reject(explain(error)));
      for (const file of files) {
        if (file.name === 'head.html' || file.name === 'forge.json') continue;
        this.emitFile({ type: 'asset', fileName: file.name, source: file.bytes });
      }
    },
    configureServer(server) {
      closing = false;
      server.watcher.add(configPath);
      server.watcher.on('change', () => {
        // Any change may be the mark or the config; forging again is cheap. A run still drawing
        // the old files is stopped rather than left to hold the renderer the new run needs.
        stop();
      });
      server.middlewares.use((request, response, next) => {
        const base = basePath();
        const path = request.url?.split('?')[0] ?? '';
        if (!path.startsWith(base)) return next();
        const name = path.slice(base.length);
        run()
          .then(({ files }) => {
            const file = files.find((candidate) => candidate.name === name && candidate.name !== 'forge.json' && candidate.name !== 'head.html');
            if (!file) return next();
            response.setHeader('Content-Type', CONTENT_TYPES[file.format] ?? 'application/octet-stream');
            response.end(file.bytes);
          })
          .catch((error) => next(explain(error)));
      });
    },
  };
}

export { dropkitForge };
