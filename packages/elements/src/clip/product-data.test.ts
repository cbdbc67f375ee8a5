import { describe, expect, it } from 'vitest';
import { formatPrice, readProduct, readProductCue, toMediaUrl } from './product-data.ts';

const base = 'https://creator.example/drops/dec5.html';

describe('readProduct', () => {
  it('reads a complete product from attribute strings', () => {
    const { product, problems } = readProduct(
      { name: 'Glow tee', href: 'https://buy.stripe.com/abc', price: '24', currency: 'eur', image: 'tee.jpg', at: '3', until: '0:11', x: '62%', y: '40%', sku: 'tee-l' },
      base,
    );
    expect(problems).toEqual([]);
    expect(product).toEqual({
      name: 'Glow tee',
      href: 'https://buy.stripe.com/abc',
      provider: 'stripe',
      sku: 'tee-l',
      price: 24,
      currency: 'EUR',
      image: 'https://creator.example/drops/tee.jpg',
      at: 3,
      until: 11,
      x: 62,
      y: 40,
    });
  });

  it('refuses hostile and non-https links but keeps the product (in the list, without a link)', () => {
    for (const href of ['javascript:alert(1)', 'JaVaScRiPt:alert(1)', 'java\tscript:alert(1)', 'data:text/html,<b>x', 'http://buy.example/x', 'https://shop.example@evil.example/', 'vbscript:x']) {
      const { product, problems } = readProduct({ name: 'Tee', href }, base);
      expect(product?.href, href).toBe(null);
      expect(problems.join(' '), href).toMatch(/https/);
    }
  });

  it('resolves a relative checkout link against an https page', () => {
    expect(readProduct({ name: 'Tee', href: '/cart/123:1' }, base).product?.href).toBe('https://creator.example/cart/123:1');
    expect(readProduct({ name: 'Tee', href: '/cart/123:1' }, 'http://localhost:8000/').product?.href).toBe(null);
  });

  it('needs a name', () => {
    expect(readProduct({ href: 'https://buy.stripe.com/abc' }, base).product).toBe(null);
    expect(readProduct({ name: '   ' }, base).problems[0]).toMatch(/product name/);
  });

  it('keeps a product with a broken time or hotspot, untimed or without a hotspot, and says why', () => {
    const lateEnd = readProduct({ name: 'Tee', href: 'https://buy.stripe.com/a', at: '5', until: '2' }, base);
    expect(lateEnd.product).toMatchObject({ at: Infinity, until: Infinity });
    expect(lateEnd.problems[0]).toMatch(/"until" to be a time after "at"/);
    const badAt = readProduct({ name: 'Tee', href: 'https://buy.stripe.com/a', at: 'soon' }, base);
    expect(badAt.product?.at).toBe(Infinity);
    expect(badAt.problems[0]).toMatch(/expected "at"/);
    // "until" alone gives no card (no start), and says so rather than nothing.
    const untilOnly = readProduct({ name: 'Tee', href: 'https://buy.stripe.com/a', until: '0:10' }, base);
    expect(untilOnly.product).toMatchObject({ at: Infinity, until: Infinity });
    expect(untilOnly.problems).toEqual(['"Tee": expected "at" with "until" but received only until="0:10"']);
    const open = readProduct({ name: 'Tee', href: 'https://buy.stripe.com/a', at: '5' }, base);
    expect(open.product).toMatchObject({ at: 5, until: Infinity });
    const hotspot = readProduct({ name: 'Tee', href: 'https://buy.stripe.com/a', x: '50%;background:url(x)', y: '10%' }, base);
    expect(hotspot.product).toMatchObject({ x: null, y: null });
    expect(hotspot.problems[0]).toMatch(/hotspot/);
  });

  it('reads a price with a decimal comma, and refuses one that reads two ways, naming the forms it takes', () => {
    const read = (price: unknown) => readProduct({ name: 'Tee', href: 'https://buy.stripe.com/a', price, currency: 'EUR' }, base);
    expect(read('24,90').product?.price).toBe(24.9);
    expect(read(' 24,9 ').product?.price).toBe(24.9);
    expect(read('24.90').problems).toEqual([]);
    // A cue's JSON number needs no reading, but it is held to the currency's cents like any price.
    expect(read(24.9).product?.price).toBe(24.9);
    expect(read(24.999).product?.price).toBe(null);
    expect(read(24.999).problems).toEqual(['"Tee": expected price as an amount such as 24.99 (EUR has 2 decimals) but received "24.999"']);
    for (const price of ['1,000', '1.000', '1.000,50', '24.999', '24 EUR', '1e3']) {
      const reading = read(price);
      expect(reading.product?.price, price).toBe(null);
      expect(reading.problems, price).toEqual([`"Tee": expected price as an amount such as 24.90 or 24,90 (no currency sign, no thousands separator) but received ${JSON.stringify(price)}`]);
    }
  });

  it('reads a price with the decimals of its own currency: 12.500 dinars, refused in euros', () => {
    const read = (price: unknown, currency: unknown) => readProduct({ name: 'Tee', href: 'https://buy.stripe.com/a', price, currency }, base);
    expect(read('12.500', 'KWD')).toMatchObject({ product: { price: 12.5, currency: 'KWD' }, problems: [] });
    expect(read('7,250', 'bhd')).toMatchObject({ product: { price: 7.25, currency: 'BHD' }, problems: [] });
    for (const [price, currency] of [['12.500', 'EUR'], ['3,000', 'JPY'], ['12.500', undefined], ['12.500', 'dinar']]) {
      expect(read(price, currency).product?.price, `${price} ${currency}`).toBe(null);
      expect(read(price, currency).problems[0], `${price} ${currency}`).toBe(`"Tee": expected price as an amount such as 24.90 or 24,90 (no currency sign, no thousands separator) but received "${price}"`);
    }
  });

  it('refuses a fraction its currency does not have (3000.50 yen), naming the currency\'s form, rather than show it rounded', () => {
    const read = (price: unknown, currency: unknown) => readProduct({ name: 'Tee', href: 'https://buy.stripe.com/a', price, currency }, base);
    expect(read('3000.50', 'JPY')).toMatchObject({ product: { price: null, currency: 'JPY' }, problems: ['"Tee": expected price as a whole amount such as 3000 (JPY has no minor unit) but received "3000.50"'] });
    expect(read(3000.5, 'JPY').problems).toEqual(['"Tee": expected price as a whole amount such as 3000 (JPY has no minor unit) but received "3000.5"']);
    expect(read('3000.00', 'JPY')).toMatchObject({ product: { price: 3000 }, problems: [] });
    expect(formatPrice(read('3000', 'JPY').product!.price, 'JPY', 'en')).toBe('¥3,000');
  });

  it('takes a blank time or hotspot (a template printing an empty field) as not set', () => {
    const blank = readProduct({ name: 'Tee', href: 'https://buy.stripe.com/a', at: '', until: ' ', x: '', y: '  ' }, base);
    expect(blank).toEqual(readProduct({ name: 'Tee', href: 'https://buy.stripe.com/a' }, base));
    expect(blank.problems).toEqual([]);
    // A blank until beside a real at: a card until the clip ends.
    expect(readProduct({ name: 'Tee', href: 'https://buy.stripe.com/a', at: '2', until: '' }, base)).toMatchObject({ product: { at: 2, until: Infinity }, problems: [] });
  });

  it('refuses bad prices, currencies and script images', () => {
    const { product, problems } = readProduct({ name: 'Tee', href: 'https://buy.stripe.com/a', price: '24€', currency: 'euro', image: 'javascript:x' }, base);
    expect(product).toMatchObject({ price: null, currency: null, image: null });
    expect(problems).toHaveLength(3);
  });
});

describe('readProductCue', () => {
  it('takes the window from the cue and the rest from its JSON', () => {
    const { product } = readProductCue('{"name":"Glow cap","href":"https://buy.stripe.com/cap","price":18,"currency":"EUR"}', 2.5, 3.9, base);
    expect(product).toMatchObject({ name: 'Glow cap', at: 2.5, until: 3.9, price: 18, currency: 'EUR', href: 'https://buy.stripe.com/cap' });
  });

  it('ignores a cue whose JSON tries to override its own time', () => {
    expect(readProductCue('{"name":"Cap","at":0,"until":99}', 1, 2, base).product).toMatchObject({ at: 1, until: 2 });
  });

  it('refuses cues that are not one JSON object', () => {
    for (const payload of ['Glow cap', '[1,2]', 'null', '{"name":']) {
      const reading = readProductCue(payload, 0, 1, base);
      expect(reading.product, payload).toBe(null);
      expect(reading.problems[0]).toMatch(/JSON/);
    }
  });
});

describe('toMediaUrl', () => {
  it('allows http(s) and blob media, nothing script-like', () => {
    expect(toMediaUrl('tee.jpg', base)).toBe('https://creator.example/drops/tee.jpg');
    expect(toMediaUrl('http://localhost:8000/a.png')).toBe('http://localhost:8000/a.png');
    expect(toMediaUrl('javascript:alert(1)', base)).toBe(null);
    expect(toMediaUrl('data:image/svg+xml,<svg onload=alert(1)>', base)).toBe(null);
    expect(toMediaUrl('', base)).toBe(null);
  });
});

describe('formatPrice', () => {
  it('formats with the currency, falls back without one or with an unknown one', () => {
    expect(formatPrice(24, 'EUR', 'en')).toBe('€24.00');
    expect(formatPrice(24, null, 'en')).toBe('24');
    expect(formatPrice(24, 'ZZZ', 'en')).toMatch(/24/);
    expect(formatPrice(null, 'EUR', 'en')).toBe(null);
  });

  it('survives a malformed page language, with or without a currency', () => {
    expect(formatPrice(24, null, 'not a language!')).toMatch(/24/);
    expect(formatPrice(24, 'EUR', 'not a language!')).toMatch(/24/);
  });
});
