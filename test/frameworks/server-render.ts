/**
 * Node side of the hydration tests (a Vitest browser command): the server half of a marketplace's
 * React page, rendered by react-dom's `renderToString` in a Node process without DOM globals, as a
 * server has none, from the BUILT package (rendered in the browser instead, the wrappers see a DOM
 * and write none of the attributes a server writes). esbuild bundles the page with the package's
 * `node` builds of Lit and @lit/react, which a server gets; for React 18, with `react` and
 * `react-dom` aliased to the react18 packages (Node would resolve the package's `import 'react'` to
 * the root React 19). Each bundle is built once per run and handed to Node on stdin: no file that
 * two runs at once could write over each other.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const repo = fileURLToPath(new URL('../..', import.meta.url));
const bundles = new Map<string, Promise<string>>();

export interface ServerHtml {
  /** `version` of the React that rendered. */
  react: string;
  html: string;
  /** Whatever React, Lit or dropkit said on stderr while rendering (warnings included). */
  stderr: string;
}

export async function serverHtml(_context: unknown, react: '18' | '19', page: string): Promise<ServerHtml> {
  let bundle = bundles.get(react);
  if (!bundle) {
    bundle = bundleFor(react);
    bundles.set(react, bundle);
  }
  const result = spawnSync(process.execPath, ['-', page], { cwd: repo, input: await bundle, encoding: 'utf8', timeout: 30_000 });
  if (result.status !== 0) throw new Error(`the React ${react} server render of ${page} failed:\n${result.stderr}`);
  const rendered = JSON.parse(result.stdout) as { react: string; html: string };
  return { react: rendered.react, html: rendered.html, stderr: result.stderr };
}

function bundleFor(react: '18' | '19'): Promise<string> {
  return build({
    entryPoints: [fileURLToPath(new URL('./ssr-entry.tsx', import.meta.url))],
    write: false,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    jsx: 'automatic',
    alias: react === '18' ? { react: 'react18', 'react-dom': 'react-dom18' } : {},
    absWorkingDir: repo,
    logLevel: 'silent',
  }).then(({ outputFiles }) => {
    const [file] = outputFiles ?? [];
    if (!file) throw new Error(`esbuild wrote no React ${react} server bundle`);
    return file.text;
  });
}
