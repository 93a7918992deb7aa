import type { CallPriority } from '../../connector/v1/channel-connector-v1';

/** The priority classes, most urgent first. */
export const CALL_PRIORITIES: readonly CallPriority[] = ['orders', 'stock', 'catalog'];

/**
 * What a response said about the account's rate budget, read from its
 * headers (or body, e.g. Shopify GraphQL `extensions.cost`). Every field is optional.
 */
export interface RateLimitObservation {
  /** The budget's size: requests (or cost points) the bucket holds when full. */
  limit?: number | null;
  /** What is left right now. */
  remaining?: number | null;
  /** Milliseconds until the budget is full again. */
  resetMs?: number | null;
  /** How fast the budget refills, per second, when the channel says so. */
  refillPerSecond?: number | null;
  /** How long the channel asked us to wait (`Retry-After`). */
  retryAfterMs?: number | null;
  /** What the call actually cost (Shopify GraphQL `actualQueryCost`), to refund an over-estimate. */
  actualCost?: number | null;
}

/** The outcome of one attempt, given back to the limiter. */
export interface RateLimitFeedback {
  /** HTTP status, or `null` when no response came. */
  status: number | null;
  observation?: RateLimitObservation | null;
}

/** A request for one slot of the account's budget. */
export interface AcquireRequest {
  /** Queue: `orders` before `stock` before `catalog` (default `catalog`). */
  priority?: CallPriority;
  /** Budget units the call uses (default 1; a GraphQL query's estimated cost). */
  cost?: number;
  /** Aborting removes the waiter from the queue and rejects with `OperationAbortedError`. */
  signal?: AbortSignal;
}

/** A granted slot. Release it exactly once when the attempt ends, with what the response said. */
export interface RateLimitLease {
  release(feedback?: RateLimitFeedback): void;
}

/**
 * The rate budget of one channel account, shared by every call on it. An
 * interface, so a Redis-backed limiter can share one budget across workers.
 */
export interface RateLimiter {
  /** Wait for a slot: a free concurrency place and enough budget. Higher priorities go first. */
  acquire(request?: AcquireRequest): Promise<RateLimitLease>;
  /** Feed what a response said without holding a lease (e.g. a webhook-triggered read elsewhere). */
  observe(feedback: RateLimitFeedback): void;
}
