/**
 * One product in a clip, read and judged the same way whether it came from a `<drop-product>`
 * element's attributes or from a JSON cue in a WebVTT `metadata` track. Pure (no DOM) so the
 * judgement is unit-tested in Node; the element only renders what this returns.
 */
import { checkCheckoutUrl, type CheckoutProvider } from '../shared/checkout.ts';
import { parseClipTime, parsePercent, type TimeWindow } from './timeline.ts';
import { formatPrice as formatMoney, parsePrice, priceForm } from '../shared/price.ts';

export interface ClipProduct extends TimeWindow {
  readonly name: string;
  /** A validated https checkout link, or `null` when the creator's link was missing or refused. */
  readonly href: string | null;
  readonly provider: CheckoutProvider | null;
  readonly sku: string | null;
  readonly price: number | null;
  /** ISO 4217 code, upper case. */
  readonly currency: string | null;
  readonly image: string | null;
  /** Hotspot position over the video as percentages, when the creator placed one. */
  readonly x: number | null;
  readonly y: number | null;
}

/** Whatever a creator wrote: attribute strings or JSON values, all unchecked. */
export type ProductInput = Partial<Record<'name' | 'href' | 'sku' | 'price' | 'currency' | 'image' | 'at' | 'until' | 'x' | 'y', unknown>>;

export interface ProductReading {
  readonly product: ClipProduct | null;
  /** One sentence per thing that was wrong, said the way a creator can fix it. */
  readonly problems: string[];
}

const text = (value: unknown): string | null =>
  typeof value === 'string' && value.trim() !== '' ? value.trim() : typeof value === 'number' ? String(value) : null;

/**
 * A time or position as given, or null when it is not set: blank counts as not set (a template
 * printing an empty field, `at=""`), as it does for the price, link and image, not as a mistake.
 */
const given = (value: unknown): string | number | null =>
  value == null || (typeof value === 'string' && !value.trim()) ? null : (value as string | number);

/**
 * Media (thumbnails) may come from the page's own origin over http while a creator previews
 * locally, but never from script-like schemes.
 */
export function toMediaUrl(value: unknown, base?: string): string | null {
  const raw = text(value);
  if (raw === null) return null;
  try {
    const url = base === undefined ? new URL(raw) : new URL(raw, base);
    return url.protocol === 'https:' || url.protocol === 'http:' || url.protocol === 'blob:' ? url.href : null;
  } catch {
    return null;
  }
}

/**
 * `resolveMedia` turns the thumbnail into a URL; the element passes the kit's shared resource rule
 * (https, or the page's own origin), Node tests the DOM-free default.
 */
export function readProduct(
  input: ProductInput,
  base?: string,
  resolveMedia: (value: string) => string | null = (value) => toMediaUrl(value, base),
): ProductReading {
  const problems: string[] = [];
  const name = text(input.name);
  if (name === null) {
    return { product: null, problems: ['expected a product name (the text inside <drop-product>, or "name" in a cue)'] };
  }
  const label = JSON.stringify(name);

  let href: string | null = null;
  let provider: CheckoutProvider | null = null;
  const rawHref = text(input.href);
  if (rawHref === null) {
    problems.push(`${label} has no checkout link, so its card cannot be bought from`);
  } else {
    const check = checkCheckoutUrl(rawHref, base);
    if (check.ok) {
      href = check.url.href;
      provider = check.provider;
    } else {
      problems.push(`${label}: ${check.reason}`);
    }
  }

  let price: number | null = null;
  let currency: string | null = null;
  const rawPrice = text(input.price);
  const rawCurrency = text(input.currency);
  if (rawCurrency !== null) currency = /^[A-Za-z]{3}$/.test(rawCurrency) ? rawCurrency.toUpperCase() : null;
  if (rawPrice !== null) {
    // With its currency: `12.500` is twelve and a half dinars (KWD), refused as ambiguous in EUR, and
    // `3000.50` is refused in yen, which has no minor unit.
    price = parsePrice(input.price, currency);
    if (price === null) problems.push(`${label}: expected price as ${priceForm(input.price, currency)} but received ${JSON.stringify(rawPrice)}`);
  }
  if (rawCurrency !== null && currency === null) problems.push(`${label}: expected a three-letter currency like EUR but received ${JSON.stringify(rawCurrency)}`);

  const rawImage = text(input.image);
  const image = rawImage === null ? null : resolveMedia(rawImage);
  if (rawImage !== null && image === null) problems.push(`${label}: expected "image" to be an https (or same-site) URL but received ${JSON.stringify(rawImage)}`);

  // A product without a valid time still belongs in the list and the end carousel; it just never
  // gets a timed card.
  let at = Infinity;
  let until = Infinity;
  const rawAt = given(input.at);
  const rawUntil = given(input.until);
  if (rawAt !== null) {
    const parsedAt = parseClipTime(rawAt);
    const parsedUntil = rawUntil === null ? Infinity : parseClipTime(rawUntil);
    if (parsedAt === null) {
      problems.push(`${label}: expected "at" as seconds (3.5) or a time (0:03) but received ${JSON.stringify(rawAt)}`);
    } else if (parsedUntil === null || parsedUntil <= parsedAt) {
      problems.push(`${label}: expected "until" to be a time after "at" (${parsedAt}s) but received ${JSON.stringify(rawUntil)}`);
    } else {
      at = parsedAt;
      until = parsedUntil;
    }
  } else if (rawUntil !== null) {
    problems.push(`${label}: expected "at" with "until" but received only until=${JSON.stringify(rawUntil)}`);
  }

  let x: number | null = null;
  let y: number | null = null;
  const rawX = given(input.x);
  const rawY = given(input.y);
  if (rawX !== null || rawY !== null) {
    x = parsePercent(rawX);
    y = parsePercent(rawY);
    if (x === null || y === null) {
      problems.push(`${label}: expected a hotspot as x="0–100%" and y="0–100%" but received x=${JSON.stringify(rawX)} y=${JSON.stringify(rawY)}`);
      x = y = null;
    }
  }

  return {
    product: { name, href, provider, sku: text(input.sku), price, currency, image, at, until, x, y },
    problems,
  };
}

/** A metadata cue's payload is one JSON object; its start and end are the card's window. */
export function readProductCue(
  payload: string,
  start: number,
  end: number,
  base?: string,
  resolveMedia?: (value: string) => string | null,
): ProductReading {
  let parsed: unknown;
  try {
    parsed = JSON.parse(payload);
  } catch {
    return { product: null, problems: [`expected a metadata cue to hold one JSON product but received ${JSON.stringify(payload.slice(0, 60))}`] };
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    return { product: null, problems: ['expected a metadata cue to hold one JSON object like {"name": "…", "href": "https://…"}'] };
  }
  return readProduct({ ...(parsed as ProductInput), at: start, until: end }, base, resolveMedia);
}

/** A card's price: money when the currency is known, else the number (and any unknown code) as given. */
export function formatPrice(price: number | null, currency: string | null, locale?: string): string | null {
  if (price === null) return null;
  const money = formatMoney(price, currency, locale);
  if (money !== null) return money;
  // A malformed page language must not take the card down with it: fall back to the browser's.
  let amount: string;
  try {
    amount = new Intl.NumberFormat(locale).format(price);
  } catch {
    amount = new Intl.NumberFormat().format(price);
  }
  return currency ? `${amount} ${currency}` : amount;
}
