import { describe, expect, it } from 'vitest';
import { collect, connectTo, useWooCommerceServer } from './__fixtures__/woocommerce-msw';
import { oauthBaseString, rfc3986, signWooCommerceOAuth } from './woocommerce-oauth';

const msw = useWooCommerceServer();

describe('OAuth 1.0a over plain HTTP', () => {
  it('builds the documented base string and signs it with "secret&" (independent vector from openssl)', () => {
    const url = new URL('http://www.example.com/wp-json/wc/v3/orders?per_page=5&status=on-hold&search=a+b%2B!');
    signWooCommerceOAuth('GET', url, 'ck_abc', 'cs_def', 1_700_000_000_000, 'n0nce');
    const params = Object.fromEntries(url.searchParams);
    expect(params).toMatchObject({
      oauth_consumer_key: 'ck_abc',
      oauth_nonce: 'n0nce',
      oauth_signature_method: 'HMAC-SHA256',
      oauth_timestamp: '1700000000',
    });
    // printf '%s' "$BASE" | openssl dgst -sha256 -hmac 'cs_def&' -binary | base64
    expect(params.oauth_signature).toBe('3jOJefAK/3MoGYri+uuECHhLDXNrerKk0tngD1tjA9w=');
  });

  it('percent-encodes as PHP rawurlencode does', () => {
    expect(rfc3986("a b+!*'()~")).toBe('a%20b%2B%21%2A%27%28%29~');
    const base = oauthBaseString('get', new URL('http://x.test/p'), [
      ['b', '1'],
      ['a', '2'],
    ]);
    expect(base).toBe('GET&http%3A%2F%2Fx.test%2Fp&a%3D2%26b%3D1');
  });

  it('lets a test environment talk to an http:// store, which refuses Basic auth there', async () => {
    const store = msw.store({ baseUrl: 'http://shop.example.test' });
    store.addOrder({ status: 'processing', lines: [{ sku: 'A', quantity: 1, price: '1.00' }] });
    const orders = await collect(connectTo(store, { environment: 'test' }).listOrders({}));
    expect(orders).toHaveLength(1);
    expect(store.calls[0]?.auth).toBe('oauth1');
  });

  it('is refused by the store with a wrong secret, naming consumerSecret', async () => {
    const store = msw.store({ baseUrl: 'http://shop.example.test' });
    const error = await collect(
      connectTo(store, { environment: 'test', consumerSecret: 'cs_wrong_wrong_wrong' }).listOrders({}),
    ).catch((e: unknown) => e);
    expect((error as Error).message).toContain('settings.consumerSecret');
  });
});
