import { isAbsolute, relative, sep } from 'node:path';

/**
 * Whether `path` is `folder` or lies inside it (both absolute, resolved the same way). One test for
 * the CLI's --out, the Vite plugin's watch and loadCreator's `within`: a name that starts with two
 * dots (`..drafts`) is inside; only `..` itself and what starts with `../` climb out. Two of the
 * three tested `startsWith('..')` and put `site/..drafts` outside `site`.
 */
export function isWithin(path: string, folder: string): boolean {
  const rest = relative(folder, path);
  return rest === '' || (rest !== '..' && !rest.startsWith(`..${sep}`) && !isAbsolute(rest));
}
