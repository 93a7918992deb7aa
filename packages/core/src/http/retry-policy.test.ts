import { describe, expect, it } from 'vitest';
import { DEFAULT_RETRY, fullJitterDelay, isRetryableStatus, mayRetryMethod, parseRetryAfter } from './retry-policy';

describe('parseRetryAfter', () => {
  it('reads delta seconds and HTTP dates, relative to now', () => {
    const now = Date.parse('2026-11-11T00:00:00Z');
    expect(parseRetryAfter('3', now)).toBe(3000);
    expect(parseRetryAfter('0.5', now)).toBe(500);
    expect(parseRetryAfter('Wed, 11 Nov 2026 00:00:07 GMT', now)).toBe(7000);
    expect(parseRetryAfter('Tue, 10 Nov 2026 23:00:00 GMT', now)).toBe(0);
  });

  it('returns null for a missing or garbled value', () => {
    expect(parseRetryAfter(null)).toBeNull();
    expect(parseRetryAfter('')).toBeNull();
    expect(parseRetryAfter('soon')).toBeNull();
  });
});

describe('fullJitterDelay', () => {
  it('stays between 0 and the doubling ceiling, capped at maxDelayMs', () => {
    const options = { ...DEFAULT_RETRY, baseDelayMs: 100, maxDelayMs: 1000 };
    expect(fullJitterDelay(0, options, () => 0.999)).toBe(99);
    expect(fullJitterDelay(2, options, () => 0.999)).toBe(399);
    expect(fullJitterDelay(10, options, () => 0.999)).toBe(999);
    expect(fullJitterDelay(3, options, () => 0)).toBe(0);
  });
});

describe('what may be retried', () => {
  it('retries 408, 425, 429 and most 5xx, never other 4xx', () => {
    expect([408, 425, 429, 500, 502, 503, 504].every(isRetryableStatus)).toBe(true);
    expect([400, 401, 403, 404, 409, 422, 501, 505].some(isRetryableStatus)).toBe(false);
  });

  it('retries reads always and writes only when declared idempotent', () => {
    expect(mayRetryMethod('GET', undefined)).toBe(true);
    expect(mayRetryMethod('post', undefined)).toBe(false);
    expect(mayRetryMethod('POST', true)).toBe(true);
    expect(mayRetryMethod('GET', false)).toBe(false);
  });
});
