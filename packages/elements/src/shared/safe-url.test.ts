import { describe, expect, it } from 'vitest';
import { toHttpsUrl } from './safe-url.ts';

describe('toHttpsUrl', () => {
  it('accepts https links and normalises them', () => {
    expect(toHttpsUrl('https://buy.stripe.com/test_123')?.href).toBe('https://buy.stripe.com/test_123');
    expect(toHttpsUrl('  HTTPS://Shop.Example/cart/1:2 ')?.href).toBe('https://shop.example/cart/1:2');
  });

  it.each([
    'javascript:alert(1)',
    'java\tscript:alert(1)',
    'JAVASCRIPT:alert(1)',
    ' javascript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'vbscript:msgbox(1)',
    '//evil.example/path',
    'http://shop.example/',
    'ftp://shop.example/',
    'https://shop.example@evil.example/',
    'https://user:pass@shop.example/',
    '',
    '   ',
    'not a url',
  ])('rejects %j', (value) => {
    expect(toHttpsUrl(value)).toBeNull();
  });

  it('resolves relative links against an https base only', () => {
    expect(toHttpsUrl('/checkout', 'https://shop.example/p/1')?.href).toBe('https://shop.example/checkout');
    expect(toHttpsUrl('/checkout', 'http://shop.example/p/1')).toBeNull();
  });

  it('rejects non-strings', () => {
    expect(toHttpsUrl(null)).toBeNull();
    expect(toHttpsUrl(undefined)).toBeNull();
  });
});
