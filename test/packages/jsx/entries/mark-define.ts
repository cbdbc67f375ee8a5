// The mark's define entry alone: its tag is typed.
import '@dropkit/elements/mark/define';

export const variant: string | null | undefined = document.querySelector('drop-mark')?.variant;
