/** The clip's own words in English; other languages come from ../i18n/ (see shared/words.ts). */
import type { Words } from '../shared/words.ts';

export const clipEnglish = {
  clip: 'Product clip',
  play: 'Play',
  pause: 'Pause',
  mute: 'Mute',
  captions: 'Captions',
  playClip: 'Play clip',
  watchAgain: 'Watch again',
  productsNow: 'Products in this moment',
  allProducts: 'All products in this clip',
  productList: 'Products in this clip',
} satisfies Partial<Words>;
