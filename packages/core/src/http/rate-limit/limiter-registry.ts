import type { RateLimiter } from './rate-limiter';

const registry = new Map<string, RateLimiter>();

/**
 * The process-wide limiter of one channel account: the first caller's
 * `create` makes it, every later caller with the same key shares it, so all
 * clients on one account draw from one budget. Key it by connector and
 * account (e.g. `woocommerce:https://shop.example`).
 */
export function sharedRateLimiter(key: string, create: () => RateLimiter): RateLimiter {
  let limiter = registry.get(key);
  if (!limiter) {
    limiter = create();
    registry.set(key, limiter);
  }
  return limiter;
}

/** Forget every shared limiter (tests, or after an account's plan changes). */
export function clearSharedRateLimiters(): void {
  registry.clear();
}
