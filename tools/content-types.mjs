/**
 * The Content-Type every local server here answers with: the demo, the bench, the engines check,
 * the built-Storybook test and the hardening tests. One table, so a file type the kit starts to
 * serve (a caption track, a font) is typed the same way everywhere the kit is tested and shown.
 */
import { extname } from 'node:path';

/** File extension (with its dot) → Content-Type. */
export const contentTypes = Object.freeze({
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.jpg': 'image/jpeg',
  '.woff2': 'font/woff2',
  '.webm': 'video/webm',
  '.vtt': 'text/vtt; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
});

/**
 * The Content-Type for a file path or URL path, by its extension.
 * @param {string} path
 * @param {string} [unknown] what to answer for an extension not in the table
 * @returns {string}
 */
export function contentTypeOf(path, unknown = 'application/octet-stream') {
  return Object.hasOwn(contentTypes, extname(path)) ? contentTypes[/** @type {keyof typeof contentTypes} */ (extname(path))] : unknown;
}
