import { Bucket, type BudgetModel, type SettleContext } from './budget-model';
import { type GateOptions, PriorityGate } from './priority-gate';
import type { RateLimiter, RateLimitFeedback } from './rate-limiter';

/** Settings of a token bucket (e.g. Amazon SP-API usage plans: rate + burst per operation). */
export interface TokenBucketOptions extends GateOptions {
  /** Tokens added per second. */
  ratePerSecond: number;
  /** Bucket size: how many calls may go at once after a quiet spell. */
  burst: number;
}

/** A bucket with a configured rate that still lowers its balance to what the channel reports. */
export class FixedBucketModel implements BudgetModel {
  readonly bucket: Bucket;

  constructor(capacity: number, refillPerSecond: number, now: number) {
    this.bucket = new Bucket(capacity, refillPerSecond, now);
  }

  waitMs(cost: number, now: number): number {
    return this.bucket.waitMs(cost, now);
  }

  take(cost: number, now: number): number {
    return this.bucket.take(cost, now);
  }

  settle(feedback: RateLimitFeedback, context: SettleContext): void {
    const observation = feedback.observation;
    if (observation?.actualCost != null && context.cost > 0) {
      this.bucket.tokens += Math.max(0, context.cost - observation.actualCost);
    }
    if (observation?.remaining != null) this.bucket.reconcile(observation.remaining, context);
    if (feedback.status === 429) this.bucket.syncDown(0, context.now);
  }
}

/**
 * A token-bucket limiter: `ratePerSecond` tokens per second, at most `burst`
 * saved up. A response's `remaining` (or a 429) lowers the balance.
 */
export function tokenBucket(options: TokenBucketOptions): RateLimiter {
  const now = options.now ?? Date.now;
  return new PriorityGate(new FixedBucketModel(options.burst, options.ratePerSecond, now()), options);
}
