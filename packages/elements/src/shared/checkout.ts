import { toHttpsUrl } from './safe-url.ts';

/**
 * Checkout links a creator may paste: which service they point at, whether they can work at all,
 * and how attribution (`sku`, `referral`) is added. Pure and DOM-free so `<drop-button>`, `<drop-clip>`
 * and Node tests share one judgement.
 */
export const CHECKOUT_PROVIDERS = ['stripe', 'shopify', 'gumroad', 'lemonsqueezy', 'telegram', 'other'] as const;
export type CheckoutProvider = (typeof CHECKOUT_PROVIDERS)[number];

export type CheckoutCheck =
  | { ok: true; url: URL; provider: CheckoutProvider }
  | { ok: false; reason: string; provider: CheckoutProvider | null };

/** Telegram passes only `start` to a bot, and rejects anything longer or wider than this. */
export const TELEGRAM_START_PAYLOAD = /^[A-Za-z0-9_-]{1,64}$/;
const TELEGRAM_BOT_NAME = /^[A-Za-z][A-Za-z0-9_]{3,31}$/;

const hostIs = (host: string, domain: string) => host === domain || host.endsWith(`.${domain}`);

/** Names the service behind an already-parsed https URL. Unknown services are `other`, not errors. */
export function detectProvider(url: URL): CheckoutProvider {
  const host = url.hostname.toLowerCase();
  if (host === 'buy.stripe.com' || host === 'checkout.stripe.com' || host === 'donate.stripe.com') return 'stripe';
  if (hostIs(host, 'gumroad.com') || host === 'gum.co') return 'gumroad';
  if (hostIs(host, 'lemonsqueezy.com')) return 'lemonsqueezy';
  if (host === 't.me' || host === 'telegram.me') return 'telegram';
  // Shopify stores usually sit on the creator's own domain, so the cart/checkout permalink shape
  // (`/cart/<variant>:<qty>[,…]`, `/checkouts/…`) identifies them as well as the myshopify host.
  if (hostIs(host, 'myshopify.com') || /^\/cart\/\d+:\d+(,\d+:\d+)*\/?$/.test(url.pathname) || /^\/checkouts\//.test(url.pathname)) {
    return 'shopify';
  }
  return 'other';
}

/**
 * Parses and validates a creator's checkout link. Only https URLs pass (see `toHttpsUrl`); provider
 * rules that can be known up front are checked here so a broken link shows up while the creator
 * previews the page, not when a fan taps it at T0.
 */
export function checkCheckoutUrl(value: string | null | undefined, base?: string): CheckoutCheck {
  const url = toHttpsUrl(value, base);
  if (!url) {
    return { ok: false, provider: null, reason: `expected an https:// checkout link but received ${describe(value)}` };
  }
  const provider = detectProvider(url);
  if (provider === 'telegram') {
    const bot = url.pathname.replace(/^\/+|\/+$/g, '');
    if (!TELEGRAM_BOT_NAME.test(bot)) {
      return { ok: false, provider, reason: `expected a Telegram bot link like https://t.me/<bot>?start=<payload> but the bot name is ${describe(bot)}` };
    }
    const start = url.searchParams.get('start');
    if (start !== null && !TELEGRAM_START_PAYLOAD.test(start)) {
      return { ok: false, provider, reason: `expected a Telegram start payload of 1–64 characters A–Z, a–z, 0–9, _ or - but received ${describe(start)}` };
    }
  }
  return { ok: true, url, provider };
}

export interface CheckoutParams {
  sku?: string | null;
  /** A bare referral code (`creator42`, sent as `ref=` or Stripe's `client_reference_id=`) or query pairs (`utm_source=tiktok&utm_campaign=drop`). */
  referral?: string | null;
}

/**
 * Returns a copy of `url` carrying the attribution params. Params already in the creator's link win:
 * the creator configured that link with their provider and knows best. Telegram bots receive only
 * `start`, so nothing is added there.
 */
export function withCheckoutParams(url: URL, provider: CheckoutProvider, params: CheckoutParams): URL {
  const result = new URL(url.href);
  if (provider === 'telegram') return result;
  const add = (key: string, value: string) => {
    if (key && value && !result.searchParams.has(key)) result.searchParams.set(key, value);
  };
  const sku = params.sku?.trim();
  if (sku) add('sku', sku);
  const referral = params.referral?.trim();
  if (referral) {
    if (referral.includes('=')) {
      for (const [key, value] of new URLSearchParams(referral)) add(key, value);
    } else if (provider === 'stripe' && /^[A-Za-z0-9_-]{1,200}$/.test(referral)) {
      // Stripe Payment Links drop unknown params; client_reference_id reaches the creator's dashboard.
      add('client_reference_id', referral);
    } else {
      add('ref', referral);
    }
  }
  return result;
}

function describe(value: unknown): string {
  if (typeof value !== 'string') return String(value);
  const shown = value.length > 80 ? `${value.slice(0, 77)}…` : value;
  return JSON.stringify(shown);
}
