/**
 * Bundles a peer's entry (tools/bench/peers/*.js) the way dropkit itself is built — Vite, ES
 * output, minified, one file — so size and runtime comparisons differ by library, not by build.
 */
import { build } from 'vite';
import { fileURLToPath } from 'node:url';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

/**
 * @param {string} peer file name in tools/bench/peers
 * @returns {Promise<string>} the minified ES module source
 */
export async function bundlePeer(peer) {
  const entry = fileURLToPath(new URL(`./peers/${peer}`, import.meta.url));
  const result = await build({
    configFile: false,
    logLevel: 'silent',
    root: repoRoot,
    build: {
      write: false,
      target: 'es2022',
      minify: true,
      lib: { entry, formats: ['es'], fileName: () => peer },
      rollupOptions: { output: { minify: true, codeSplitting: false } },
    },
  });
  const chunks = (Array.isArray(result) ? result : [result]).flatMap((output) => ('output' in output ? output.output : []));
  const code = chunks.filter((chunk) => chunk.type === 'chunk').map((chunk) => chunk.code);
  if (code.length !== 1) throw new Error(`expected one bundle for ${peer}, got ${code.length}`);
  return code[0];
}
