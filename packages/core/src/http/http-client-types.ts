import type { z } from 'zod';
import type { CallPriority } from '../connector/v1/channel-connector-v1';
import type { Logger } from '../logger';
import type { RateLimitReader } from './rate-limit/rate-limit-headers';
import type { RateLimiter } from './rate-limit/rate-limiter';
import type { RetryOptions } from './retry-policy';
import type { SafeUrlOptions } from './safe-url/assert-safe-base-url';

/** A query parameter value; arrays repeat the key, `undefined`/`null` drop it. */
export type QueryValue = string | number | boolean | null | undefined | readonly (string | number | boolean)[];

/**
 * The outgoing request as the signing hook sees it. Mutate `url.searchParams`
 * and `headers` to sign; `body` is the exact text that will be sent (sign it
 * as-is). Called again before every retry, so timestamps stay fresh.
 */
export interface SignableRequest {
  readonly connector: string;
  readonly method: string;
  /** The path template, e.g. `/products/{id}`. */
  readonly pathTemplate: string;
  /** The filled path, without base URL or query, e.g. `/wp-json/wc/v3/products/42`. */
  readonly path: string;
  readonly url: URL;
  readonly headers: Headers;
  readonly body: string | undefined;
}

/** What `parseErrorBody` and `detectBodyError` extract from a vendor's error body. */
export interface VendorError {
  vendorCode?: string | null;
  message?: string | null;
  /** Force a class of failure, e.g. `rate_limited` for a 200 carrying Shopee's `error_rate_limit`. */
  kind?: 'auth' | 'rate_limited' | 'unavailable' | 'client';
  retryAfterMs?: number | null;
}

/** Retry information, for the engine's `http:retry` event. Never carries a URL, header or body. */
export interface HttpRetryEvent {
  connector: string;
  method: string;
  /** The path template. */
  path: string;
  /** Status of the failed attempt, or `null` for a network error or timeout. */
  status: number | null;
  /** The retry about to be made (1 for the first retry). */
  attempt: number;
  /** How long the client waits before it. */
  delayMs: number;
  /** The error code the attempt would have thrown. */
  code: string;
}

/** Options of `createHttpClient`. */
export interface HttpClientOptions {
  /** Connector id, used in errors, logs and events (e.g. `woocommerce`). */
  connector: string;
  /** The API root, e.g. `https://shop.example/wp-json/wc/v3`. Check user-entered ones with `assertSafeBaseUrl` first. */
  baseUrl: string | URL;
  /** Key of the shared rate budget (default: the base URL's origin). Every client on one account shares it. */
  account?: string;
  /** Per-attempt timeout (default 30 000 ms). */
  timeoutMs?: number;
  /** Headers sent with every request. */
  headers?: Record<string, string>;
  /** `User-Agent` (default `omnisync/<connector>`). */
  userAgent?: string;
  /** Sign each attempt: add query parameters or headers. */
  sign?: (request: SignableRequest) => void | Promise<void>;
  /**
   * The account's limiter: an instance (used as-is), or a factory that makes
   * the shared limiter of `account` on first use. Default: a shared `adaptiveLimiter()`.
   */
  limiter?: RateLimiter | (() => RateLimiter);
  retry?: RetryOptions;
  /** Read the vendor's error body of a non-2xx response. */
  parseErrorBody?: (status: number, body: unknown) => VendorError | null;
  /** Spot an error inside a 2xx body (vendors that answer 200 with `{ error: ... }`). Return `null` when fine. */
  detectBodyError?: (status: number, body: unknown) => VendorError | null;
  /** Read the rate budget from a response (default `readRateLimitHeaders`). */
  rateLimitHeaders?: RateLimitReader;
  /** Header carrying the vendor's request id (default: tries `x-request-id`, `x-amzn-requestid`, `x-shopify-request-id`, `request-id`). */
  requestIdHeader?: string;
  /** Logger for request and retry lines (redacted; silent by default). */
  logger?: Logger;
  /** Told about every retry before its wait. */
  onRetry?: (event: HttpRetryEvent) => void;
  /**
   * Check the base URL with `assertSafeBaseUrl` (DNS included) before the
   * first call; a refusal fails every call with `UnsafeUrlError` until it passes.
   * Unless `fetch` is given, calls also go through `createGuardedFetch`, which
   * checks the address of every connection (DNS rebinding). Use it when the
   * base URL comes from a user (a store domain in a settings form).
   */
  safeUrl?: SafeUrlOptions;
  /** `fetch` implementation (default: global `fetch`). */
  fetch?: typeof fetch;
  /** Random source for jitter, for tests (default `Math.random`). */
  random?: () => number;
}

/** One call. */
export interface HttpRequest {
  method?: 'GET' | 'HEAD' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** A path template relative to the base URL, e.g. `/products/{id}`; errors name the template. */
  path: string;
  /** Values for the template's `{placeholders}` (URL-encoded). */
  params?: Record<string, string | number>;
  query?: Record<string, QueryValue>;
  /** A JSON body (sets `content-type: application/json`). */
  json?: unknown;
  /** A raw body (string or form), when not JSON. */
  body?: string | URLSearchParams;
  headers?: Record<string, string>;
  /** Parse the response with this zod schema; a mismatch throws `ChannelPayloadError`. */
  schema?: z.ZodType;
  /** Which queue of the account's budget to wait in (default `catalog`). */
  priority?: CallPriority;
  /** Declare a write safe to repeat, so it is retried (default: only GET/HEAD/OPTIONS are). */
  idempotent?: boolean;
  /** Budget units the call uses (default 1; a GraphQL query's estimated cost). */
  cost?: number;
  /**
   * Use this limiter for the call instead of the client's, e.g. one token
   * bucket per Amazon SP-API operation from `sharedRateLimiter(`${seller}:getOrders`, ...)`.
   */
  limiter?: RateLimiter;
  signal?: AbortSignal;
  /** Override the client's retry options for this call. */
  retry?: RetryOptions;
  /** How to read the body (default: JSON when the response says so, else text). */
  responseType?: 'json' | 'text';
}

/** A successful response. */
export interface HttpResponse<T> {
  data: T;
  status: number;
  headers: Headers;
  /** Attempts made, the successful one included. */
  attempts: number;
}

/** The client a connector uses for every call to its API. */
export interface HttpClient {
  readonly connector: string;
  /** The limiter shared by every client on this account. */
  readonly limiter: RateLimiter;
  /** Call with a schema: `data` is the parsed, typed payload. */
  request<S extends z.ZodType>(request: HttpRequest & { schema: S }): Promise<HttpResponse<z.output<S>>>;
  /** Call without a schema: `data` is the decoded body, typed as you say (unchecked). */
  request<T = unknown>(request: HttpRequest): Promise<HttpResponse<T>>;
}
