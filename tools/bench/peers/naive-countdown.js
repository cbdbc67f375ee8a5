/**
 * The countdown most widgets ship: a Lit element with its own setInterval, started whenever it
 * connects, re-rendering every second whether or not it is on screen. It is the runtime peer.
 */
import { LitElement, css, html } from 'lit';

const pad = (n) => String(n).padStart(2, '0');

class NaiveCountdown extends LitElement {
  static properties = { at: {} };
  // The same digits as dropkit's default look, so both repaint the same area each second.
  static styles = css`
    span {
      font-size: 1.5em;
      font-weight: 700;
      font-variant-numeric: tabular-nums;
      white-space: nowrap;
    }
  `;

  constructor() {
    super();
    this.at = '';
  }

  connectedCallback() {
    super.connectedCallback();
    this.timer = setInterval(() => this.requestUpdate(), 1000);
  }

  disconnectedCallback() {
    super.disconnectedCallback();
    clearInterval(this.timer);
  }

  render() {
    const left = Math.max(0, Date.parse(this.at) - Date.now());
    const seconds = Math.floor(left / 1000);
    return html`<span>${pad(Math.floor(seconds / 3600))}:${pad(Math.floor(seconds / 60) % 60)}:${pad(seconds % 60)}</span>`;
  }
}

customElements.define('naive-countdown', NaiveCountdown);
