import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { adaptiveLimiter } from './adaptive-limiter';
import type { RateLimiter } from './rate-limiter';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

/** Start `n` acquires and return their grant times relative to now. */
function grantTimes(limiter: RateLimiter, n: number, release = true): number[] {
  const start = Date.now();
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    void limiter.acquire().then((lease) => {
      times.push(Date.now() - start);
      if (release) lease.release({ status: 200 });
    });
  }
  return times;
}

describe('adaptiveLimiter', () => {
  it('lets a single probe out until the first response, then opens up', async () => {
    const limiter = adaptiveLimiter();
    const first = await limiter.acquire();
    let second = false;
    void limiter.acquire().then(() => {
      second = true;
    });
    await vi.advanceTimersByTimeAsync(50);
    expect(second).toBe(false);
    first.release({ status: 200, observation: null });
    await vi.advanceTimersByTimeAsync(0);
    expect(second).toBe(true);
    const times = grantTimes(limiter, 5, false);
    await vi.advanceTimersByTimeAsync(0);
    expect(times).toEqual([0, 0, 0, 0, 0]);
  });

  it('learns rate and burst from the headers and paces by them', async () => {
    const limiter = adaptiveLimiter({ safetyFactor: 1 });
    const probe = await limiter.acquire();
    probe.release({ status: 200, observation: { limit: 4, remaining: 2, refillPerSecond: 5 } });
    const times = grantTimes(limiter, 5);
    await vi.advanceTimersByTimeAsync(2000);
    // 2 left at once, then one per 200 ms.
    expect(times).toEqual([0, 0, 200, 400, 600]);
  });

  it('derives the rate from limit, remaining and time-to-full when no rate header is sent', async () => {
    const limiter = adaptiveLimiter({ safetyFactor: 1 });
    const probe = await limiter.acquire();
    probe.release({ status: 200, observation: { limit: 10, remaining: 0, resetMs: 5000 } });
    const times = grantTimes(limiter, 2);
    await vi.advanceTimersByTimeAsync(2000);
    expect(times).toEqual([500, 1000]);
  });

  it('halves its observed rate on a bare 429 and grows back on success', async () => {
    const limiter = adaptiveLimiter();
    const probe = await limiter.acquire();
    probe.release({ status: 200 });
    const leases = await Promise.all(Array.from({ length: 8 }, () => limiter.acquire()));
    for (const lease of leases.slice(1)) lease.release({ status: 200 });
    leases[0]!.release({ status: 429 });
    const times = grantTimes(limiter, 3);
    await vi.advanceTimersByTimeAsync(10_000);
    // Paused 1 s; 9 grants in 2 s observed -> 4.5/s, halved to 2.25/s, +5% per success: 424 ms, then less.
    expect(times[0]!).toBeGreaterThanOrEqual(1000);
    expect(times[1]! - times[0]!).toBeGreaterThan(350);
    expect(times[1]! - times[0]!).toBeLessThan(450);
    expect(times[2]! - times[1]!).toBeLessThan(times[1]! - times[0]!);
  });

  it('only pauses on a 429 with Retry-After, keeping its pace afterwards', async () => {
    const limiter = adaptiveLimiter();
    const probe = await limiter.acquire();
    probe.release({ status: 429, observation: { retryAfterMs: 300 } });
    const times = grantTimes(limiter, 3);
    await vi.advanceTimersByTimeAsync(1000);
    expect(times).toEqual([300, 300, 300]);
  });

  it('sizes concurrency to rate x latency, so slow answers do not starve the allowed rate', async () => {
    const limiter = adaptiveLimiter();
    const probe = await limiter.acquire();
    await vi.advanceTimersByTimeAsync(1000); // a slow channel: 1 s per answer
    probe.release({ status: 200, observation: { limit: 100, remaining: 100, refillPerSecond: 20 } });
    let inFlight = 0;
    for (let i = 0; i < 60; i++) void limiter.acquire().then(() => inFlight++);
    await vi.advanceTimersByTimeAsync(500);
    // 20/s x 1 s x 1.5 + 1 = 31 in flight, far above a fixed cap of 8.
    expect(inFlight).toBe(31);
  });

  it('keeps 8 in flight when the channel says nothing about its limits', async () => {
    const limiter = adaptiveLimiter();
    (await limiter.acquire()).release({ status: 200 });
    let inFlight = 0;
    for (let i = 0; i < 20; i++) void limiter.acquire().then(() => inFlight++);
    await vi.advanceTimersByTimeAsync(100);
    expect(inFlight).toBe(8);
  });

  it('a configured starting rate is a ceiling: it never creeps above it, and comes back to it after a 429', async () => {
    const limiter = adaptiveLimiter({ initialRatePerSecond: 10, safetyFactor: 1 });
    const times = grantTimes(limiter, 30);
    await vi.advanceTimersByTimeAsync(5000);
    // A full bucket of 10, then one per 100 ms however many calls succeed: never above the configured 10/s.
    const gaps = times.slice(10).map((t, i) => t - times[9 + i]!);
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(99);

    const refused = limiter.acquire();
    await vi.advanceTimersByTimeAsync(100);
    (await refused).release({ status: 429 });
    grantTimes(limiter, 80); // successes, while the guessed rate climbs back
    await vi.advanceTimersByTimeAsync(120_000);
    await vi.advanceTimersByTimeAsync(2_000); // let the bucket fill
    const after = grantTimes(limiter, 12);
    await vi.advanceTimersByTimeAsync(5_000);
    expect(after.slice(0, 10)).toEqual(Array(10).fill(0));
    expect(after[11]! - after[10]!).toBe(100);
  });
});
