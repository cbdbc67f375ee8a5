import { dropkitElementsIn } from '../../.storybook/toolbar/apply.ts';

/** Past this a countdown in a story counts to a date nobody meant (a year and a bit). */
const FARTHEST_DROP_MS = 400 * 24 * 60 * 60 * 1000;

interface Countdown extends Element {
  at: Date | null;
  now: Date | null;
}

/** Why a story may show the real clock, or a drop far away: a story about exactly that says so. */
export interface ClockParameters {
  /** The story follows the real clock on purpose (e.g. "As written"). */
  realClock?: string;
  /** The story counts to a drop more than 400 days away on purpose. */
  farDrop?: string;
}

/**
 * Countdowns in a story that a designer would see in an unintended state on some day: one on the
 * real clock (an absolute date without a pinned `now` shows "1,833 days" today and "Drop ended" in
 * a few years), or one counting more than 400 days. Run after every story (preview.ts) unless the
 * toolbar's drop clock pins the moment.
 */
export function unpinnedCountdowns(root: ParentNode, parameters: ClockParameters): string[] {
  const problems: string[] = [];
  for (const element of dropkitElementsIn(root)) {
    if (element.localName !== 'drop-countdown') continue;
    const countdown = element as Countdown;
    const at = countdown.at?.getTime();
    if (at === undefined || Number.isNaN(at)) continue;
    const pinned = countdown.now?.getTime();
    const label = `<drop-countdown${countdown.id ? ` id="${countdown.id}"` : ''} at="${countdown.getAttribute('at')}">`;
    if ((pinned === undefined || Number.isNaN(pinned)) && !parameters.realClock) {
      problems.push(`${label} follows the real clock: pin its now (or say why in parameters.realClock)`);
    }
    const left = at - (pinned ?? Date.now());
    if (left > FARTHEST_DROP_MS && !parameters.farDrop) {
      problems.push(`${label} counts ${Math.round(left / 86_400_000)} days to its drop (or say why in parameters.farDrop)`);
    }
  }
  return problems;
}
