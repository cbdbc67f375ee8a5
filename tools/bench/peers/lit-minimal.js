// The smallest useful Lit element: what any Lit-based widget costs before it does anything.
import { LitElement, css, html } from 'lit';

class MinimalElement extends LitElement {
  static properties = { name: {} };
  static styles = css`
    :host {
      display: inline-block;
    }
  `;

  constructor() {
    super();
    this.name = 'world';
  }

  render() {
    return html`Hello, ${this.name}!`;
  }
}

customElements.define('minimal-element', MinimalElement);
