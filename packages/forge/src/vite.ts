import { resolve } from 'node:path';
import type { Plugin, ResolvedConfig } from 'vite';
import { adviceFor } from './advice.ts';
import { loadCreator } from './config/load.ts';
import { ForgeError } from './errors.ts';
import { forge } from './forge.ts';
import type { ForgeResult, ForgeStage } from './plan/types.ts';

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
  let result: Promise<ForgeResult> | undefined;
  let configPath = '';

  const basePath = () => options.basePath ?? viteConfig.base ?? '/';
  const run = () => {
    result ??= loadCreator(configPath).then((input) => {
      for (const advice of adviceFor(input)) viteConfig.logger.warn(`dropkit forge: note: ${options.config}: ${advice}`);
      return forge(input, { basePath: basePath(), ...(options.stages ? { stages: options.stages } : {}) });
    });
    // A failed run must not stick: the next request or build retries after the creator fixes it.
    result.catch(() => (result = undefined));
    return result;
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
    async generateBundle() {
      const { files } = await run().catch((error) => Promise.reject(explain(error)));
      for (const file of files) {
        if (file.name === 'head.html' || file.name === 'forge.json') continue;
        this.emitFile({ type: 'asset', fileName: file.name, source: file.bytes });
      }
    },
    configureServer(server) {
      server.watcher.add(configPath);
      server.watcher.on('change', () => {
        // Any change may be the mark or the config; forging again is cheap.
        result = undefined;
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
