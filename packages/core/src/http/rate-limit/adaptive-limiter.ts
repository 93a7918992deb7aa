import { Bucket, type BudgetModel, type SettleContext } from './budget-model';
import { type GateOptions, PriorityGate } from './priority-gate';
import type { RateLimiter, RateLimitFeedback, RateLimitObservation } from './rate-limiter';

/** Settings of the adaptive limiter. `maxConcurrency` is a hard cap here (default 64): the limiter sizes concurrency itself. */
export interface AdaptiveLimiterOptions extends GateOptions {
  /** Fraction of the learnt rate to use, leaving room for clock and network jitter (default 0.98). */
  safetyFactor?: number;
  /** A starting rate, when known; otherwise it is learnt from headers or 429s. */
  initialRatePerSecond?: number;
}

/**
 * Learns an account's budget from what responses say: `limit` becomes the
 * bucket size, `refillPerSecond` (or `(limit - remaining) / reset`) the rate,
 * and `remaining` lowers the balance. Until the first response it lets one
 * call through at a time, so it never opens with a burst it cannot afford.
 * A 429 empties the balance; with `Retry-After` the whole account pauses
 * until then; with neither headers nor `Retry-After` it halves the rate it
 * has observed, which then grows back (5% + 0.1/s) with each successful call.
 */
export class AdaptiveModel implements BudgetModel {
  private bucket: Bucket | null = null;
  private rateFromHeaders = false;
  private learnt = false;
  private grants: number[] = [];
  private lastProbeAt = Number.NEGATIVE_INFINITY;
  private latencyMs: number | null = null;
  /** Set by a guessed slow-down (a bare 429); cleared once the rate is back to its ceiling. */
  private recovering = false;
  private readonly ceiling: { rate: number; capacity: number } | null;

  constructor(
    private readonly safetyFactor: number,
    initialRate: number | undefined,
    now: number,
  ) {
    this.ceiling = initialRate ? { rate: initialRate * safetyFactor, capacity: Math.max(1, initialRate) } : null;
    if (this.ceiling) this.bucket = new Bucket(this.ceiling.capacity, this.ceiling.rate, now);
  }

  /** The rate currently used, per second (`null` while unknown). */
  get ratePerSecond(): number | null {
    return this.bucket && this.bucket.refillPerSecond > 0 ? this.bucket.refillPerSecond : null;
  }

  /**
   * One probe until the first answer; then enough calls in flight to use the
   * learnt rate at the observed latency (rate x latency x 1.5, at least 4), so
   * slow answers do not starve the allowed rate; without a known rate, 8.
   */
  concurrencyLimit(): number {
    if (!this.learnt && !this.bucket) return 1;
    const rate = this.ratePerSecond;
    if (rate === null || this.latencyMs === null) return UNKNOWN_RATE_CONCURRENCY;
    return Math.max(4, Math.ceil((rate * this.latencyMs * 1.5) / 1000) + 1);
  }

  waitMs(cost: number, now: number): number {
    if (!this.bucket) return 0;
    const wait = this.bucket.waitMs(cost, now);
    if (Number.isFinite(wait)) return wait;
    // Balance known but not the rate: probe once per interval rather than wait forever.
    return Math.max(0, this.lastProbeAt + PROBE_INTERVAL_MS - now);
  }

  take(cost: number, now: number): number | undefined {
    const snapshot = this.bucket?.take(cost, now);
    this.lastProbeAt = now;
    this.grants.push(now);
    if (this.grants.length > 64) this.grants.shift();
    return snapshot;
  }

  settle(feedback: RateLimitFeedback, context: SettleContext): void {
    const { now, grantedAt } = context;
    if (feedback.status !== null) this.learnt = true;
    if (grantedAt !== undefined && feedback.status !== null) this.observeLatency(now - grantedAt);
    const observation = feedback.observation ?? null;
    if (observation) this.learnFromObservation(observation, context);
    if (feedback.status === 429) this.slowDown(now, observation?.retryAfterMs != null);
    else if (feedback.status !== null && feedback.status < 400) this.creepUp();
  }

  private observeLatency(sample: number): void {
    this.latencyMs = this.latencyMs === null ? sample : this.latencyMs * 0.8 + sample * 0.2;
  }

  private learnFromObservation(o: RateLimitObservation, context: SettleContext): void {
    const { now, cost } = context;
    const rate = o.refillPerSecond ?? derivedRate(o);
    if (rate != null && rate > 0) {
      this.ensureBucket(o.limit ?? Math.max(1, rate), now).refillPerSecond = rate * this.safetyFactor;
      this.rateFromHeaders = true;
    }
    if (o.limit != null && o.limit > 0) this.ensureBucket(o.limit, now).capacity = o.limit;
    if (o.actualCost != null && cost > 0 && this.bucket) this.bucket.tokens += Math.max(0, cost - o.actualCost);
    if (o.remaining != null) this.ensureBucket(o.limit ?? o.remaining, now).reconcile(o.remaining, context);
  }

  private ensureBucket(capacity: number, now: number): Bucket {
    if (!this.bucket) this.bucket = new Bucket(capacity, 0, now, Number.POSITIVE_INFINITY);
    return this.bucket;
  }

  private slowDown(now: number, toldWhenToRetry: boolean): void {
    if (this.rateFromHeaders) {
      this.bucket?.syncDown(0, now);
      return;
    }
    // With Retry-After the gate pauses the account; halving too would collapse under sporadic 429s.
    if (toldWhenToRetry) return;
    const observed = this.observedRate(now);
    const current = this.bucket && this.bucket.refillPerSecond > 0 ? this.bucket.refillPerSecond : observed;
    const bucket = this.ensureBucket(1, now);
    bucket.refillPerSecond = Math.max(MIN_GUESSED_RATE, Math.min(current, observed) / 2);
    bucket.capacity = 1;
    bucket.syncDown(0, now);
    this.recovering = true;
  }

  /**
   * After a guessed slow-down, each success raises the rate 5% + 0.1/s (429s
   * halve it), up to the configured `initialRatePerSecond` when there is one.
   */
  private creepUp(): void {
    if (!this.recovering || this.rateFromHeaders || !this.bucket) return;
    const raised = this.bucket.refillPerSecond * 1.05 + 0.1;
    if (this.ceiling && raised >= this.ceiling.rate) {
      this.bucket.refillPerSecond = this.ceiling.rate;
      this.bucket.capacity = this.ceiling.capacity;
      this.recovering = false;
      return;
    }
    this.bucket.refillPerSecond = raised;
  }

  /** Calls granted per second over the recent grants (at least 1). */
  private observedRate(now: number): number {
    const recent = this.grants.filter((t) => now - t <= 2000);
    return Math.max(1, recent.length / 2);
  }
}

const PROBE_INTERVAL_MS = 1000;
const UNKNOWN_RATE_CONCURRENCY = 8;
const MIN_GUESSED_RATE = 0.2;

/** For a bucket that reports time-to-full: it refilled `limit - remaining` over `resetMs`. */
function derivedRate(o: RateLimitObservation): number | null {
  if (o.limit == null || o.remaining == null || o.resetMs == null || o.resetMs <= 0) return null;
  if (o.remaining >= o.limit) return null;
  return (o.limit - o.remaining) / (o.resetMs / 1000);
}

/**
 * The default limiter: starts with no configured rate and learns the
 * account's budget from response headers (see `readRateLimitHeaders`),
 * backing off on 429 when the channel sends none.
 */
export function adaptiveLimiter(options: AdaptiveLimiterOptions = {}): RateLimiter {
  const now = options.now ?? Date.now;
  const model = new AdaptiveModel(options.safetyFactor ?? 0.98, options.initialRatePerSecond, now());
  return new PriorityGate(model, { ...options, maxConcurrency: options.maxConcurrency ?? 64 });
}
