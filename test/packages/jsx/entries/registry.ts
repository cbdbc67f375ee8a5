// A scoped-registry page: nothing but the registry entry.
import { defineAll } from '@dropkit/elements/registry';

defineAll();
document.querySelector('drop-countdown')?.addEventListener('drop-state', (event) => console.log(event.state));
