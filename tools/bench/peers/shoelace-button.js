// Shoelace's <sl-button> with everything it imports (Lit, its base classes, <sl-icon>, <sl-spinner>).
import '@shoelace-style/shoelace/dist/components/button/button.js';
