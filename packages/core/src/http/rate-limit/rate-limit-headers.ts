import { parseRetryAfter } from '../retry-policy';
import type { RateLimitObservation } from './rate-limiter';

/** Reads what a response says about the rate budget. Return `null` when it says nothing. */
export type RateLimitReader = (response: {
  status: number;
  headers: Headers;
  body: unknown;
}) => RateLimitObservation | null;

function num(value: string | null): number | null {
  if (value == null || value.trim() === '') return null;
  const n = Number(value.trim());
  return Number.isFinite(n) ? n : null;
}

/** A reset header: delta seconds, or Unix epoch seconds when it is that large. */
function resetToMs(value: string | null, now: number): number | null {
  const n = num(value);
  if (n == null) return null;
  if (n > 1_000_000_000) return Math.max(0, n * 1000 - now);
  return Math.max(0, n * 1000);
}

/** `RateLimit-Policy: 10;w=1` or `"default";q=10;w=1` (IETF drafts): quota 10 per 1-second window. */
function policyRate(value: string | null): { quota: number; perSecond: number } | null {
  if (!value) return null;
  const first = value.split(',')[0]!;
  const window = /(?:^|;)\s*w=(\d+(?:\.\d+)?)/.exec(first);
  const quota = /(?:^|;)\s*q=(\d+(?:\.\d+)?)/.exec(first) ?? /^\s*(\d+(?:\.\d+)?)/.exec(first);
  if (!window || !quota) return null;
  const seconds = Number(window[1]);
  return seconds > 0 ? { quota: Number(quota[1]), perSecond: Number(quota[1]) / seconds } : null;
}

/** Shopify REST `X-Shopify-Shop-Api-Call-Limit: 32/40` (used/capacity). */
function shopifyCallLimit(value: string | null): { limit: number; remaining: number } | null {
  const match = value ? /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(value) : null;
  if (!match) return null;
  const used = Number(match[1]);
  const limit = Number(match[2]);
  return { limit, remaining: Math.max(0, limit - used) };
}

/**
 * The default `RateLimitReader`. Understands the IETF draft headers
 * (`RateLimit-Limit`, `-Remaining`, `-Reset` as seconds until the budget is
 * full, `RateLimit-Policy: q;w=s`), their `X-RateLimit-*` cousins (reset in
 * delta or epoch seconds), Shopify's `X-Shopify-Shop-Api-Call-Limit`,
 * Amazon's `x-amzn-RateLimit-Limit` (requests per second) and `Retry-After`.
 */
export function readRateLimitHeaders(
  response: { headers: Headers },
  now: number = Date.now(),
): RateLimitObservation | null {
  const h = response.headers;
  const observation: RateLimitObservation = {};
  const policy = policyRate(h.get('ratelimit-policy') ?? h.get('x-ratelimit-policy'));
  const shopify = shopifyCallLimit(h.get('x-shopify-shop-api-call-limit'));
  observation.limit =
    num(h.get('ratelimit-limit') ?? h.get('x-ratelimit-limit')) ?? shopify?.limit ?? policy?.quota ?? null;
  observation.remaining =
    num(h.get('ratelimit-remaining') ?? h.get('x-ratelimit-remaining')) ?? shopify?.remaining ?? null;
  observation.resetMs = resetToMs(h.get('ratelimit-reset') ?? h.get('x-ratelimit-reset'), now);
  observation.refillPerSecond = policy?.perSecond ?? num(h.get('x-amzn-ratelimit-limit'));
  observation.retryAfterMs = parseRetryAfter(h.get('retry-after'), now);
  const known = Object.entries(observation).filter(([, v]) => v != null);
  if (known.length === 0) return null;
  return Object.fromEntries(known) as RateLimitObservation;
}

/**
 * How long to wait after a refusal, from what the response said: `Retry-After`
 * when present; else, when nothing remains, the time to the next unit of budget
 * (`1 / refillPerSecond`, capped at the reset) or, without a rate, the reset itself.
 */
export function retryHintMs(observation: RateLimitObservation | null | undefined): number | null {
  if (!observation) return null;
  if (observation.retryAfterMs != null) return observation.retryAfterMs;
  const { remaining, resetMs, refillPerSecond } = observation;
  if (remaining == null || remaining > 0 || resetMs == null) return null;
  if (refillPerSecond != null && refillPerSecond > 0) return Math.min(resetMs, Math.ceil(1000 / refillPerSecond));
  return resetMs;
}
