/**
 * Each React test gets its own container and React root, and checkouts cannot navigate the test
 * page away; after the test the root unmounts synchronously (so leaks show in the next test, not
 * later) and the container leaves the page.
 */
import { afterEach, beforeEach } from 'vitest';
import { createRoot, type Root } from 'react-dom/client';
import { flushSync } from 'react-dom';
import { stayOnPage } from './harness.ts';

export interface ReactMount {
  readonly container: HTMLElement;
  readonly root: Root;
}

export function reactRootPerTest(): ReactMount {
  const mount = {} as { container: HTMLElement; root: Root };
  let release: () => void;
  beforeEach(() => {
    mount.container = document.body.appendChild(document.createElement('div'));
    mount.root = createRoot(mount.container);
    release = stayOnPage();
  });
  afterEach(() => {
    flushSync(() => mount.root.unmount());
    mount.container.remove();
    release();
  });
  return mount;
}
