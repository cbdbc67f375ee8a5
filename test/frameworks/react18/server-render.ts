/**
 * Node side of the React 18 hydration test (a Vitest browser command): the server half of a
 * marketplace's React 18 page, rendered by react-dom 18's `renderToString` in a Node process
 * without DOM globals, as a server has none, from the BUILT package. Node would resolve the
 * package's `import 'react'` to the root React 19, so esbuild bundles the page with `react` and
 * `react-dom` aliased to React 18 (and the package's `node` builds of Lit and @lit/react, which a
 * server gets). The bundle is built once per run and handed to Node on stdin: no file that two runs
 * at once could write over each other.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const repo = fileURLToPath(new URL('../../..', import.meta.url));
let bundle: Promise<string> | undefined;

export interface ServerHtml {
  /** `version` of the React that rendered. */
  react: string;
  html: string;
  /** Whatever React, Lit or dropkit said on stderr while rendering (warnings included). */
  stderr: string;
}

export async function react18ServerHtml(_context: unknown, page: string): Promise<ServerHtml> {
  bundle ??= build({
    entryPoints: [fileURLToPath(new URL('./server-entry.tsx', import.meta.url))],
    write: false,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    jsx: 'automatic',
    alias: { react: 'react18', 'react-dom': 'react-dom18' },
    absWorkingDir: repo,
    logLevel: 'silent',
  }).then(({ outputFiles }) => outputFiles[0]!.text);
  const result = spawnSync(process.execPath, ['-', page], { cwd: repo, input: await bundle, encoding: 'utf8', timeout: 30_000 });
  if (result.status !== 0) throw new Error(`the React 18 server render of ${page} failed:\n${result.stderr}`);
  const { react, html } = JSON.parse(result.stdout) as { react: string; html: string };
  return { react, html, stderr: result.stderr };
}
