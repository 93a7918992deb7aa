import { type GateOptions, PriorityGate } from './priority-gate';
import type { RateLimiter } from './rate-limiter';
import { FixedBucketModel } from './token-bucket';

/** Settings of a cost budget (e.g. Shopify GraphQL: 100 points/s restore, 2000 maximum on Plus). */
export interface CostBudgetOptions extends GateOptions {
  /** Points the budget holds when full (`throttleStatus.maximumAvailable`). */
  maximum: number;
  /** Points restored per second (`throttleStatus.restoreRate`). */
  restorePerSecond: number;
}

/**
 * A query-cost limiter: each call takes its estimated `cost` (pass it to
 * `request({ cost })`); when the response reports `actualCost` the difference
 * is refunded, and `remaining` (`currentlyAvailable`) lowers the balance.
 */
export function costBudget(options: CostBudgetOptions): RateLimiter {
  const now = options.now ?? Date.now;
  return new PriorityGate(new FixedBucketModel(options.maximum, options.restorePerSecond, now()), options);
}
