import type { CallPriority } from '../../connector/v1/channel-connector-v1';
import { OperationAbortedError } from '../../errors/errors';
import type { BudgetModel, SettleContext } from './budget-model';
import { retryHintMs } from './rate-limit-headers';
import {
  type AcquireRequest,
  CALL_PRIORITIES,
  type RateLimiter,
  type RateLimitFeedback,
  type RateLimitLease,
} from './rate-limiter';

interface Waiter {
  cost: number;
  resolve(lease: RateLimitLease): void;
  reject(error: unknown): void;
  detach(): void;
}

/** Options of every in-process limiter. */
export interface GateOptions {
  /** Most attempts in flight at once on the account (default 8). */
  maxConcurrency?: number;
  /** Pause after a 429 that carried no `Retry-After` (default 1000 ms). */
  defaultPauseMs?: number;
  /** Clock, for tests (default `Date.now`). */
  now?: () => number;
}

/**
 * An in-process `RateLimiter`: one queue per priority in front of a
 * `BudgetModel` and a concurrency cap. The most urgent waiter is always served
 * first, so a catalog scan never delays an order call; a 429 pauses the whole
 * account until its `Retry-After` (or the reset its headers announce) instead
 * of letting other calls hammer.
 */
export class PriorityGate implements RateLimiter {
  private readonly queues = new Map<CallPriority, Waiter[]>(CALL_PRIORITIES.map((p) => [p, []]));
  private readonly maxConcurrency: number;
  private readonly defaultPauseMs: number;
  private readonly now: () => number;
  private readonly inFlightSequences = new Set<number>();
  private granted = 0;
  private pausedUntil = 0;
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly model: BudgetModel,
    options: GateOptions = {},
  ) {
    this.maxConcurrency = options.maxConcurrency ?? 8;
    this.defaultPauseMs = options.defaultPauseMs ?? 1000;
    this.now = options.now ?? Date.now;
  }

  /** Attempts in flight and waiters per priority, for tests and diagnostics. */
  stats(): { inFlight: number; waiting: Record<CallPriority, number> } {
    const waiting = Object.fromEntries(CALL_PRIORITIES.map((p) => [p, this.queues.get(p)!.length]));
    return { inFlight: this.inFlightSequences.size, waiting: waiting as Record<CallPriority, number> };
  }

  acquire(request: AcquireRequest = {}): Promise<RateLimitLease> {
    const { signal } = request;
    if (signal?.aborted) return Promise.reject(new OperationAbortedError('Waiting for the rate limiter'));
    const queue = this.queues.get(request.priority ?? 'catalog')!;
    return new Promise<RateLimitLease>((resolve, reject) => {
      const onAbort = () => {
        const index = queue.indexOf(waiter);
        if (index >= 0) queue.splice(index, 1);
        reject(new OperationAbortedError('Waiting for the rate limiter'));
        this.pump();
      };
      const waiter: Waiter = {
        cost: Math.max(0, request.cost ?? 1),
        resolve,
        reject,
        detach: () => signal?.removeEventListener('abort', onAbort),
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      queue.push(waiter);
      this.pump();
    });
  }

  observe(feedback: RateLimitFeedback): void {
    this.learn(feedback, { cost: 0, sentAfter: this.inFlightSequences.size });
    this.pump();
  }

  private learn(feedback: RateLimitFeedback, context: Omit<SettleContext, 'now'>): void {
    const now = this.now();
    if (feedback.status === 429) {
      const pause = retryHintMs(feedback.observation) ?? this.defaultPauseMs;
      this.pausedUntil = Math.max(this.pausedUntil, now + pause);
    }
    this.model.settle(feedback, { ...context, now });
  }

  private head(): { queue: Waiter[]; waiter: Waiter } | null {
    for (const priority of CALL_PRIORITIES) {
      const queue = this.queues.get(priority)!;
      if (queue.length > 0) return { queue, waiter: queue[0]! };
    }
    return null;
  }

  private pump(): void {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    for (let next = this.head(); next; next = this.head()) {
      const limit = Math.min(this.maxConcurrency, this.model.concurrencyLimit?.() ?? Number.POSITIVE_INFINITY);
      if (this.inFlightSequences.size >= limit) return;
      const now = this.now();
      const wait = Math.max(this.pausedUntil - now, this.model.waitMs(next.waiter.cost, now));
      if (wait > 0) {
        if (Number.isFinite(wait)) this.timer = setTimeout(() => this.pump(), wait);
        return;
      }
      next.queue.shift();
      this.grant(next.waiter, now);
    }
  }

  private grant(waiter: Waiter, now: number): void {
    const snapshot = this.model.take(waiter.cost, now);
    const sequence = ++this.granted;
    this.inFlightSequences.add(sequence);
    waiter.detach();
    let released = false;
    waiter.resolve({
      release: (feedback) => {
        if (released) return;
        released = true;
        this.inFlightSequences.delete(sequence);
        if (feedback) {
          const sentAfter = this.countSentAfter(sequence);
          this.learn(feedback, { cost: waiter.cost, sentAfter, grantedAt: now, snapshot });
        }
        this.pump();
      },
    });
  }

  private countSentAfter(sequence: number): number {
    let count = 0;
    for (const other of this.inFlightSequences) if (other > sequence) count++;
    return count;
  }
}
