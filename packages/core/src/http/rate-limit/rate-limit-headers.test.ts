import { describe, expect, it } from 'vitest';
import { readRateLimitHeaders } from './rate-limit-headers';

const now = Date.parse('2026-11-11T00:00:00Z');
const read = (headers: Record<string, string>) => readRateLimitHeaders({ headers: new Headers(headers) }, now);

describe('readRateLimitHeaders', () => {
  it('reads the IETF draft headers with a policy', () => {
    expect(
      read({
        'RateLimit-Limit': '20',
        'RateLimit-Remaining': '3',
        'RateLimit-Reset': '2',
        'RateLimit-Policy': '20;w=4',
      }),
    ).toEqual({ limit: 20, remaining: 3, resetMs: 2000, refillPerSecond: 5 });
    expect(read({ 'RateLimit-Policy': '"default";q=100;w=10' })).toEqual({ limit: 100, refillPerSecond: 10 });
  });

  it('reads X-RateLimit-Reset as epoch seconds when it is one', () => {
    expect(
      read({
        'X-RateLimit-Limit': '5000',
        'X-RateLimit-Remaining': '4999',
        'X-RateLimit-Reset': String(now / 1000 + 60),
      }),
    ).toEqual({ limit: 5000, remaining: 4999, resetMs: 60_000 });
  });

  it("reads Shopify's call limit, Amazon's rate and Retry-After", () => {
    expect(read({ 'X-Shopify-Shop-Api-Call-Limit': '32/40' })).toEqual({ limit: 40, remaining: 8 });
    expect(read({ 'x-amzn-RateLimit-Limit': '0.5' })).toEqual({ refillPerSecond: 0.5 });
    expect(read({ 'Retry-After': '3' })).toEqual({ retryAfterMs: 3000 });
  });

  it('returns null when the response says nothing about limits', () => {
    expect(read({ 'content-type': 'application/json' })).toBeNull();
  });
});
