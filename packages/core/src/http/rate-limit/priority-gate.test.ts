import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CallPriority } from '../../connector/v1/channel-connector-v1';
import { OperationAbortedError } from '../../errors/errors';
import { costBudget } from './cost-budget';
import type { RateLimiter } from './rate-limiter';
import { tokenBucket } from './token-bucket';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

/** Acquire and record the order in which grants happen. */
function track(limiter: RateLimiter, granted: string[], label: string, priority: CallPriority) {
  return limiter.acquire({ priority }).then((lease) => {
    granted.push(label);
    return lease;
  });
}

describe('PriorityGate (through tokenBucket)', () => {
  it('serves waiting calls by priority: orders, then stock, then catalog, FIFO within one', async () => {
    const limiter = tokenBucket({ ratePerSecond: 10, burst: 1 });
    await limiter.acquire({ priority: 'catalog' });
    const granted: string[] = [];
    const all = [
      track(limiter, granted, 'catalog-1', 'catalog'),
      track(limiter, granted, 'catalog-2', 'catalog'),
      track(limiter, granted, 'stock-1', 'stock'),
      track(limiter, granted, 'orders-1', 'orders'),
      track(limiter, granted, 'catalog-3', 'catalog'),
      track(limiter, granted, 'orders-2', 'orders'),
    ];
    await vi.advanceTimersByTimeAsync(1000);
    await Promise.all(all);
    expect(granted).toEqual(['orders-1', 'orders-2', 'stock-1', 'catalog-1', 'catalog-2', 'catalog-3']);
  });

  it('paces grants at the configured rate after the burst', async () => {
    const limiter = tokenBucket({ ratePerSecond: 10, burst: 2 });
    const granted: number[] = [];
    const start = Date.now();
    for (let i = 0; i < 5; i++) void limiter.acquire().then(() => granted.push(Date.now() - start));
    await vi.advanceTimersByTimeAsync(1000);
    expect(granted).toEqual([0, 0, 100, 200, 300]);
  });

  it('bounds the calls in flight and lets the next one go on release', async () => {
    const limiter = tokenBucket({ ratePerSecond: 1000, burst: 1000, maxConcurrency: 2 });
    const first = await limiter.acquire();
    await limiter.acquire();
    let third = false;
    void limiter.acquire().then(() => {
      third = true;
    });
    await vi.advanceTimersByTimeAsync(100);
    expect(third).toBe(false);
    first.release({ status: 200 });
    await vi.advanceTimersByTimeAsync(0);
    expect(third).toBe(true);
  });

  it('an aborted waiter leaves the queue and the next one is served', async () => {
    const limiter = tokenBucket({ ratePerSecond: 1, burst: 1 });
    await limiter.acquire();
    const controller = new AbortController();
    const aborted = limiter.acquire({ priority: 'orders', signal: controller.signal }).catch((e) => e);
    const granted: string[] = [];
    const next = track(limiter, granted, 'catalog', 'catalog');
    controller.abort();
    expect(OperationAbortedError.isInstance(await aborted)).toBe(true);
    await vi.advanceTimersByTimeAsync(1000);
    await next;
    expect(granted).toEqual(['catalog']);
  });

  it('a 429 with Retry-After pauses the whole account until then', async () => {
    const limiter = tokenBucket({ ratePerSecond: 1000, burst: 1000 });
    const lease = await limiter.acquire();
    lease.release({ status: 429, observation: { retryAfterMs: 500 } });
    const start = Date.now();
    let grantedAt = -1;
    void limiter.acquire({ priority: 'orders' }).then(() => {
      grantedAt = Date.now() - start;
    });
    await vi.advanceTimersByTimeAsync(499);
    expect(grantedAt).toBe(-1);
    await vi.advanceTimersByTimeAsync(1);
    expect(grantedAt).toBe(500);
  });

  it('lowers its balance to the remaining count the channel reports', async () => {
    const limiter = tokenBucket({ ratePerSecond: 10, burst: 10 });
    const lease = await limiter.acquire();
    lease.release({ status: 200, observation: { remaining: 0 } });
    const start = Date.now();
    let grantedAt = -1;
    void limiter.acquire().then(() => {
      grantedAt = Date.now() - start;
    });
    await vi.advanceTimersByTimeAsync(200);
    expect(grantedAt).toBe(100);
  });
});

describe('costBudget', () => {
  it('takes the estimated cost and refunds what the call did not use', async () => {
    const limiter = costBudget({ maximum: 100, restorePerSecond: 10 });
    const lease = await limiter.acquire({ cost: 80 });
    lease.release({ status: 200, observation: { actualCost: 20 } });
    let granted = false;
    void limiter.acquire({ cost: 70 }).then(() => {
      granted = true;
    });
    await vi.advanceTimersByTimeAsync(0);
    expect(granted).toBe(true);
    let second = false;
    void limiter.acquire({ cost: 50 }).then(() => {
      second = true;
    });
    await vi.advanceTimersByTimeAsync(3_900);
    expect(second).toBe(false);
    await vi.advanceTimersByTimeAsync(100);
    expect(second).toBe(true);
  });
});
