// One element's define entry alone: its tag and its event are typed.
import '@dropkit/elements/countdown/define';

document.querySelector('drop-countdown')?.addEventListener('drop-state', (event) => console.log(event.previous, event.state));
