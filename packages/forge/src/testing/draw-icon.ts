import type { Browser } from 'playwright-core';

/**
 * Draws an SVG icon the way a browser draws a favicon (an image, not a document) on a 64 px canvas
 * in the given colour scheme, and reads the RGBA pixel at each named point.
 */
export async function drawnIconPixels<K extends string>(
  browser: Browser,
  svg: string,
  colorScheme: 'light' | 'dark',
  points: Readonly<Record<K, readonly [number, number]>>,
): Promise<Record<K, number[]>> {
  const context = await browser.newContext({ colorScheme });
  try {
    const page = await context.newPage();
    const url = `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`;
    return await page.evaluate(
      async ({ url, points }) => {
        const image = new Image(64, 64);
        image.src = url;
        await image.decode();
        const canvas = document.createElement('canvas');
        canvas.width = canvas.height = 64;
        const context2d = canvas.getContext('2d')!;
        context2d.drawImage(image, 0, 0, 64, 64);
        return Object.fromEntries(Object.entries(points).map(([name, [x, y]]) => [name, [...context2d.getImageData(x, y, 1, 1).data]]));
      },
      { url, points: points as Record<string, readonly [number, number]> },
    ) as Record<K, number[]>;
  } finally {
    await context.close();
  }
}
