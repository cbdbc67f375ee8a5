/**
 * React 18, which the package allows (`react >= 18`): this project's config binds `react` and
 * `react-dom` to React 18.3 (npm aliases) for the built package and these tests alike. The wrappers
 * are what docs/packages.md tells a React 18 app to use, so they run the same suite as on React 19
 * (wrapper-suite.tsx);
 * the raw tags get what the docs say React 18 does to them, so a React 18.x that changes it shows
 * here.
 */
import { describe, expect, it } from 'vitest';
import { version as reactVersion } from 'react';
import { flushSync, version as reactDomVersion } from 'react-dom';
import type {} from '@dropkit/elements/jsx/react';
import '@dropkit/elements/define';
import type { DropButton, DropCountdown } from '@dropkit/elements';
import { AFTER, AT, BEFORE, CHECKOUT, clickBuy, consoleWatch, rendered, until } from '../harness.ts';
import { reactRootPerTest } from '../react-root.ts';
import { wrapperSuite } from '../wrapper-suite.tsx';

const mounted = reactRootPerTest();
const render = (node: React.ReactNode) => flushSync(() => mounted.root.render(node));

const countdownIn = () => rendered(mounted.container.querySelector<DropCountdown>('drop-countdown'));
const buttonIn = () => rendered(mounted.container.querySelector<DropButton>('drop-button'));

it('runs on React 18 (react and react-dom)', () => {
  // Without this project's aliases both would be 19 and every test below would prove nothing new.
  expect(reactVersion.startsWith('18.')).toBe(true);
  expect(reactDomVersion.startsWith('18.')).toBe(true);
});

wrapperSuite('React 18', mounted);

describe('React 18, raw tags: what docs/packages.md says', () => {
  it('writes a Date prop as its toString() attribute, which the countdown refuses with a warning', async () => {
    const date = new Date(AT);
    const console = consoleWatch();
    try {
      render(<drop-countdown at={date}>Drops Sat 5 Dec</drop-countdown>);
      const countdown = await countdownIn();
      expect(countdown.getAttribute('at')).toBe(date.toString());
      expect(countdown.at).toBe(null);
      expect(console.messages.some((message) => message.startsWith('warn:') && message.includes(date.toString()))).toBe(true);
    } finally {
      console.restore();
    }
  });

  it('calls no ondrop-* prop, though the events fire', async () => {
    const fromReact: string[] = [];
    const fromListener: string[] = [];
    function Page({ now }: { now: string }) {
      return (
        <drop-countdown id="raw-drop" at={AT} now={now} ondrop-state={(event) => fromReact.push(event.state)}>
          <drop-button drop="raw-drop" ondrop-checkout={(event) => fromReact.push(event.href)}>
            <a href={CHECKOUT}>Buy</a>
          </drop-button>
        </drop-countdown>
      );
    }
    render(<Page now={BEFORE} />);
    const countdown = await countdownIn();
    const button = await buttonIn();
    countdown.addEventListener('drop-state', (event) => fromListener.push(event.state));
    button.addEventListener('drop-checkout', (event) => fromListener.push(event.href));
    // ISO text is an attribute the countdown reads, so the times themselves arrive.
    expect(countdown.at?.toISOString()).toBe(AT);
    render(<Page now={AFTER} />);
    await until(() => fromListener.length > 0, 'drop-state fires');
    await until(() => button.getAttribute('state') === 'live', 'the button follows the drop');
    clickBuy(button);
    expect(fromListener).toEqual(['live', CHECKOUT]);
    expect(fromReact).toEqual([]);
    // Not even as an attribute: React 18 drops a function prop.
    expect(countdown.hasAttribute('ondrop-state')).toBe(false);
  });
});
