import type { ForgeInput, ManifestIcon } from '../plan/types.ts';

/** site.webmanifest: what an installed drop page calls itself and which icons it uses. */
export interface WebManifest {
  name: string;
  short_name: string;
  icons: Array<ManifestIcon & { src: string }>;
  theme_color: string;
  background_color: string;
  display: 'standalone';
  start_url: string;
}

/** `startUrl` is the app's entry, not `basePath`: the icons may live in a folder of their own or on a CDN. */
export function buildManifest(input: ForgeInput, icons: readonly ManifestIcon[], basePath: string, startUrl: string): WebManifest {
  const { config } = input;
  return {
    name: config.name,
    short_name: config.shortName,
    icons: icons.map((icon) => ({ ...icon, src: basePath + icon.src })),
    theme_color: config.colors.brand,
    background_color: config.colors.background,
    display: 'standalone',
    start_url: startUrl,
  };
}
