/**
 * Bundles a snippet of the creator's (or marketplace's) own JavaScript into one classic script the
 * test server can serve, resolving packages such as `lit` from this repository: the page's code
 * shares nothing with the dropkit build under test.
 */
import { build } from 'esbuild';
import { repoRoot } from './server.ts';

export async function bundlePageScript(source: string): Promise<string> {
  const result = await build({
    stdin: { contents: source, resolveDir: repoRoot, loader: 'js' },
    bundle: true,
    format: 'iife',
    write: false,
    logLevel: 'silent',
  });
  return result.outputFiles[0]!.text;
}
