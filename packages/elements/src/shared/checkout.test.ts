import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { checkCheckoutUrl, detectProvider, withCheckoutParams } from './checkout.ts';
import { hostileUrls } from '../test-support/hostile-urls.ts';


describe('checkCheckoutUrl', () => {
  it.each(hostileUrls)('rejects %j', (value) => {
    const check = checkCheckoutUrl(value);
    expect(check.ok).toBe(false);
  });

  it.each([
    ['https://buy.stripe.com/test_abc123', 'stripe'],
    ['https://checkout.stripe.com/c/pay/cs_test', 'stripe'],
    ['https://shop.myshopify.com/products/tee', 'shopify'],
    ['https://merch.creator.example/cart/123456789:1', 'shopify'],
    ['https://merch.creator.example/cart/1:2,3:1', 'shopify'],
    ['https://creator.gumroad.com/l/tee', 'gumroad'],
    ['https://gumroad.com/l/tee', 'gumroad'],
    ['https://creator.lemonsqueezy.com/checkout/buy/0b1c', 'lemonsqueezy'],
    ['https://t.me/creator_shop_bot?start=tee-42', 'telegram'],
    ['https://telegram.me/creator_shop_bot', 'telegram'],
    ['https://shop.example/tee', 'other'],
    ['https://notstripe.com.evil.example/x', 'other'],
  ] as const)('accepts %s as %s', (href, provider) => {
    const check = checkCheckoutUrl(href);
    expect(check).toMatchObject({ ok: true, provider });
  });

  it('rejects a Telegram start payload that Telegram itself would refuse', () => {
    expect(checkCheckoutUrl(`https://t.me/shop_bot?start=${'a'.repeat(64)}`).ok).toBe(true);
    expect(checkCheckoutUrl(`https://t.me/shop_bot?start=${'a'.repeat(65)}`)).toMatchObject({ ok: false, provider: 'telegram' });
    expect(checkCheckoutUrl('https://t.me/shop_bot?start=tee%2042')).toMatchObject({ ok: false });
    expect(checkCheckoutUrl('https://t.me/shop_bot?start=t%C3%A9e')).toMatchObject({ ok: false });
    expect(checkCheckoutUrl('https://t.me/?start=abc')).toMatchObject({ ok: false });
  });

  it('says what was expected and what it received', () => {
    const check = checkCheckoutUrl('javascript:alert(1)');
    expect(check.ok ? '' : check.reason).toMatch(/expected an https:\/\/ checkout link but received "javascript:alert\(1\)"/);
  });

  it('never accepts anything but https, whatever string it is given', () => {
    const schemes = fc.constantFrom('javascript', 'JaVaScRiPt', 'data', 'vbscript', 'http', 'https', 'file', 'ftp', 'blob', '');
    const noise = fc.constantFrom('', ' ', '\t', '\n', '\u0000', '%09', '/', '//', ':');
    const candidate = fc.oneof(
      fc.string(),
      fc.webUrl({ validSchemes: ['http', 'https', 'ftp'] }),
      fc.tuple(noise, schemes, noise, fc.constantFrom(':', '://', ':/', ''), noise, fc.string()).map((parts) => parts.join('')),
    );
    fc.assert(
      fc.property(candidate, (value) => {
        const check = checkCheckoutUrl(value);
        if (check.ok) expect(check.url.protocol).toBe('https:');
      }),
      { numRuns: 2000 },
    );
  });
});

describe('detectProvider', () => {
  it('does not mistake look-alike hosts for known providers', () => {
    expect(detectProvider(new URL('https://buy.stripe.com.evil.example/'))).toBe('other');
    expect(detectProvider(new URL('https://evilgumroad.com/'))).toBe('other');
  });
});

describe('withCheckoutParams', () => {
  const url = (href: string) => new URL(href);

  it('appends sku and utm pairs without overriding the creator\'s own params', () => {
    const result = withCheckoutParams(url('https://shop.example/tee?utm_source=site'), 'other', {
      sku: 'TEE-42',
      referral: 'utm_source=tiktok&utm_campaign=drop1',
    });
    expect(result.searchParams.get('sku')).toBe('TEE-42');
    expect(result.searchParams.get('utm_source')).toBe('site');
    expect(result.searchParams.get('utm_campaign')).toBe('drop1');
  });

  it('turns a bare referral code into ref, or client_reference_id for Stripe', () => {
    expect(withCheckoutParams(url('https://shop.example/'), 'other', { referral: 'creator42' }).searchParams.get('ref')).toBe('creator42');
    expect(
      withCheckoutParams(url('https://buy.stripe.com/x'), 'stripe', { referral: 'creator42' }).searchParams.get('client_reference_id'),
    ).toBe('creator42');
  });

  it('leaves Telegram links alone: bots only ever receive start', () => {
    const href = 'https://t.me/shop_bot?start=tee';
    expect(withCheckoutParams(url(href), 'telegram', { sku: 'x', referral: 'y' }).href).toBe(href);
  });

  it('keeps the URL https', () => {
    expect(withCheckoutParams(url('https://shop.example/'), 'other', { referral: 'a=b' }).protocol).toBe('https:');
  });
});
