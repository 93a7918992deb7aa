import { randomBytes } from 'node:crypto';
import { hmacSha256Base64 } from '@omnisync/core/http';

/** RFC 3986 percent-encoding, as PHP's `rawurlencode` (what WooCommerce compares against). */
export function rfc3986(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** The OAuth 1.0a signature base string: `METHOD&enc(url)&enc(sorted k=v&...)`. */
export function oauthBaseString(method: string, url: URL, params: readonly (readonly [string, string])[]): string {
  const pairs = params
    .map(([key, value]) => [rfc3986(key), rfc3986(value)] as const)
    .sort(([a, av], [b, bv]) => (a < b ? -1 : a > b ? 1 : av < bv ? -1 : av > bv ? 1 : 0))
    .map(([key, value]) => `${key}=${value}`)
    .join('&');
  return `${method.toUpperCase()}&${rfc3986(`${url.origin}${url.pathname}`)}&${rfc3986(pairs)}`;
}

/**
 * Sign a request with OAuth 1.0a one-legged (HMAC-SHA256), the only way
 * WooCommerce accepts a key over plain HTTP
 * (https://woocommerce.github.io/woocommerce-rest-api-docs/#authentication-over-http).
 * The `oauth_*` parameters go into the query string; the body is not signed.
 */
export function signWooCommerceOAuth(
  method: string,
  url: URL,
  consumerKey: string,
  consumerSecret: string,
  now: number = Date.now(),
  nonce: string = randomBytes(16).toString('hex'),
): void {
  for (const key of [...url.searchParams.keys()]) if (key.startsWith('oauth_')) url.searchParams.delete(key);
  url.searchParams.set('oauth_consumer_key', consumerKey);
  url.searchParams.set('oauth_nonce', nonce);
  url.searchParams.set('oauth_signature_method', 'HMAC-SHA256');
  url.searchParams.set('oauth_timestamp', String(Math.floor(now / 1000)));
  const base = oauthBaseString(method, url, [...url.searchParams.entries()]);
  url.searchParams.set('oauth_signature', hmacSha256Base64(`${consumerSecret}&`, base));
}
