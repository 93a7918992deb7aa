import { timingSafeEqual } from 'node:crypto';
import type { MockMarketplace } from '../channel/marketplace';
import type { MockChannel } from '../channel/mock-channel';
import { sleep } from '../faults/sleep';
import { handleControl } from './control-routes';
import { matchRoute } from './rest-routes';
import { apiError, type MockHttpRequest, type MockHttpResponse, RestRefusal } from './rest-types';
import { type MockRateLimit, ServerTokenBucket } from './server-token-bucket';

/** Settings of the mock REST API. */
export interface MockRestOptions {
  /** The API key clients send as `Authorization: Bearer <key>` or `X-Api-Key`. */
  apiKey: string;
  /** Token-bucket rate limit; `false` for none. */
  rateLimit: MockRateLimit | false;
  /** Largest `limit` a page may ask for (default 500). */
  maxPageSize?: number;
}

/** Answers one mock REST request. */
export type MockRestHandler = (request: MockHttpRequest) => Promise<MockHttpResponse>;

function sameKey(given: string | null, expected: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

function presentedKey(headers: Headers): string | null {
  const auth = headers.get('authorization');
  if (auth?.startsWith('Bearer ')) return auth.slice('Bearer '.length);
  return headers.get('x-api-key');
}

/**
 * The mock marketplace's REST API as a plain function, so a node:http server
 * and msw handlers serve exactly the same thing. Order of checks: route, API
 * key, rate limit, latency, injected faults, then the route itself.
 */
export function createMockRestHandler(channel: MockChannel, options: MockRestOptions): MockRestHandler {
  const market = channel.marketplace;
  const bucket = options.rateLimit ? new ServerTokenBucket(options.rateLimit) : null;
  const maxPageSize = options.maxPageSize ?? 500;
  return async (request) => {
    if (request.url.pathname.startsWith('/_mock/')) return control(channel, request, options.apiKey);
    const matched = matchRoute(request.method, request.url.pathname);
    if (!matched) return apiError(404, 'NOT_FOUND', 'no such endpoint');
    const name = matched.route.name;
    if (!sameKey(presentedKey(request.headers), options.apiKey)) {
      market.logCall({ method: name, ok: false, errorCode: 'CHANNEL_AUTH' });
      return apiError(401, 'UNAUTHORIZED', 'missing or invalid API key');
    }
    const decision = bucket?.take();
    const limitHeaders = decision?.headers ?? {};
    if (decision && !decision.allowed) {
      market.logCall({ method: name, ok: false, errorCode: 'CHANNEL_RATE_LIMITED' });
      return apiError(429, 'RATE_LIMITED', 'too many requests', limitHeaders);
    }
    const faulted = await injectFault(market, name);
    if (faulted) return { ...faulted, headers: { ...limitHeaders, ...faulted.headers } };
    try {
      const response = matched.route.handle({
        market,
        url: request.url,
        params: matched.params,
        body: request.body,
        maxPageSize,
      });
      market.logCall({ method: name, ok: true, ...(response.size === undefined ? {} : { size: response.size }) });
      return { ...response, headers: { ...limitHeaders, ...response.headers } };
    } catch (error) {
      if (!(error instanceof RestRefusal)) throw error;
      market.logCall({ method: name, ok: false, errorCode: 'CHANNEL_HTTP' });
      return apiError(error.status, error.code, error.message, limitHeaders);
    }
  };
}

function control(channel: MockChannel, request: MockHttpRequest, apiKey: string): MockHttpResponse {
  if (!sameKey(presentedKey(request.headers), apiKey))
    return apiError(401, 'UNAUTHORIZED', 'missing or invalid API key');
  try {
    return (
      handleControl(channel, request.method, request.url.pathname, request.body) ??
      apiError(404, 'NOT_FOUND', 'no such endpoint')
    );
  } catch (error) {
    if (!(error instanceof RestRefusal)) throw error;
    return apiError(error.status, error.code, error.message);
  }
}

async function injectFault(market: MockMarketplace, name: string): Promise<MockHttpResponse | null> {
  const faults = market.faults;
  const delay = faults.appliesTo(name) ? faults.latency() : 0;
  if (delay > 0) {
    faults.record('latency', name, delay);
    await sleep(delay);
  }
  const fault = faults.decide(name);
  if (!fault) return null;
  if (fault.kind === 'rateLimit') {
    const seconds = fault.retryAfterSeconds ?? 1;
    faults.record('rateLimit', name, seconds);
    market.logCall({ method: name, ok: false, errorCode: 'CHANNEL_RATE_LIMITED' });
    return apiError(429, 'RATE_LIMITED', 'too many requests', { 'retry-after': String(seconds) });
  }
  if (fault.kind === 'serverError') {
    const status = fault.status ?? 503;
    faults.record('serverError', name, status);
    market.logCall({ method: name, ok: false, errorCode: 'CHANNEL_UNAVAILABLE' });
    return apiError(status, 'SERVER_ERROR', 'the server failed');
  }
  const afterMs = fault.afterMs ?? 0;
  faults.record('timeout', name, afterMs);
  market.logCall({ method: name, ok: false, errorCode: 'CHANNEL_UNAVAILABLE' });
  if (afterMs > 0) await sleep(afterMs);
  return { status: 0, headers: {}, body: null, drop: true };
}
