import { css } from 'lit';

export const countdownStyles = css`
  :host {
    --drop-countdown-color: inherit;
    --drop-countdown-font: inherit;
    --drop-countdown-digits-size: 1.5em;
    --drop-countdown-digits-weight: 700;
    --drop-countdown-gap: 0.5em;
    --drop-countdown-live-color: #c4161c;
    --drop-countdown-link-color: inherit;
    display: inline-flex;
    flex-direction: column;
    /* Gives each countdown a paint layer of its own, so a passing second repaints this countdown
       only, not the whole page around it (measured on a page of 1000: docs/countdown-runtime.md). */
    position: relative;
    gap: var(--drop-countdown-gap);
    color: var(--drop-countdown-color);
    font: var(--drop-countdown-font);
    /* Inherited text styles a theme might set for its own reasons; digits must not shift or shout. */
    font-variant-numeric: tabular-nums;
    letter-spacing: normal;
    text-transform: none;
    text-align: start;
  }
  :host([hidden]) {
    display: none;
  }
  /* Read, not shown: the time left in words for screen readers (see #renderSchedule). */
  .said {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
  [part='remaining'] {
    font-size: var(--drop-countdown-digits-size);
    font-weight: var(--drop-countdown-digits-weight);
  }
  /* English words on a right-to-left page (a language without words of its own): the text's own
     direction, so "2 days, 3 hours" does not read "days, 3 hours 2". */
  [part='remaining'],
  [part='moment'] {
    unicode-bidi: plaintext;
  }
  [part='actions'] {
    display: flex;
    flex-wrap: wrap;
    gap: var(--drop-countdown-gap);
  }
  a,
  button {
    color: var(--drop-countdown-link-color);
    font: inherit;
    /* A button's browser style sets its own; inherited, a reader's text-spacing settings
       (WCAG 1.4.12) reach "Add to calendar" too. */
    letter-spacing: inherit;
    word-spacing: inherit;
    /* WCAG 2.5.8: at least 24 px to aim at, even when the page's text is small. */
    min-block-size: 24px;
    display: inline-flex;
    align-items: center;
  }
  /* A finger needs 44 px (WCAG 2.5.5); a mouse keeps the compact row. The boxes themselves grow, so
     the actions' gap still keeps two links' areas apart. The width is for a short label in another
     language. A wrapped row needs no gap above it: the boxes already keep each line 10 px clear, and
     a gap on top made the wrapped link look like a paragraph of its own. */
  @media (pointer: coarse) {
    a,
    button {
      min-block-size: 44px;
      min-inline-size: 44px;
    }
    [part='actions'] {
      row-gap: 0;
    }
  }
  /* A bare <button> keeps the browser's light grey face: on a dark page the text it inherits would
     vanish into it. It reads as the link beside it instead. */
  button {
    background: none;
    border: 0;
    padding: 0;
    text-decoration: underline;
    cursor: pointer;
  }
  :focus-visible,
  :host(:focus-visible) {
    outline: 2px solid currentColor;
    outline-offset: 2px;
  }
  /* The dot is all border: Windows High Contrast (forced colours) paints every background in the
     page's Canvas colour, which hid a background dot, but keeps borders, in the reader's text
     colour. Browsers round a border's width down to a whole pixel; the half pixel makes that the
     nearest one, so the dot stays 0.6em across within a pixel. Cheaper than a forced-colours rule. */
  :host([state='live']) [part='status']::before {
    content: '';
    display: inline-block;
    border: calc(0.3em + 0.5px) solid var(--drop-countdown-live-color);
    margin-inline-end: 0.4em;
    border-radius: 50%;
    /* Twice dim and back (4.8 s) marks the moment the drop goes live, then it stands still:
       blinking on beside the page's text needs a way to stop it (WCAG 2.2.2), and a drop is live for
       hours. An even count of alternating runs ends where it started, at full colour. */
    animation: pulse 1.2s ease-in-out 4 alternate;
  }
  @keyframes pulse {
    to {
      opacity: 0.35;
    }
  }
  @media (prefers-reduced-motion: reduce) {
    :host([state='live']) [part='status']::before {
      animation: none;
    }
  }
`;
