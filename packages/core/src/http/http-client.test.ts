import { HttpResponse, http } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ChannelPayloadError, OperationAbortedError } from '../errors/errors';
import { ChannelHttpError } from './channel-http-error';
import { createHttpClient } from './http-client';
import type { HttpClientOptions, HttpRetryEvent } from './http-client-types';
import { tokenBucket } from './rate-limit/token-bucket';

const BASE = 'https://shop.example/wp-json/wc/v3';
const server = setupServer();
let calls: Request[] = [];

beforeAll(() => server.listen({ onUnhandledFrame: 'error' }));
afterEach(() => {
  server.resetHandlers();
  calls = [];
});
afterAll(() => server.close());

/** Answer each call with the next response in the list (the last one repeats). */
function answer(method: 'get' | 'post' | 'put', path: string, responses: Array<() => Response>) {
  server.use(
    http[method](`${BASE}${path}`, ({ request }) => {
      calls.push(request);
      return responses[Math.min(calls.length - 1, responses.length - 1)]!();
    }),
  );
}

function client(overrides: Partial<HttpClientOptions> = {}) {
  return createHttpClient({
    connector: 'woocommerce',
    baseUrl: BASE,
    limiter: tokenBucket({ ratePerSecond: 10_000, burst: 10_000, defaultPauseMs: 0 }),
    retry: { baseDelayMs: 5, maxDelayMs: 20, maxRetries: 4, budgetMs: 5_000 },
    parseErrorBody: (_status, body) => ({ vendorCode: (body as { code?: string } | null)?.code ?? null }),
    ...overrides,
  });
}

const unavailable = () => HttpResponse.json({ code: 'busy' }, { status: 503 });
const ok = () => HttpResponse.json({ id: 7, name: 'Kopi' });

describe('createHttpClient: requests', () => {
  it('fills the path template, adds the query, parses with the schema', async () => {
    answer('get', '/products/:id', [ok]);
    const result = await client().request({
      path: '/products/{id}',
      params: { id: 7 },
      query: { context: 'edit', include: [1, 2], skip: undefined },
      schema: z.object({ id: z.number(), name: z.string() }),
    });
    expect(result.data).toEqual({ id: 7, name: 'Kopi' });
    expect(result.attempts).toBe(1);
    const url = new URL(calls[0]!.url);
    expect(url.pathname).toBe('/wp-json/wc/v3/products/7');
    expect(url.search).toBe('?context=edit&include=1&include=2');
    expect(calls[0]!.headers.get('user-agent')).toBe('omnisync/woocommerce');
  });

  it('signs every attempt and sends the exact JSON body it signed', async () => {
    answer('put', '/products/:id', [unavailable, ok]);
    const signed: string[] = [];
    await client({
      sign: (req) => {
        signed.push(req.body ?? '');
        req.url.searchParams.set('sign', `sig-${signed.length}`);
      },
    }).request({
      method: 'PUT',
      path: '/products/{id}',
      params: { id: 7 },
      json: { stock_quantity: 3 },
      idempotent: true,
    });
    expect(signed).toEqual(['{"stock_quantity":3}', '{"stock_quantity":3}']);
    expect(calls.map((c) => new URL(c.url).searchParams.get('sign'))).toEqual(['sig-1', 'sig-2']);
    expect(await calls[1]!.text()).toBe('{"stock_quantity":3}');
    expect(calls[1]!.headers.get('content-type')).toBe('application/json');
  });

  it('turns a body that fails the schema into ChannelPayloadError naming the field', async () => {
    answer('get', '/products/:id', [() => HttpResponse.json({ id: 'seven' })]);
    const error = await client()
      .request({ path: '/products/{id}', params: { id: 7 }, schema: z.object({ id: z.number() }) })
      .catch((e) => e);
    expect(ChannelPayloadError.isInstance(error)).toBe(true);
    expect(error.message).toContain('GET /products/{id} response');
    expect(error.message).toContain('id: expected number');
  });
});

describe('createHttpClient: retries', () => {
  it('retries a GET on 5xx and reports each retry', async () => {
    answer('get', '/orders', [unavailable, unavailable, ok]);
    const events: HttpRetryEvent[] = [];
    const result = await client({ onRetry: (e) => events.push(e) }).request({ path: '/orders', priority: 'orders' });
    expect(result.attempts).toBe(3);
    expect(events.map((e) => [e.attempt, e.status, e.path, e.code])).toEqual([
      [1, 503, '/orders', 'CHANNEL_UNAVAILABLE'],
      [2, 503, '/orders', 'CHANNEL_UNAVAILABLE'],
    ]);
  });

  it('does not retry a 4xx other than 429', async () => {
    answer('get', '/products/:id', [
      () => HttpResponse.json({ code: 'woocommerce_rest_product_invalid_id' }, { status: 404 }),
    ]);
    const error = await client()
      .request({ path: '/products/{id}', params: { id: 9 } })
      .catch((e) => e);
    expect(calls).toHaveLength(1);
    expect(ChannelHttpError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ code: 'CHANNEL_HTTP', status: 404, retryable: false, attempts: 1 });
    expect(error.message).toBe(
      'woocommerce GET /products/{id} answered HTTP 404 (vendor code woocommerce_rest_product_invalid_id).',
    );
  });

  it('maps 401 to CHANNEL_AUTH without retrying', async () => {
    answer('get', '/orders', [() => HttpResponse.json({ code: 'unauthorized' }, { status: 401 })]);
    const error = await client()
      .request({ path: '/orders' })
      .catch((e) => e);
    expect(error).toMatchObject({ code: 'CHANNEL_AUTH', retryable: false });
    expect(calls).toHaveLength(1);
  });

  it('does not retry a POST unless it is marked idempotent', async () => {
    answer('post', '/orders', [unavailable, ok]);
    const error = await client()
      .request({ method: 'POST', path: '/orders', json: { a: 1 } })
      .catch((e) => e);
    expect(error).toMatchObject({ code: 'CHANNEL_UNAVAILABLE', retryable: true, attempts: 1 });
    expect(calls).toHaveLength(1);

    calls = [];
    const result = await client().request({ method: 'POST', path: '/orders', json: { a: 1 }, idempotent: true });
    expect(result.attempts).toBe(2);
  });

  it('stops at maxRetries and says how many attempts were made', async () => {
    answer('get', '/orders', [unavailable]);
    const error = await client({ retry: { maxRetries: 2, baseDelayMs: 1, maxDelayMs: 1 } })
      .request({ path: '/orders' })
      .catch((e) => e);
    expect(calls).toHaveLength(3);
    expect(error).toMatchObject({ code: 'CHANNEL_UNAVAILABLE', attempts: 3 });
    expect(error.message).toContain('after 3 attempts');
  });

  it('stops when the next wait would overrun the retry budget', async () => {
    answer('get', '/orders', [unavailable]);
    const started = Date.now();
    const error = await client({
      random: () => 0.999,
      retry: { maxRetries: 100, baseDelayMs: 40, maxDelayMs: 40, budgetMs: 150 },
    })
      .request({ path: '/orders' })
      .catch((e) => e);
    const elapsed = Date.now() - started;
    expect(ChannelHttpError.isInstance(error)).toBe(true);
    // 39 ms per wait: three or four attempts fit in 150 ms (depending on overhead), never more.
    expect(calls.length).toBeGreaterThanOrEqual(3);
    expect(calls.length).toBeLessThanOrEqual(4);
    expect(elapsed).toBeLessThan(150 + 150); // without the budget, 100 retries would take 3.9 s
  });

  it('gives up at once when Retry-After is longer than the budget, and says how long', async () => {
    answer('get', '/orders', [() => HttpResponse.json({}, { status: 429, headers: { 'retry-after': '120' } })]);
    const error = await client()
      .request({ path: '/orders' })
      .catch((e) => e);
    expect(calls).toHaveLength(1);
    expect(error).toMatchObject({ code: 'CHANNEL_RATE_LIMITED', retryable: true, retryAfterMs: 120_000 });
  });

  it('retries a 200 whose body says rate-limited, and pauses the account as for a 429', async () => {
    answer('get', '/orders', [() => HttpResponse.json({ error: 'error_rate_limit' }), ok]);
    const limiter = tokenBucket({ ratePerSecond: 10_000, burst: 10_000 });
    let otherCallWaited: Promise<number> | null = null;
    const result = await client({
      limiter,
      detectBodyError: (_s, body) =>
        (body as { error?: string }).error
          ? { vendorCode: 'error_rate_limit', kind: 'rate_limited', retryAfterMs: 150 }
          : null,
      onRetry: () => {
        const asked = Date.now();
        otherCallWaited = limiter.acquire().then((lease) => {
          lease.release();
          return Date.now() - asked;
        });
      },
    }).request({ path: '/orders' });
    expect(result.attempts).toBe(2);
    expect(await otherCallWaited!).toBeGreaterThanOrEqual(140);
  });

  it('treats a network error as CHANNEL_UNAVAILABLE with no status', async () => {
    server.use(http.get(`${BASE}/orders`, () => HttpResponse.error()));
    const error = await client({ retry: { maxRetries: 1, baseDelayMs: 1, maxDelayMs: 1 } })
      .request({ path: '/orders' })
      .catch((e) => e);
    expect(error).toMatchObject({ code: 'CHANNEL_UNAVAILABLE', status: null, transport: 'network', attempts: 2 });
  });
});

describe('createHttpClient: abort', () => {
  it('an abort during the backoff wait stops the call and its retries', async () => {
    answer('get', '/orders', [unavailable]);
    const controller = new AbortController();
    const pending = client({ random: () => 0.999, retry: { baseDelayMs: 10_000, maxDelayMs: 10_000 } })
      .request({ path: '/orders', signal: controller.signal })
      .catch((e) => e);
    await new Promise((r) => setTimeout(r, 30));
    controller.abort();
    const error = await pending;
    expect(OperationAbortedError.isInstance(error)).toBe(true);
    await new Promise((r) => setTimeout(r, 30));
    expect(calls).toHaveLength(1);
  });

  it('an already aborted signal sends nothing', async () => {
    answer('get', '/orders', [ok]);
    const error = await client()
      .request({ path: '/orders', signal: AbortSignal.abort() })
      .catch((e) => e);
    expect(OperationAbortedError.isInstance(error)).toBe(true);
    expect(calls).toHaveLength(0);
  });
});

describe('createHttpClient: rate-limit hints, redirects, bodies, priorities', () => {
  it('after a 429 without Retry-After, waits for the next unit of budget its headers announce', async () => {
    const limited = () =>
      HttpResponse.json(
        {},
        {
          status: 429,
          headers: {
            'ratelimit-limit': '10',
            'ratelimit-remaining': '0',
            'ratelimit-reset': '1',
            'ratelimit-policy': '10;w=1',
          },
        },
      );
    answer('get', '/orders', [limited, ok]);
    const events: HttpRetryEvent[] = [];
    await client({ onRetry: (e) => events.push(e) }).request({ path: '/orders' });
    expect(events.map((e) => e.delayMs)).toEqual([100]);
  });

  it('a fixed-window reset past the budget fails at once, saying when to come back', async () => {
    answer('get', '/orders', [
      () =>
        HttpResponse.json(
          {},
          {
            status: 429,
            headers: { 'x-ratelimit-limit': '5000', 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': '600' },
          },
        ),
    ]);
    const error = await client()
      .request({ path: '/orders' })
      .catch((e) => e);
    expect(calls).toHaveLength(1);
    expect(error).toMatchObject({ code: 'CHANNEL_RATE_LIMITED', retryAfterMs: 600_000 });
  });

  it('follows a same-origin redirect, signing again, and refuses one to another host', async () => {
    answer('get', '/old', [() => new HttpResponse(null, { status: 301, headers: { location: `${BASE}/new?page=2` } })]);
    server.use(http.get(`${BASE}/new`, () => HttpResponse.json({ moved: true })));
    const signedPaths: string[] = [];
    const result = await client({ sign: (req) => void signedPaths.push(req.path) }).request({ path: '/old' });
    expect(result.data).toEqual({ moved: true });
    expect(signedPaths).toEqual(['/wp-json/wc/v3/old', '/wp-json/wc/v3/new']);

    server.use(
      http.get(
        `${BASE}/evil`,
        () => new HttpResponse(null, { status: 302, headers: { location: 'http://169.254.169.254/' } }),
      ),
    );
    const error = await client()
      .request({ path: '/evil' })
      .catch((e) => e);
    expect(error).toMatchObject({ code: 'CHANNEL_HTTP', status: 302, retryable: false });
    expect(error.message).toBe('woocommerce GET /evil answered HTTP 302: redirect to another origin refused.');
  });

  it('keeps a long HTML error page short in the error', async () => {
    answer('get', '/orders', [() => new HttpResponse(`<html>${'x'.repeat(10_000)}</html>`, { status: 400 })]);
    const error = await client()
      .request({ path: '/orders' })
      .catch((e) => e);
    expect(String(error.vendorBody).length).toBeLessThan(2_100);
    expect(String(error.vendorBody)).toMatch(/more characters\]$/);
  });

  it('an order call queued behind a catalog scan on the same account goes first', async () => {
    const arrived: string[] = [];
    server.use(
      http.get(`${BASE}/:what`, ({ params }) => {
        arrived.push(String(params.what));
        return HttpResponse.json([]);
      }),
    );
    const shared = client({ limiter: tokenBucket({ ratePerSecond: 40, burst: 1 }) });
    const scan = [1, 2, 3, 4].map((n) => shared.request({ path: `/products-${n}`, priority: 'catalog' }));
    await new Promise((r) => setTimeout(r, 5));
    const order = shared.request({ path: '/orders', priority: 'orders' });
    await Promise.all([...scan, order]);
    expect(arrived.indexOf('orders')).toBe(1);
    expect(arrived).toHaveLength(5);
  });
});

describe('createHttpClient: options', () => {
  it('checks a user-entered base URL before the first call when safeUrl is set', async () => {
    answer('get', '/orders', [ok]);
    // A custom fetch (msw's) replaces the connection-time guard; the base URL check still runs.
    const viaMsw = (...args: Parameters<typeof fetch>) => globalThis.fetch(...args);
    const guarded = client({
      fetch: viaMsw,
      safeUrl: { environment: 'production', resolve: async () => ['10.0.0.5'] },
    });
    const error = await guarded.request({ path: '/orders' }).catch((e) => e);
    expect(error.code).toBe('UNSAFE_URL');
    expect(calls).toHaveLength(0);
    const fine = client({
      fetch: viaMsw,
      safeUrl: { environment: 'production', resolve: async () => ['93.184.215.14'] },
    });
    await expect(fine.request({ path: '/orders' })).resolves.toMatchObject({ status: 200 });
  });

  it('a call can wait on its own limiter (one budget per vendor operation)', async () => {
    answer('get', '/orders', [ok]);
    const perOperation = tokenBucket({ ratePerSecond: 1, burst: 1 });
    const shared = client();
    await shared.request({ path: '/orders', limiter: perOperation });
    const controller = new AbortController();
    const second = shared
      .request({ path: '/orders', limiter: perOperation, signal: controller.signal })
      .catch((e) => e);
    await new Promise((r) => setTimeout(r, 20));
    expect(calls).toHaveLength(1);
    controller.abort();
    expect((await second).code).toBe('ABORTED');
    await shared.request({ path: '/orders' });
    expect(calls).toHaveLength(2);
  });
});
