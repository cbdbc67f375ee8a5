// The docs' plain-JavaScript example, in TypeScript, with nothing but the define import.
import '@dropkit/elements/define';

const countdown = document.querySelector('drop-countdown');
countdown?.addEventListener('drop-state', (event) => console.log(event.previous, '→', event.state));
const clip = document.querySelector('drop-clip');
clip?.addEventListener('drop-product-view', (event) => console.log(event.detail.index));
clip?.addEventListener('drop-clip-progress', (event) => console.log(event.percent));
document.querySelector('drop-button')?.addEventListener('drop-checkout', (event) => console.log(event.detail.sku));
export const product: string | undefined = document.querySelector('drop-product')?.localName;
// @ts-expect-error a drop-state event has no href
countdown?.addEventListener('drop-state', (event) => event.href);
// Analytics listen where the events bubble to (they are composed): the document, the window, the
// shadow root a marketplace mounts its widgets in.
document.addEventListener('drop-checkout', (event) => console.log(event.href, event.provider));
window.addEventListener('drop-state', (event) => console.log(event.state));
document.body.attachShadow({ mode: 'open' }).addEventListener('drop-product-click', (event) => console.log(event.detail.name));
