// tsc compiles the TypeScript; the renderer child and the other CommonJS files are plain
// JavaScript (they must also run under vitest from src), so the build copies them beside the
// compiled parents.
import { chmodSync, copyFileSync, mkdirSync } from 'node:fs';

mkdirSync('dist/render', { recursive: true });
copyFileSync('src/render/render-child.cjs', 'dist/render/render-child.cjs');
copyFileSync('src/render/fork.cjs', 'dist/render/fork.cjs');
copyFileSync('src/svg/text-coverage.cjs', 'dist/svg/text-coverage.cjs');
copyFileSync('src/cli-entry.cjs', 'dist/cli-entry.cjs');
// npm links the bin before the first build, so the executable bit is ours to set.
chmodSync('dist/cli.js', 0o755);
chmodSync('dist/cli-entry.cjs', 0o755);
