// The button's define entry alone: its tag and its checkout event are typed.
import '@dropkit/elements/button/define';

document.querySelector('drop-button')?.addEventListener('drop-checkout', (event) => console.log(event.href, event.detail.sku));
