import { type GateOptions, PriorityGate } from './priority-gate';
import type { RateLimiter } from './rate-limiter';
import { FixedBucketModel } from './token-bucket';

/** Settings of a leaky bucket (e.g. Shopify REST: 40 calls, leaking 2 per second). */
export interface LeakyBucketOptions extends GateOptions {
  /** How many calls the bucket holds before the channel refuses. */
  capacity: number;
  /** How many calls leak out per second. */
  leakPerSecond: number;
}

/**
 * A leaky-bucket limiter (Shopify's model): each call adds one to the bucket,
 * which leaks at a constant rate; a call waits while the bucket is full.
 * Arithmetically the mirror of a token bucket; kept as its own factory so
 * connector code reads like the vendor's documentation. Feed it Shopify's
 * `X-Shopify-Shop-Api-Call-Limit` through `readRateLimitHeaders`.
 */
export function leakyBucket(options: LeakyBucketOptions): RateLimiter {
  const now = options.now ?? Date.now;
  return new PriorityGate(new FixedBucketModel(options.capacity, options.leakPerSecond, now()), options);
}
