/** The button's own words in English; other languages come from ../i18n/ (see shared/words.ts). */
import type { Words } from '../shared/words.ts';

export const buttonEnglish = {
  dropsIn: 'Drops in {time}',
  comingSoon: 'Coming soon',
  notifyMe: 'Notify me',
  soldOut: 'Sold out',
  /** Said, not shown, when the button becomes buyable (the countdown's words). */
  isLive: 'The drop is live.',
  dropEnded: 'Drop ended',
  unavailable: 'Checkout unavailable',
  buy: 'Buy',
  onlyLeft: { other: 'Only {n} left' },
} satisfies Partial<Words>;
export type ButtonWords = Pick<Words, keyof typeof buttonEnglish>;
