/**
 * A React 18 marketplace page rendered on the server and hydrated (hydrate.tsx: react-dom 18 in
 * Node, the tags registered and drawn from that HTML, then React 18 hydrates in a task of its own).
 * As in hydration.test.tsx for React 19: no console message, no recoverable error, and the DOM
 * React found is the DOM it kept.
 */
import { describe, expect, it } from 'vitest';
import { serveAndHydrate } from '../hydrate.tsx';
import { AT } from '../ssr-pages.tsx';

describe('React 18 hydration of server-rendered dropkit', () => {
  it('the wrappers: server HTML with their attributes, no mismatch or warning, the DOM kept', async () => {
    const { server, problems, kept, text, beforeHydration, afterHydration } = await serveAndHydrate('18', 'Wrappers');
    expect(server.react.startsWith('18.')).toBe(true);
    expect(server.stderr).toBe('');
    // The wrapper wrote its Date as the attribute, so the countdown had its time before hydration…
    expect(server.html).toContain(`<drop-countdown id="ssr-drop" at="${AT}" time-zone="Europe/Paris">`);
    // hidden={false} is no attribute (React 18 alone wrote hidden="false": a hidden button).
    expect(server.html).toContain('<drop-button drop="ssr-drop" referral="tiktok"><a ');
    expect(beforeHydration).toEqual({ at: AT, drop: 'ssr-drop', referral: 'tiktok', hidden: false, label: 'Nova Threads' });
    expect(problems).toEqual([]);
    expect(kept).toBe(true);
    expect(text.match(/Buy the tee/g)?.length).toBe(1);
    // …and after it holds the Date the page passed, as a property.
    expect(afterHydration.at instanceof Date).toBe(true);
    expect(afterHydration.at?.toISOString()).toBe(AT);
    expect(afterHydration.referral).toBe('tiktok');
    expect(afterHydration.hidden).toBe(false);
  });

  it('raw tags with ISO text and suppressHydrationWarning: the same', async () => {
    const { server, problems, kept, beforeHydration } = await serveAndHydrate('18', 'RawTags');
    expect(server.react.startsWith('18.')).toBe(true);
    expect(server.stderr).toBe('');
    expect(beforeHydration).toEqual({ at: AT, drop: 'ssr-drop', referral: 'tiktok', hidden: false, label: 'Nova Threads' });
    expect(problems).toEqual([]);
    expect(kept).toBe(true);
  });
});
