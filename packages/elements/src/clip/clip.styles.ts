import { css } from 'lit';

export const clipStyles = css`
  :host {
    --drop-clip-aspect-ratio: 9 / 16;
    --drop-clip-radius: 12px;
    --drop-clip-background: #111;
    --drop-clip-accent: #ff3d7f;
    --drop-clip-card-background: rgb(255 255 255 / 0.94);
    --drop-clip-card-color: #111;
    --drop-clip-control-background: rgb(0 0 0 / 0.6);
    --drop-clip-control-color: #fff;
    --drop-clip-font: system-ui, sans-serif;
    /* Inherited properties pinned here so hostile page CSS cannot reach into the clip. */
    display: block;
    position: relative;
    max-width: 100%;
    color: var(--drop-clip-card-color);
    /* Follows the visitor's default font size through the page's root (16 px: 14 px as always),
       never below 14 px where a page shrinks its root (html { font-size: 62.5% }). */
    font: 400 max(14px, 0.875rem)/1.35 var(--drop-clip-font);
    letter-spacing: normal;
    text-align: start;
    text-transform: none;
    visibility: visible;
  }

  :host([hidden]) {
    display: none;
  }

  * {
    box-sizing: border-box;
  }

  .stage {
    position: relative;
    aspect-ratio: var(--drop-clip-aspect-ratio);
    width: 100%;
    overflow: hidden;
    border-radius: var(--drop-clip-radius);
    background: var(--drop-clip-background);
  }

  video,
  .poster {
    position: absolute;
    inset: 0;
    width: 100%;
    height: 100%;
    object-fit: cover;
    display: block;
  }

  video[hidden] {
    display: none;
  }

  /* A button's browser style sets its own spacing; inherited, a reader's text-spacing settings
     (WCAG 1.4.12) reach "Watch again" as they reach every other word here. */
  button,
  a {
    font: inherit;
    color: inherit;
    letter-spacing: inherit;
    word-spacing: inherit;
  }

  :focus-visible {
    outline: 3px solid var(--drop-clip-accent);
    outline-offset: 2px;
  }

  /* On a card's near-white face the default pink ring is 2.96:1: the card's text colour is not. */
  .stage .card :focus-visible {
    outline-color: currentColor;
  }

  /* First in the markup (Tab order follows reading order), so lifted above what comes later. */
  .controls,
  .play-overlay {
    z-index: 1;
  }

  /* The controls end the top row, the cards' image starts theirs: on a right-to-left page both
     mirror. The play button and the hotspots stay physical: they point at places in the picture. */
  .controls {
    position: absolute;
    top: 8px;
    inset-inline-end: 8px;
    display: flex;
    gap: 6px;
  }

  .controls button,
  .play-overlay,
  .replay {
    border: 0;
    cursor: pointer;
    color: var(--drop-clip-control-color);
    background: var(--drop-clip-control-background);
  }

  .controls button {
    display: grid;
    place-items: center;
    width: 40px;
    height: 40px;
    padding: 0;
    border-radius: 50%;
  }

  .play-overlay {
    position: absolute;
    top: 50%;
    left: 50%;
    translate: -50% -50%;
    display: grid;
    place-items: center;
    width: 72px;
    height: 72px;
    border-radius: 50%;
    background: var(--drop-clip-accent);
  }

  .play-overlay svg {
    width: 40px;
    height: 40px;
  }

  /* The buffering spinner: CSS alone (no markup, no words), shown after half a second so a stall
     nobody would notice does not flash. For assistive technology the video is aria-busy; nothing
     is announced, since the products are all in the list without watching. */
  :host([buffering]) .stage::after {
    content: '';
    position: absolute;
    inset: 0;
    width: 34px;
    height: 34px;
    margin: auto;
    border: 5px solid var(--drop-clip-control-background);
    border-top-color: var(--drop-clip-control-color);
    border-radius: 50%;
    pointer-events: none;
    /* card-in, lasting 0 s, only hides it during the delay: one keyframes rule less. */
    animation: card-in 0s 0.5s both, spin 0.9s linear infinite;
  }

  ul {
    list-style: none;
    margin: 0;
    padding: 0;
  }

  .cards {
    position: absolute;
    inset-inline: 8px;
    bottom: 8px;
    display: grid;
    gap: 6px;
  }

  /* A button that does not fit beside the name goes under it, instead of squeezing the name and
     price to nothing in a narrow clip. */
  .card {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 8px;
    /* Narrow on the image's side, so the thumbnail sits close to the card's edge. */
    padding: 6px;
    padding-inline-end: 10px;
    min-height: 44px;
    border-radius: calc(var(--drop-clip-radius) * 0.75);
    color: var(--drop-clip-card-color);
    background: var(--drop-clip-card-background);
    animation: card-in 180ms ease-out;
  }

  .card img {
    width: 40px;
    height: 40px;
    object-fit: cover;
    border-radius: 6px;
    flex: none;
  }

  .card-text {
    flex: 1 1 8em;
    font-weight: 600;
  }

  /* A product name is creator text: one unbroken 5,000-letter word must wrap inside the card, not
     widen it (and the page) to thousands of pixels. */
  .card-text,
  .card a {
    min-width: 0;
    overflow-wrap: anywhere;
  }

  .card drop-button {
    flex: none;
  }

  /* The whole height of the card is the link: a one-line name alone would be a 19 px target. */
  .card a {
    flex: 1;
    align-self: stretch;
    align-content: center;
    font-weight: 600;
    text-decoration: none;
  }

  .card a:hover {
    text-decoration: underline;
  }

  [part~='card-price'] {
    display: block;
    font-weight: 400;
  }

  .hotspot {
    position: absolute;
    width: 28px;
    height: 28px;
    translate: -50% -50%;
    border: 3px solid #fff;
    border-radius: 50%;
    background: var(--drop-clip-accent);
    box-shadow: 0 0 0 0 var(--drop-clip-accent);
    animation: pulse 1.6s ease-out infinite;
  }

  /* The dot pulses with the video, which Pause stops; a clip paused or waiting for its visitor would
     otherwise blink on for good beside the page (WCAG 2.2.2). */
  :host(:not([playback='playing'])) .hotspot {
    animation: none;
  }

  /* The end screen keeps clear of the controls (8 + 40 px; 50 with their touch squares) above it.
     Its products are as many columns of at least 240 px as the clip's width holds (one in a
     phone-sized clip), scrolling within the space left when there are more than fit: no card cut
     at the edge, no name squeezed. */
  .carousel {
    position: absolute;
    inset: 0;
    display: grid;
    align-content: end;
    gap: 10px;
    padding: 56px 12px 12px;
    background: rgb(0 0 0 / 0.55);
  }

  .carousel ul {
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(min(100%, 240px), 1fr));
    /* Rows as tall as their cards: auto rows in a list of fixed height shrink to the cards' 44 px minimum. */
    grid-auto-rows: max-content;
    gap: 8px;
    overflow-y: auto;
  }

  /* The end screen's cards come with its veil, at once: sliding up into a list that scrolls, each
     would make it scroll for the slide (its foot cut off, a classic scrollbar flashing). */
  .carousel .card {
    animation: none;
  }

  .replay {
    justify-self: center;
    padding: 10px 18px;
    min-height: 44px;
    border-radius: 999px;
  }

  .list {
    padding: 10px 0 0;
  }

  .list .card {
    background: none;
    padding-inline-start: 0;
    animation: none;
  }

  .list-title {
    margin: 0 0 4px;
    font-weight: 600;
  }

  /* Screen-reader users get the list without watching; keyboard users see it when they reach it. */
  .visually-hidden:not(:focus-within) {
    position: absolute;
    width: 1px;
    height: 1px;
    margin: -1px;
    padding: 0;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
    border: 0;
  }

  @keyframes card-in {
    from {
      opacity: 0;
      translate: 0 8px;
    }
  }

  @keyframes spin {
    to {
      rotate: 1turn;
    }
  }

  @keyframes pulse {
    to {
      box-shadow: 0 0 0 12px transparent;
    }
  }

  /* A finger needs a 44 px square (WCAG 2.5.5); a mouse keeps what it has. The look stays too: an
     invisible square takes the taps around the round controls (2 px out from their 40) and the
     hotspot's dot (11 px out from the 22 inside its border; a bigger dot would hide more of the
     picture). A circle would not do: its corners miss. The controls' squares stay 2 px apart. */
  @media (pointer: coarse) {
    .controls button {
      position: relative;
    }
    .controls button::after,
    .hotspot::after {
      content: '';
      position: absolute;
      inset: -2px;
    }
    .hotspot::after {
      inset: -11px;
    }
  }

  /* Forced colours (Windows High Contrast) paint every background alike and drop shadows: round
     buttons and cards over the video need an edge, and the spinner's quarter a colour of its own. */
  @media (forced-colors: active) {
    .controls button,
    .play-overlay,
    .replay,
    .card {
      border: 1px solid;
    }
    :host([buffering]) .stage::after {
      border-top-color: Canvas;
    }
  }

  @media (prefers-reduced-motion: reduce) {
    .card,
    .hotspot {
      animation: none;
    }
    :host([buffering]) .stage::after {
      animation: card-in 0s 0.5s both;
    }
  }
`;
