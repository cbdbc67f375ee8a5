export function staticImportsOf(source: string): string[];
export function dynamicImportsOf(source: string): string[];
export function lazyChunksOf(loaderSource: string): Map<string, string>;
export function staticClosure(entry: string, read: (file: string) => string): string[];
export function pageFiles(
  loader: string,
  read: (file: string) => string,
): { loaderFiles: string[]; elements: Map<string, string[]>; everything: string[] };
