import { ChannelHttpError, InvalidArgumentError } from '@omnisync/core';
import { routeOf } from '../channel/mock-routes';

/*
 * The errors an in-memory mock call throws when a fault fires or the
 * marketplace refuses a call: the same `ChannelHttpError` (status, code,
 * retryAfterMs, method and path template) that the HTTP mode produces through
 * the HTTP kit, so the engine's handling is exercised as in production.
 */

function base(method: string, connector: string) {
  const route = routeOf(method);
  return { connector, method: route.method, pathTemplate: route.path };
}

/** HTTP 429: the mock's rate limit; `retryAfterMs` is what its `Retry-After` said. */
export function rateLimitedError(method: string, retryAfterMs: number, connector = 'mock'): ChannelHttpError {
  return new ChannelHttpError({
    ...base(method, connector),
    code: 'CHANNEL_RATE_LIMITED',
    status: 429,
    vendorCode: 'RATE_LIMITED',
    retryAfterMs,
    retryable: true,
  });
}

/** HTTP 5xx from the mock. */
export function serverError(method: string, status: number, connector = 'mock'): ChannelHttpError {
  return new ChannelHttpError({ ...base(method, connector), code: 'CHANNEL_UNAVAILABLE', status, retryable: true });
}

/** No answer within the time limit. */
export function timeoutError(method: string, connector = 'mock'): ChannelHttpError {
  return new ChannelHttpError({
    ...base(method, connector),
    code: 'CHANNEL_UNAVAILABLE',
    status: null,
    retryable: true,
  });
}

/** The mock refused a request (HTTP 400/404/409/422): not retryable; `reason` is kept as the vendor message. */
export function refusedError(method: string, status: number, reason: string, connector = 'mock'): ChannelHttpError {
  const error = new ChannelHttpError({
    ...base(method, connector),
    code: 'CHANNEL_HTTP',
    status,
    vendorCode: status === 404 ? 'NOT_FOUND' : status === 409 ? 'CONFLICT' : 'BAD_REQUEST',
    vendorMessage: reason,
    retryable: false,
  });
  // The kit keeps vendor text out of `message`; the mock's reasons carry no secrets and help a test author.
  Object.defineProperty(error, 'message', { value: `${error.message} ${reason}` });
  return error;
}

/** A test helper was called with something the mock marketplace cannot do (unknown SKU, short stock). */
export function mockUsageError(message: string): InvalidArgumentError {
  return new InvalidArgumentError(message);
}
