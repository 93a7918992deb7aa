import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CALL_PRIORITIES } from './rate-limiter';
import { tokenBucket } from './token-bucket';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('tokenBucket (property)', () => {
  it('never grants more than burst + rate x elapsed in any window, and grants every waiter', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 50 }),
        fc.integer({ min: 1, max: 10 }),
        fc.array(fc.tuple(fc.integer({ min: 0, max: 3000 }), fc.constantFrom(...CALL_PRIORITIES)), {
          minLength: 1,
          maxLength: 60,
        }),
        async (rate, burst, arrivals) => {
          const limiter = tokenBucket({ ratePerSecond: rate, burst, maxConcurrency: 1000 });
          const start = Date.now();
          const grants: number[] = [];
          const sorted = [...arrivals].sort((a, b) => a[0] - b[0]);
          let now = 0;
          for (const [at, priority] of sorted) {
            await vi.advanceTimersByTimeAsync(at - now);
            now = at;
            void limiter.acquire({ priority }).then(() => grants.push(Date.now() - start));
          }
          await vi.advanceTimersByTimeAsync(3000 + (arrivals.length / rate) * 1000 + 1000);
          expect(grants).toHaveLength(arrivals.length);
          grants.sort((a, b) => a - b);
          for (let i = 0; i < grants.length; i++) {
            for (let j = i; j < grants.length; j++) {
              const allowed = burst + (rate * (grants[j]! - grants[i]!)) / 1000;
              expect(j - i + 1).toBeLessThanOrEqual(allowed + 1e-9);
            }
          }
        },
      ),
      { numRuns: 60 },
    );
  });
});
