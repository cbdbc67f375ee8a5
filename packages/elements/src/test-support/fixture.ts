/**
 * Mounts creator-style HTML in the test page and waits until every dropkit element in it is
 * defined (the ES loader defines lazily) and rendered. Works the same whichever build the page
 * loaded (sources, ES loader or IIFE), because it only talks to the DOM.
 */
export type KitTarget = 'src' | 'es' | 'iife';

export const kitTarget: KitTarget =
  ((globalThis as { __dropkitTarget?: KitTarget }).__dropkitTarget ?? 'src');

const mounted: HTMLElement[] = [];

export async function fixture<T extends Element = HTMLElement>(html: string): Promise<T> {
  const container = document.createElement('div');
  container.innerHTML = html.trim();
  document.body.append(container);
  mounted.push(container);
  await settled(container);
  return container.firstElementChild as T;
}

/** Waits for definitions and a render of every dropkit element under `root`. */
export async function settled(root: ParentNode): Promise<void> {
  const dropkitElements = [...root.querySelectorAll('*')].filter((el) => el.localName.startsWith('drop-'));
  const tags = new Set(dropkitElements.map((el) => el.localName));
  await Promise.all([...tags].map((tag) => withTimeout(customElements.whenDefined(tag), `<${tag}> defined`)));
  await Promise.all(
    dropkitElements.map((el) => (el as Element & { updateComplete?: Promise<unknown> }).updateComplete),
  );
}

/** Removes everything `fixture` mounted; call from `afterEach`. */
export function cleanup(): void {
  for (const container of mounted.splice(0)) container.remove();
}

async function withTimeout<T>(promise: Promise<T>, what: string, ms = 5000): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

export const nextFrame = () => new Promise<void>((resolve) => requestAnimationFrame(() => resolve()));

/** Every element under `root`, open shadow roots included, in tree order. */
export function deepElements(root: ParentNode): Element[] {
  const found: Element[] = [];
  for (const element of root.querySelectorAll('*')) {
    found.push(element);
    if (element.shadowRoot) found.push(...deepElements(element.shadowRoot));
  }
  return found;
}
