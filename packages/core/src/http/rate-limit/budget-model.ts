import type { RateLimitFeedback } from './rate-limiter';

/** What `BudgetModel.settle` is told about the attempt a response answers. */
export interface SettleContext {
  /** What the attempt took (0 for a bare observation). */
  cost: number;
  now: number;
  /**
   * Attempts still in flight that were let through after this one: the
   * channel's `remaining` may not count them yet.
   */
  sentAfter: number;
  /** When the attempt was let through (absent for a bare observation). */
  grantedAt?: number;
  /** What `take` returned for the attempt (the balance right after taking). */
  snapshot?: number;
}

/**
 * The arithmetic behind a limiter, separated from its queue. `PriorityGate`
 * asks how long to wait, takes budget when it grants a slot, and hands back
 * each response's feedback.
 */
export interface BudgetModel {
  /** Milliseconds until `cost` can be taken (0: now; `Infinity`: wait for feedback). */
  waitMs(cost: number, now: number): number;
  /** Take `cost` from the budget (may go below zero); return a snapshot to get back in `settle`. */
  take(cost: number, now: number): number | undefined;
  /** Learn from a response (or a bare observation). */
  settle(feedback: RateLimitFeedback, context: SettleContext): void;
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

  /** Take `cost`; returns the balance right after, to compare with what the channel reports. */
  take(cost: number, now: number): number {
    this.refill(now);
    this.tokens -= cost;
    return this.tokens;
  }

  /** Lower the balance to what the channel reports (never raise it: a stale report is no credit). */
  syncDown(remaining: number, now: number): void {
    this.refill(now);
    this.tokens = Math.min(this.tokens, remaining);
  }

  /**
   * Align with the `remaining` a response reports. With the balance we had
   * right after letting that call through (`snapshot`), compare like with
   * like: the channel counted the same calls at about the same moment, so if
   * it reports at least one unit less, we were optimistic by that much, and
   * lower today's balance by it. Calls let through before the last
   * correction are ignored (their news is already applied), and a difference
   * under one unit is the channel rounding down. Without a snapshot, lower
   * the balance to `remaining` minus the calls the channel may not have seen.
   */
  reconcile(remaining: number, context: SettleContext): void {
    const { snapshot, grantedAt, now } = context;
    if (snapshot === undefined || grantedAt === undefined || !Number.isFinite(snapshot)) {
      this.syncDown(remaining - context.sentAfter, now);
      return;
    }
    if (grantedAt <= this.correctedAt) return;
    const excess = snapshot - remaining;
    if (excess < 1) return;
    this.refill(now);
    this.tokens -= excess;
    this.correctedAt = now;
  }

  private correctedAt = Number.NEGATIVE_INFINITY;
}
