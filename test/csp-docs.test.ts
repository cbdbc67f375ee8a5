/**
 * The strict CSP the docs give marketplaces is the one the hardening tests and the engines check
 * send: a test passing under a policy the docs do not print would prove nothing for a marketplace.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { STRICT_CSP_DIRECTIVES, strictCsp } from './support/strict-csp.mjs';

const hardeningDoc = readFileSync(new URL('../docs/hardening.md', import.meta.url), 'utf8');

/** The directives of the policy block under "the CSP that works", in order. */
function documentedDirectives(markdown: string): string[] {
  const block = /```\nContent-Security-Policy:\n([\s\S]*?)```/.exec(markdown);
  if (!block) throw new Error('docs/hardening.md has no "Content-Security-Policy:" code block');
  return block[1]!
    .split(';')
    .map((directive) => directive.trim())
    .filter(Boolean);
}

describe('the documented strict CSP', () => {
  it('is the policy the tests send, directive by directive', () => {
    const tested = STRICT_CSP_DIRECTIVES.map((directive) => directive.replace('{nonce}', '{random}'));
    expect(documentedDirectives(hardeningDoc)).toEqual(tested);
  });

  it('puts the page nonce in script-src and nowhere else, and adds a report endpoint only when asked', () => {
    const header = strictCsp('abc123');
    expect(header.match(/abc123/g)).toHaveLength(1);
    expect(header).toContain("script-src 'nonce-abc123' 'strict-dynamic'");
    expect(header).not.toContain('report-uri');
    expect(strictCsp('n', { reportUri: '/r' })).toMatch(/; report-uri \/r$/);
  });

  it('replaces only the Trusted Types list when a test narrows it', () => {
    const narrowed = strictCsp('n', { trustedTypes: 'marketplace-only' });
    expect(narrowed).toContain('trusted-types marketplace-only');
    expect(narrowed).not.toContain('lit-html');
    expect(narrowed).toContain("require-trusted-types-for 'script'");
  });
});
