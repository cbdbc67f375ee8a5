/**
 * The favicon generators forge is measured against, each driven the way its README shows, asked
 * for the same set forge makes (desktop favicons, touch icon, manifest icons; no splash screens,
 * no Windows tiles) and returning { files: [{ name, bytes }], head }.
 *
 * Runnable alone for the whole-process timing: `node tools/bench/forge-peers.mjs <tool> <mark.svg> <out>`.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const CREATOR = { name: 'Nova Drop Studio', shortName: 'Nova', brand: '#ff3366', background: '#fff7f9' };

async function toBytes(content) {
  if (typeof content === 'string') return Buffer.from(content);
  if (content instanceof Blob) return Buffer.from(await content.arrayBuffer());
  return Buffer.from(content);
}

export const PEERS = {
  /** RealFaviconGenerator's own generator (svgdom pinned to 0.1.24 so it runs on Node 20). */
  async rfg(markPath) {
    const { generateFaviconFiles, generateFaviconHtml, initFaviconIconSettings } = await import('@realfavicongenerator/generate-favicon');
    const { getNodeImageAdapter, loadAndConvertToSvg } = await import('@realfavicongenerator/image-adapter-node');
    const imageAdapter = await getNodeImageAdapter();
    const icon = await loadAndConvertToSvg(markPath);
    const iconSettings = initFaviconIconSettings();
    iconSettings.webAppManifest.name = CREATOR.name;
    iconSettings.webAppManifest.shortName = CREATOR.shortName;
    iconSettings.webAppManifest.backgroundColor = CREATOR.background;
    iconSettings.webAppManifest.themeColor = CREATOR.brand;
    iconSettings.touch.appTitle = CREATOR.shortName;
    const settings = { icon: iconSettings, path: '/' };
    const files = await generateFaviconFiles({ icon }, settings, imageAdapter);
    const head = generateFaviconHtml(settings).markups.join('\n');
    return { files: await Promise.all(Object.entries(files).map(async ([name, content]) => ({ name, bytes: await toBytes(content) }))), head };
  },

  /** @vite-pwa/assets-generator 2, minimal-2023 preset, plus a manifest from its own icon entries. */
  async vitePwa(markPath) {
    const { instructions } = await import('@vite-pwa/assets-generator/api/instructions');
    const { generateHtmlMarkup } = await import('@vite-pwa/assets-generator/api/generate-html-markup');
    const { generateManifestIconsEntry } = await import('@vite-pwa/assets-generator/api/generate-manifest-icons-entry');
    const { minimal2023Preset } = await import('@vite-pwa/assets-generator/presets/minimal-2023');
    const source = await readFile(markPath);
    const instruction = await instructions({
      imageResolver: () => source,
      imageName: 'favicon.svg',
      preset: minimal2023Preset,
      faviconPreset: '2023',
      htmlLinks: { xhtml: false, includeId: false },
      basePath: '/',
      resolveSvgName: (name) => name,
    });
    const files = [{ name: 'favicon.svg', bytes: source }];
    for (const group of [instruction.favicon, instruction.transparent, instruction.maskable, instruction.apple]) {
      for (const asset of Object.values(group)) files.push({ name: asset.name, bytes: Buffer.from(await asset.buffer()) });
    }
    const manifest = { name: CREATOR.name, short_name: CREATOR.shortName, theme_color: CREATOR.brand, background_color: CREATOR.background, display: 'standalone', start_url: '/', ...generateManifestIconsEntry('object', instruction) };
    files.push({ name: 'site.webmanifest', bytes: Buffer.from(JSON.stringify(manifest, null, 2)) });
    const head = [...generateHtmlMarkup(instruction), '<link rel="manifest" href="/site.webmanifest">'].join('\n');
    return { files, head };
  },

  /** itgalaxy/favicons 7 with the platforms that match forge's set. */
  async favicons(markPath) {
    const { favicons } = await import('favicons');
    const response = await favicons(await readFile(markPath), {
      path: '/',
      appName: CREATOR.name,
      appShortName: CREATOR.shortName,
      background: CREATOR.background,
      theme_color: CREATOR.brand,
      icons: { android: true, appleIcon: true, appleStartup: false, favicons: true, windows: false, yandex: false },
    });
    const files = [...response.images, ...response.files].map(({ name, contents }) => ({ name, bytes: Buffer.from(contents) }));
    return { files, head: response.html.join('\n') };
  },
};

/** Writes a peer's set plus its head markup (as head.html, for the checker). */
export async function writePeerSet(folder, { files, head }) {
  await mkdir(folder, { recursive: true });
  await Promise.all(
    files.map(async (file) => {
      // forge's full set has subfolders (mark/, badges/).
      await mkdir(dirname(join(folder, file.name)), { recursive: true });
      await writeFile(join(folder, file.name), file.bytes);
    }),
  );
  await writeFile(join(folder, 'head.html'), head);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [tool, mark, out] = process.argv.slice(2);
  if (!PEERS[tool] || !mark || !out) {
    console.error(`usage: node tools/bench/forge-peers.mjs <${Object.keys(PEERS).join('|')}> <mark.svg> <out>`);
    process.exit(1);
  }
  await writePeerSet(out, await PEERS[tool](mark));
}
