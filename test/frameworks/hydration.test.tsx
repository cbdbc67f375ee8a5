/**
 * A marketplace's server-rendered React 19 page, hydrated the way a real one is (hydrate.tsx: the
 * page rendered by react-dom 19 in Node, the tags registered and drawn from that HTML, then React
 * hydrates in a task of its own). What the docs tell a marketplace to write must hydrate without a
 * console message and without a second copy of anything. Until 28 November 2026 this test rendered
 * the server HTML in the browser, where the wrappers see a DOM and write no attributes: the
 * countdown hydrated from HTML without its time (it warned "at is missing" before hydration).
 */
import { describe, expect, it } from 'vitest';
import { serveAndHydrate } from './hydrate.tsx';
import { AT } from './ssr-pages.tsx';

describe('React hydration of server-rendered dropkit tags', () => {
  it('raw tags: no mismatch, no warning, the DOM React found is the DOM it kept', async () => {
    const { server, problems, kept, text, beforeHydration } = await serveAndHydrate('19', 'RawTags');
    expect(server.react.startsWith('19.')).toBe(true);
    expect(server.stderr).toBe('');
    expect(beforeHydration).toEqual({ at: AT, drop: 'ssr-drop', referral: 'tiktok', hidden: false, label: 'Nova Threads' });
    expect(problems).toEqual([]);
    expect(kept).toBe(true);
    expect(text.match(/Buy the tee/g)?.length).toBe(1);
  });

  it('the wrappers: server HTML with their attributes, the same, and the Date a property after', async () => {
    const { server, problems, kept, beforeHydration, afterHydration } = await serveAndHydrate('19', 'Wrappers');
    expect(server.react.startsWith('19.')).toBe(true);
    expect(server.stderr).toBe('');
    expect(server.html).toContain(`<drop-countdown id="ssr-drop" at="${AT}" time-zone="Europe/Paris">`);
    expect(beforeHydration).toEqual({ at: AT, drop: 'ssr-drop', referral: 'tiktok', hidden: false, label: 'Nova Threads' });
    expect(problems).toEqual([]);
    expect(kept).toBe(true);
    expect(afterHydration.at instanceof Date).toBe(true);
    expect(afterHydration.at?.toISOString()).toBe(AT);
  });
});
