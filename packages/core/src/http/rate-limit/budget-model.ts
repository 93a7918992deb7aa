import type { RateLimitFeedback } from './rate-limiter';

/**
 * The arithmetic behind a limiter, separated from its queue. `PriorityGate`
 * asks how long to wait, takes budget when it grants a slot, and hands back
 * each response's feedback.
 */
export interface BudgetModel {
  /** Milliseconds until `cost` can be taken (0: now; `Infinity`: wait for feedback). */
  waitMs(cost: number, now: number): number;
  /** Take `cost` from the budget (may go below zero). */
  take(cost: number, now: number): void;
  /**
   * Learn from a response. `cost` is what the attempt took (0 for a bare observation);
   * `othersInFlight` counts attempts sent but not answered yet, which the
   * channel's `remaining` may not include.
   */
  settle(feedback: RateLimitFeedback, cost: number, now: number, othersInFlight: number): void;
  /** The most attempts in flight the model allows right now (e.g. 1 while probing). */
  concurrencyLimit?(): number;
}

/** A refilling bucket of budget units: the state of token, leaky and cost-budget limiters. */
export class Bucket {
  tokens: number;
  private updatedAt: number;

  constructor(
    public capacity: number,
    public refillPerSecond: number,
    now: number,
    initial = capacity,
  ) {
    this.tokens = initial;
    this.updatedAt = now;
  }

  /** Add what refilled since the last update, capped at capacity. */
  refill(now: number): void {
    const elapsed = Math.max(0, now - this.updatedAt) / 1000;
    this.updatedAt = now;
    if (this.refillPerSecond > 0 && Number.isFinite(this.tokens)) {
      this.tokens = Math.min(this.capacity, this.tokens + elapsed * this.refillPerSecond);
    }
  }

  waitMs(cost: number, now: number): number {
    this.refill(now);
    const need = Math.min(cost, this.capacity);
    if (this.tokens >= need) return 0;
    if (this.refillPerSecond <= 0) return Number.POSITIVE_INFINITY;
    return Math.ceil(((need - this.tokens) / this.refillPerSecond) * 1000);
  }

  take(cost: number, now: number): void {
    this.refill(now);
    this.tokens -= cost;
  }

  /** Lower the balance to what the channel reports (never raise it: a stale report is no credit). */
  syncDown(remaining: number, now: number): void {
    this.refill(now);
    this.tokens = Math.min(this.tokens, remaining);
  }
}
