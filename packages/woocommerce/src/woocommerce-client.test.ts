import { ChannelHttpError, type RateLimiter, UnsafeUrlError } from '@omnisync/core/http';
import { describe, expect, it } from 'vitest';
import { collect, connectTo, useWooCommerceServer } from './__fixtures__/woocommerce-msw';
import { slowDownOn503 } from './woocommerce-client';
import { createWooCommerce } from './woocommerce-connector';
import { WooCommerceAuthError } from './woocommerce-error';

const msw = useWooCommerceServer();

async function failure(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error('expected a failure');
    },
    (e: unknown) => e,
  );
}

const credentials = { consumerKey: 'ck_client_test_key_0001', consumerSecret: 'cs_client_test_secret_0001' };

describe('refused credentials', () => {
  it('names consumerSecret (not its value) when the secret is wrong', async () => {
    const store = msw.store();
    const wrongSecret = 'cs_this_is_not_the_right_secret';
    const error = await failure(collect(connectTo(store, { consumerSecret: wrongSecret }).listOrders({})));
    expect(error).toBeInstanceOf(WooCommerceAuthError);
    const auth = error as WooCommerceAuthError;
    expect(auth).toMatchObject({ code: 'CHANNEL_AUTH', status: 401, retryable: false, settings: ['consumerSecret'] });
    expect(auth.message).toContain('settings.consumerSecret');
    expect(ChannelHttpError.isInstance(auth)).toBe(true);
    const everything = `${auth.message} ${auth.stack} ${JSON.stringify(auth)}`;
    for (const secret of [wrongSecret, store.consumerKey, store.consumerSecret])
      expect(everything).not.toContain(secret);
  });

  it('names consumerKey when the store does not know the key', async () => {
    const store = msw.store();
    const error = await failure(connectTo(store, { consumerKey: 'ck_unknown_key_000000000' }).getOrder!('1'));
    expect((error as WooCommerceAuthError).settings).toEqual(['consumerKey']);
    expect((error as Error).message).toContain('settings.consumerKey');
    expect((error as Error).message).not.toContain('ck_unknown_key_000000000');
  });

  it('sends the key as HTTPS Basic auth, never in the URL', async () => {
    const store = msw.store();
    await collect(connectTo(store).listOrders({}));
    expect(store.calls[0]).toMatchObject({ auth: 'basic' });
    expect(store.calls[0]?.query).not.toHaveProperty('consumer_key');
  });

  it('when the server strips Authorization, says so and points at queryStringAuth, which then works', async () => {
    const store = msw.store({ stripsAuthorization: true });
    const error = (await failure(collect(connectTo(store).listOrders({})))) as WooCommerceAuthError;
    expect(error.vendorCode).toBe('woocommerce_rest_cannot_view');
    expect(error.settings).toEqual(['consumerKey', 'consumerSecret']);
    expect(error.message).toContain('settings.queryStringAuth');
    expect(await collect(connectTo(store, { queryStringAuth: true }).listOrders({}))).toEqual([]);
  });

  it('can send the key as query parameters for servers that strip Authorization, still never in an error', async () => {
    const store = msw.store();
    const connector = connectTo(store, { queryStringAuth: true });
    expect(await collect(connector.listOrders({}))).toEqual([]);
    expect(store.calls[0]).toMatchObject({ auth: 'query' });
    const error = await failure(
      connectTo(store, { queryStringAuth: true, consumerSecret: 'cs_query_wrong_0001' }).getOrder!('1'),
    );
    expect(JSON.stringify(error) + (error as Error).message).not.toContain('cs_query_wrong_0001');
  });
});

describe('the store URL guard', () => {
  it('refuses a store on a private address before any request', () => {
    expect(() => createWooCommerce({ storeUrl: 'https://192.168.1.20', ...credentials })).toThrow(UnsafeUrlError);
    expect(() =>
      createWooCommerce({ storeUrl: 'https://169.254.169.254', ...credentials, allowPrivateNetwork: true }),
    ).toThrow(/metadata/);
  });

  it('refuses a store name that resolves to a private address, on the first call', async () => {
    const connector = createWooCommerce(
      { storeUrl: 'https://intranet-shop.example.test', ...credentials },
      { resolveHost: async () => ['10.0.0.5'] },
    );
    const error = await failure(collect(connector.listOrders({})));
    expect(UnsafeUrlError.isInstance(error)).toBe(true);
    expect((error as Error).message).toContain('10.0.0.0/8');
  });

  it('refuses plain HTTP in production but accepts it in a test environment', () => {
    expect(() => createWooCommerce({ storeUrl: 'http://shop.example.com', ...credentials })).toThrow(/HTTPS/);
    expect(() =>
      createWooCommerce({ storeUrl: 'http://shop.example.com', ...credentials, environment: 'test' }),
    ).not.toThrow();
  });

  it('accepts a private address only when allowPrivateNetwork is set', async () => {
    const store = msw.store({ baseUrl: 'https://10.1.2.3' });
    store.addOrder({ status: 'processing', lines: [{ sku: 'A', quantity: 1, price: '1.00' }] });
    const orders = await collect(connectTo(store, { allowPrivateNetwork: true }).listOrders({}));
    expect(orders).toHaveLength(1);
  });
});

describe('rate limits and outages', () => {
  it('waits out a 429 with Retry-After and then succeeds', async () => {
    const store = msw.store();
    store.addOrder({ status: 'processing', lines: [{ sku: 'A', quantity: 1, price: '1.00' }] });
    store.failNext(2, { status: 429, retryAfter: 0, pathPrefix: '/orders' });
    const retries: number[] = [];
    const connector = connectTo(store, {}, { onRetry: (e) => retries.push(e.status ?? 0) });
    expect(await collect(connector.listOrders({}))).toHaveLength(1);
    expect(retries).toEqual([429, 429]);
  });

  it('retries a host maintenance 503 (an HTML page, not JSON)', async () => {
    const store = msw.store();
    store.addProduct({ name: 'Mug', sku: 'MUG', stockQuantity: 3 });
    store.failNext(1, { status: 503, retryAfter: 0 });
    const listings = await collect(connectTo(store).listListings({ status: 'all' }));
    expect(listings.map((l) => l.sku)).toEqual(['MUG']);
  });

  it('gives up after its retry budget with a retryable, redacted CHANNEL_UNAVAILABLE', async () => {
    const store = msw.store();
    store.failNext(20, { status: 503, retryAfter: 0 });
    const error = await failure(connectTo(store).getOrder!('1'));
    expect(error).toMatchObject({
      code: 'CHANNEL_UNAVAILABLE',
      retryable: true,
      status: 503,
      pathTemplate: '/orders/{id}',
    });
    expect((error as Error).message).not.toContain(store.consumerSecret);
  });
});

describe('slowDownOn503', () => {
  it('tells the limiter a 503 is a slow-down (as a 429), and passes other outcomes through', async () => {
    const seen: (number | null)[] = [];
    const limiter: RateLimiter = {
      acquire: async () => ({ release: (feedback) => seen.push(feedback?.status ?? null) }),
      observe: (feedback) => seen.push(feedback.status),
    };
    const wrapped = slowDownOn503(limiter);
    for (const status of [503, 200, 500]) (await wrapped.acquire()).release({ status });
    wrapped.observe({ status: 503 });
    expect(seen).toEqual([429, 200, 500, 429]);
  });
});
