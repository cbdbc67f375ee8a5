/**
 * The Content-Security-Policy dropkit tells marketplaces to send (docs/hardening.md "the CSP that
 * works"), as the tests and `npm run check:engines` send it. One copy, so a test cannot pass under a
 * policy the docs do not give; test/hardening/csp-docs.test.ts holds the docs to it.
 */

/** The policy's directives, `{nonce}` where the page's nonce goes. */
export const STRICT_CSP_DIRECTIVES = [
  "script-src 'nonce-{nonce}' 'strict-dynamic'",
  "object-src 'none'",
  "base-uri 'none'",
  "style-src 'self'",
  "require-trusted-types-for 'script'",
  'trusted-types lit-html',
];

/**
 * The header value for one page. `trustedTypes` replaces the policy list (a test of a page whose
 * list leaves Lit out); `reportUri` adds a report endpoint.
 */
export function strictCsp(nonce, { trustedTypes, reportUri } = {}) {
  const directives = STRICT_CSP_DIRECTIVES.map((directive) =>
    trustedTypes !== undefined && directive.startsWith('trusted-types ') ? `trusted-types ${trustedTypes}` : directive.replace('{nonce}', nonce),
  );
  if (reportUri) directives.push(`report-uri ${reportUri}`);
  return directives.join('; ');
}
