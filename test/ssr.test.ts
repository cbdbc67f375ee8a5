import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * A marketplace's server render (Next, Remix…): the BUILT package imported in plain Node, with no
 * DOM globals, as a server has none. Run `npm run build` first (`npm test` does).
 */
const repo = fileURLToPath(new URL('..', import.meta.url));

function serverRender(body: string): { stdout: string; stderr: string; status: number | null } {
  const script = `
    import { createElement as h } from 'react';
    import { renderToString } from 'react-dom/server';
    ${body}`;
  const result = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: repo, encoding: 'utf8', timeout: 60_000 });
  return { stdout: result.stdout, stderr: result.stderr, status: result.status };
}

describe('server rendering with React', () => {
  it('renders the React wrappers to HTML without a DOM', () => {
    const { stdout, stderr, status } = serverRender(`
      const { DropCountdown, DropButton, DropMark } = await import('@dropkit/elements/react');
      console.log(renderToString(h('main', null,
        h(DropCountdown, { id: 'winter', at: '2026-12-05T18:00:00+01:00' }, 'Drops Saturday'),
        h(DropButton, { drop: 'winter', referral: 'tiktok' }, h('a', { href: 'https://buy.stripe.com/x' }, 'Buy')),
        h(DropMark, { name: 'Nova Threads' }))));`);
    expect(stderr).toBe('');
    expect(status).toBe(0);
    // The creator's own content is in the server HTML, so the page works before any script runs.
    expect(stdout).toContain('<drop-countdown id="winter"');
    expect(stdout).toContain('Drops Saturday');
    expect(stdout).toContain('<a href="https://buy.stripe.com/x">Buy</a>');
    expect(stdout).toContain('<drop-mark');
  });

  it("writes the wrappers' element properties as the attributes the elements read", () => {
    // Between the tags registering and React hydrating, the elements have only this HTML: without
    // drop the button went live before its drop, without name the mark hid from screen readers.
    const { stdout, stderr, status } = serverRender(`
      const { DropCountdown, DropButton, DropMark } = await import('@dropkit/elements/react');
      console.log(renderToString(h('main', null,
        h(DropCountdown, { id: 'winter', at: new Date('2026-12-05T17:00:00Z'), timeZone: 'Europe/Paris', format: 'long', onDropState: () => {} }, 'Drops Saturday'),
        h(DropButton, { drop: 'winter', referral: 'tiktok', sku: null }, h('a', { href: 'https://buy.stripe.com/x' }, 'Buy')),
        h(DropMark, { name: 'Nova Threads', className: 'brand' }))));`);
    expect(stderr).toBe('');
    expect(status).toBe(0);
    expect(stdout).toContain(
      '<drop-countdown id="winter" at="2026-12-05T17:00:00.000Z" time-zone="Europe/Paris" format="long">Drops Saturday</drop-countdown>',
    );
    expect(stdout).toContain('<drop-button drop="winter" referral="tiktok"><a href="https://buy.stripe.com/x">Buy</a></drop-button>');
    expect(stdout).toContain('<drop-mark name="Nova Threads" class="brand"></drop-mark>');
  });

  it('gives React Server Components the wrappers behind a client boundary', () => {
    // An RSC bundler (Next.js App Router) resolves imports in its server graph under the
    // react-server condition, and turns a module that starts with 'use client' into a reference
    // to a client component instead of running its hooks on the server.
    const resolve = (conditions: string[]) => {
      const result = spawnSync(
        process.execPath,
        [...conditions, '--input-type=module', '-e', "console.log(import.meta.resolve('@dropkit/elements/react'))"],
        { cwd: repo, encoding: 'utf8', timeout: 60_000 },
      );
      return readFileSync(fileURLToPath(result.stdout.trim()), 'utf8');
    };
    const directive = /^\s*(['"])use client\1;/;
    const boundary = resolve(['--conditions=react-server']);
    expect(boundary).toMatch(directive);
    // Every wrapper is behind it, by name.
    const names = (source: string) => [...source.matchAll(/export (?:const|\{([^}]*)\})\s*(\w+)?/g)].flatMap((m) => (m[1] ?? m[2] ?? '').split(',').map((n) => n.trim()).filter(Boolean)).sort();
    expect(names(boundary)).toEqual(names(resolve([])));
    // Elsewhere no directive: Vite warns about one on every build that bundles it.
    expect(resolve([])).not.toMatch(directive);
  });

  it('renders the raw tags with ISO text for the moment', () => {
    const { stdout, stderr, status } = serverRender(`
      console.log(renderToString(h('drop-countdown', { at: '2026-12-05T18:00:00+01:00', 'time-zone': 'Europe/Paris' }, 'Drops Saturday')));`);
    expect(stderr).toBe('');
    expect(status).toBe(0);
    expect(stdout).toContain('<drop-countdown at="2026-12-05T18:00:00+01:00" time-zone="Europe/Paris">Drops Saturday</drop-countdown>');
  });
});
