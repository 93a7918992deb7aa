/**
 * `@omnisync/core/http`: the HTTP kit for connector authors.
 *
 * One client per connector account does what every channel API needs: a
 * shared, priority-ordered rate budget per account (learnt from the channel's
 * headers by default), request signing, timeouts, safe retries with
 * full-jitter backoff honouring `Retry-After`, errors mapped to a redacted
 * `ChannelHttpError`, and zod parsing of responses. Around it: a guard for
 * user-entered base URLs, HMAC helpers, and page generators.
 *
 * @example
 * ```ts
 * import { assertSafeBaseUrl, createHttpClient, paginatePages } from '@omnisync/core/http';
 *
 * const baseUrl = await assertSafeBaseUrl(settings.storeUrl, { environment: settings.environment });
 * const client = createHttpClient({
 *   connector: 'woocommerce',
 *   baseUrl: new URL('/wp-json/wc/v3', baseUrl),
 *   account: baseUrl.origin,
 *   sign: (req) => req.headers.set('authorization', `Basic ${btoa(`${key}:${secret}`)}`),
 *   parseErrorBody: (_status, body) => ({ vendorCode: (body as { code?: string })?.code ?? null }),
 *   onRetry: (e) => emit('http:retry', e),
 * });
 *
 * // One call: a path template (named in errors), typed by its zod schema.
 * const { data } = await client.request({
 *   path: '/products/{id}', params: { id: 42 }, schema: Product, priority: 'catalog', signal,
 * });
 *
 * // A write retried only because it is declared idempotent.
 * await client.request({ method: 'PUT', path: '/products/{id}', params: { id: 42 },
 *   json: { stock_quantity: 3 }, priority: 'stock', idempotent: true });
 *
 * // Pages: the first tells the total, the rest go 4 at a time, in order.
 * for await (const page of paginatePages({
 *   concurrency: 4, signal,
 *   fetchPage: async (page, signal) => {
 *     const r = await client.request({ path: '/products', query: { page, per_page: 100 }, signal, schema: Products });
 *     return { items: r.data, totalPages: Number(r.headers.get('x-wp-totalpages')) };
 *   },
 * })) handle(page.items);
 * ```
 *
 * @packageDocumentation
 */
export { redactHeaders, redactText, redactUrl, redactValue } from '../secrets/redact';
export { abortableSleep } from './abortable-sleep';
export { appendQuery, fillPathTemplate, joinUrl } from './build-request';
export { ChannelHttpError, type ChannelHttpErrorCode, type ChannelHttpErrorInit } from './channel-http-error';
export { createErrorBodyParser, type ErrorBodyParserOptions } from './error-body-parser';
export { type BinaryLike, hmacSha256Base64, hmacSha256Hex, md5Hex, timingSafeEqualString } from './hmac';
export { createHttpClient } from './http-client';
export type {
  HttpClient,
  HttpClientOptions,
  HttpRequest,
  HttpResponse,
  HttpRetryEvent,
  QueryValue,
  SignableRequest,
  VendorError,
} from './http-client-types';
export { codeForFailure } from './map-failure';
export { type CursorPage, type PaginateCursorOptions, paginateCursor } from './pagination/paginate-cursor';
export {
  type LinkPage,
  linkQuery,
  type PaginateLinkOptions,
  paginateLink,
  parseLinkHeader,
} from './pagination/paginate-link';
export {
  type NumberedPage,
  type PaginatePagesOptions,
  paginatePages,
  type YieldedPage,
} from './pagination/paginate-pages';
export { type AdaptiveLimiterOptions, adaptiveLimiter } from './rate-limit/adaptive-limiter';
export { Bucket, type BudgetModel, type SettleContext } from './rate-limit/budget-model';
export { type CostBudgetOptions, costBudget } from './rate-limit/cost-budget';
export { type LeakyBucketOptions, leakyBucket } from './rate-limit/leaky-bucket';
export { clearSharedRateLimiters, sharedRateLimiter } from './rate-limit/limiter-registry';
export { type GateOptions, PriorityGate } from './rate-limit/priority-gate';
export { type RateLimitReader, readRateLimitHeaders, retryHintMs } from './rate-limit/rate-limit-headers';
export {
  type AcquireRequest,
  CALL_PRIORITIES,
  type RateLimiter,
  type RateLimitFeedback,
  type RateLimitLease,
  type RateLimitObservation,
} from './rate-limit/rate-limiter';
export { type TokenBucketOptions, tokenBucket } from './rate-limit/token-bucket';
export {
  DEFAULT_RETRY,
  fullJitterDelay,
  isRetryableStatus,
  mayRetryMethod,
  parseRetryAfter,
  type ResolvedRetryOptions,
  type RetryOptions,
} from './retry-policy';
export { type AddressClass, classifyAddress } from './safe-url/address-ranges';
export { assertSafeBaseUrl, assertSafeBaseUrlSyntax, type SafeUrlOptions } from './safe-url/assert-safe-base-url';
export { createGuardedFetch, type GuardedFetchOptions } from './safe-url/guarded-fetch';
export { UnsafeUrlError } from './unsafe-url-error';
