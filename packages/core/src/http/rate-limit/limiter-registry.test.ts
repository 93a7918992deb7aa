import { afterEach, describe, expect, it } from 'vitest';
import { createHttpClient } from '../http-client';
import { clearSharedRateLimiters, sharedRateLimiter } from './limiter-registry';
import { tokenBucket } from './token-bucket';

afterEach(() => clearSharedRateLimiters());

describe('shared limiters', () => {
  it('clients of one connector and account share one limiter; other accounts get their own', () => {
    const a = createHttpClient({ connector: 'woocommerce', baseUrl: 'https://a.example/wp-json/wc/v3' });
    const a2 = createHttpClient({ connector: 'woocommerce', baseUrl: 'https://a.example/wp-json/wc/v2' });
    const b = createHttpClient({ connector: 'woocommerce', baseUrl: 'https://b.example/wp-json/wc/v3' });
    const byKey = createHttpClient({
      connector: 'woocommerce',
      baseUrl: 'https://c.example',
      account: 'https://a.example',
    });
    expect(a2.limiter).toBe(a.limiter);
    expect(byKey.limiter).toBe(a.limiter);
    expect(b.limiter).not.toBe(a.limiter);
  });

  it('the first factory makes the account limiter; an instance is used as is', () => {
    const made = tokenBucket({ ratePerSecond: 2, burst: 40 });
    const first = createHttpClient({ connector: 'shopify', baseUrl: 'https://s.example', limiter: () => made });
    const second = createHttpClient({ connector: 'shopify', baseUrl: 'https://s.example' });
    expect(first.limiter).toBe(made);
    expect(second.limiter).toBe(made);
    const own = tokenBucket({ ratePerSecond: 1, burst: 1 });
    expect(createHttpClient({ connector: 'shopify', baseUrl: 'https://s.example', limiter: own }).limiter).toBe(own);
    expect(sharedRateLimiter('shopify:https://s.example', () => own)).toBe(made);
  });
});
