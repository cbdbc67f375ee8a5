// The clip's define entry alone (it brings <drop-product> and its buy buttons): tags and events typed.
import '@dropkit/elements/clip/define';

const clip = document.querySelector('drop-clip');
clip?.addEventListener('drop-product-view', (event) => console.log(event.detail.index));
clip?.addEventListener('drop-product-click', (event) => console.log(event.detail.name));
clip?.addEventListener('drop-clip-progress', (event) => console.log(event.percent));
clip?.addEventListener('drop-checkout', (event) => console.log(event.href));
export const product: string | undefined = document.querySelector('drop-product')?.localName;
