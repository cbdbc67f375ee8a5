/** Types for tools/chromium.mjs, for the TypeScript configs and tests that launch Chromium. */
export declare function findChromium(): string | null;
export declare const chromiumArgs: string[];
