import { HttpResponse, http, type RequestHandler } from 'msw';
import type { MockChannel } from '../channel/mock-channel';
import { createMockRestHandler } from '../http/mock-rest-handler';
import { DEFAULT_MOCK_API_KEY } from '../http/mock-server';
import type { MockRateLimit } from '../http/server-token-bucket';

/** Options of `createMockHandlers`. */
export interface MockHandlersOptions {
  /** The base URL the handlers answer on (default `https://mock.omnisync.test`). */
  baseUrl?: string;
  /** The API key clients must send (default `mock-api-key`). */
  apiKey?: string;
  /** Token-bucket rate limit (default none). */
  rateLimit?: MockRateLimit | false;
  maxPageSize?: number;
}

/**
 * msw handlers that answer the mock REST API for a mock channel, exactly as
 * `startMockServer` does (same routes, rate limit, faults), without a socket.
 * An injected timeout becomes a network error.
 *
 * @example
 * const server = setupServer(...createMockHandlers(channel, { baseUrl: 'https://mock.test' }));
 */
export function createMockHandlers(channel: MockChannel, options: MockHandlersOptions = {}): RequestHandler[] {
  const base = (options.baseUrl ?? 'https://mock.omnisync.test').replace(/\/$/, '');
  const handle = createMockRestHandler(channel, {
    apiKey: options.apiKey ?? DEFAULT_MOCK_API_KEY,
    rateLimit: options.rateLimit ?? false,
    ...(options.maxPageSize ? { maxPageSize: options.maxPageSize } : {}),
  });
  const answer = async ({ request }: { request: Request }) => {
    const out = await handle({
      method: request.method,
      url: new URL(request.url),
      headers: request.headers,
      body: request.method === 'GET' || request.method === 'HEAD' ? '' : await request.text(),
    });
    if (out.drop) return HttpResponse.error();
    return new HttpResponse(out.body, { status: out.status, headers: out.headers });
  };
  return [http.all(`${base}/api/v1/*`, answer), http.all(`${base}/_mock/*`, answer)];
}
