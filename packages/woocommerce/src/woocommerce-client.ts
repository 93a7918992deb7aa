import type { Logger } from '@omnisync/core';
import {
  adaptiveLimiter,
  assertSafeBaseUrl,
  assertSafeBaseUrlSyntax,
  createHttpClient,
  type HttpClient,
  type HttpRequest,
  type HttpResponse,
  type HttpRetryEvent,
  type RateLimiter,
} from '@omnisync/core/http';
import type { z } from 'zod';
import { explainWooCommerceError, parseWooCommerceErrorBody } from './woocommerce-error';
import { signWooCommerceOAuth } from './woocommerce-oauth';
import { kitEnvironment, type WooCommerceSettings } from './woocommerce-settings';

/** Runtime dependencies of the connector: not settings (they are not data a form can hold). */
export interface WooCommerceRuntimeOptions {
  /** `fetch` implementation (default: the global one). */
  fetch?: typeof fetch;
  /** Resolve the store's host name to addresses for the private-network check (default: DNS). */
  resolveHost?: (hostname: string) => Promise<string[]>;
  logger?: Logger;
  /** Told about every retry (e.g. to emit the engine's `http:retry` event). */
  onRetry?: (event: HttpRetryEvent) => void;
  /** A limiter to share one budget across processes (e.g. Redis-backed); default: adaptive, per store. */
  limiter?: RateLimiter;
}

/** The connector's view of the store's API: one call, checked and typed, with auth errors explained. */
export interface WooCommerceApi {
  call<S extends z.ZodType>(request: HttpRequest & { schema: S }): Promise<HttpResponse<z.output<S>>>;
  call<T = unknown>(request: HttpRequest): Promise<HttpResponse<T>>;
}

/**
 * Build the client of one store. The URL is checked at once for what needs no
 * network (HTTPS in production, no private or metadata literal) and, before
 * the first call, on every address its name resolves to.
 */
export function createWooCommerceApi(
  settings: WooCommerceSettings,
  runtime: WooCommerceRuntimeOptions,
): WooCommerceApi {
  const guard = {
    environment: kitEnvironment(settings.environment),
    allowPrivateNetwork: settings.allowPrivateNetwork,
  };
  const base = assertSafeBaseUrlSyntax(settings.storeUrl, guard);
  let checked: Promise<URL> | null = null;
  const client: HttpClient = createHttpClient({
    connector: 'woocommerce',
    baseUrl: `${base.origin}${base.pathname.replace(/\/$/, '')}/wp-json/${settings.apiVersion}`,
    account: base.origin,
    timeoutMs: settings.timeoutMs,
    // Basic auth over HTTPS; WooCommerce accepts a key over plain HTTP only with OAuth 1.0a.
    // Basic auth over HTTPS; over plain HTTP WooCommerce accepts a key only with OAuth 1.0a.
    sign: (request) => {
      if (request.url.protocol === 'http:') {
        signWooCommerceOAuth(request.method, request.url, settings.consumerKey, settings.consumerSecret);
        return;
      }
      if (settings.queryStringAuth) {
        request.url.searchParams.set('consumer_key', settings.consumerKey);
        request.url.searchParams.set('consumer_secret', settings.consumerSecret);
        return;
      }
      const token = Buffer.from(`${settings.consumerKey}:${settings.consumerSecret}`).toString('base64');
      request.headers.set('authorization', `Basic ${token}`);
    },
    parseErrorBody: parseWooCommerceErrorBody,
    limiter:
      runtime.limiter ?? (() => slowDownOn503(adaptiveLimiter({ initialRatePerSecond: settings.requestsPerSecond }))),
    logger: runtime.logger,
    onRetry: runtime.onRetry,
    fetch: runtime.fetch,
  });
  const call = async (request: HttpRequest) => {
    checked ??= assertSafeBaseUrl(base, { ...guard, resolve: runtime.resolveHost });
    await checked.catch((error: unknown) => {
      checked = null;
      throw error;
    });
    try {
      return await client.request(request);
    } catch (error) {
      throw explainWooCommerceError(error);
    }
  };
  return { call: call as WooCommerceApi['call'] };
}

/**
 * WooCommerce publishes no rate limit; a host under load answers 503 (or its
 * WAF 429). Tell the adaptive limiter a 503 is a slow-down too, so it halves
 * its rate instead of only retrying.
 */
export function slowDownOn503(limiter: RateLimiter): RateLimiter {
  return {
    observe: (feedback) => limiter.observe(feedback.status === 503 ? { ...feedback, status: 429 } : feedback),
    acquire: async (request) => {
      const lease = await limiter.acquire(request);
      return {
        release: (feedback) => lease.release(feedback?.status === 503 ? { ...feedback, status: 429 } : feedback),
      };
    },
  };
}

/** The `*_gmt` form WooCommerce filters expect with `dates_are_gmt=true`: `YYYY-MM-DDTHH:MM:SS`. */
export function toWooGmt(iso: string, shiftSeconds = 0): string {
  return new Date(new Date(iso).getTime() + shiftSeconds * 1000).toISOString().slice(0, 19);
}

/** Read the total headers of a WordPress collection response. */
export function totalsOf(headers: Headers): { total: number | null; totalPages: number | null } {
  const total = Number(headers.get('x-wp-total'));
  const totalPages = Number(headers.get('x-wp-totalpages'));
  return {
    total: headers.has('x-wp-total') && Number.isFinite(total) ? total : null,
    totalPages: headers.has('x-wp-totalpages') && Number.isFinite(totalPages) ? totalPages : null,
  };
}
