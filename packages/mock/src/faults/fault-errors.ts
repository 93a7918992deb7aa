import { InvalidArgumentError, OmnisyncError } from '@omnisync/core';

/*
 * The errors an in-memory mock call throws when a fault fires or the
 * marketplace refuses a call: the same classes and codes a real connector's
 * HTTP layer produces, so the engine's handling is exercised as in production.
 */

/** Extra facts carried on a mock fault error, matching `ChannelHttpError`'s fields. */
export interface MockHttpFacts {
  status: number | null;
  retryAfterMs?: number | null;
  method: string;
}

function httpError(
  code: 'CHANNEL_RATE_LIMITED' | 'CHANNEL_UNAVAILABLE' | 'CHANNEL_HTTP',
  message: string,
  facts: MockHttpFacts,
) {
  const error = new OmnisyncError(code, message, {
    details: { connector: 'mock', ...facts, retryAfterMs: facts.retryAfterMs ?? null },
  });
  return Object.assign(error, { status: facts.status, retryAfterMs: facts.retryAfterMs ?? null });
}

/** HTTP 429: the mock marketplace's rate limit; `retryAfterMs` is what its `Retry-After` said. */
export function rateLimitedError(method: string, retryAfterMs: number) {
  return httpError('CHANNEL_RATE_LIMITED', `mock ${method} answered HTTP 429.`, {
    status: 429,
    retryAfterMs,
    method,
  });
}

/** HTTP 5xx from the mock marketplace. */
export function serverError(method: string, status: number) {
  return httpError('CHANNEL_UNAVAILABLE', `mock ${method} answered HTTP ${status}.`, { status, method });
}

/** No answer within the time limit. */
export function timeoutError(method: string) {
  return httpError('CHANNEL_UNAVAILABLE', `mock ${method} got no response (timed out).`, { status: null, method });
}

/** The marketplace refused a request (HTTP 400/404/409): not retryable. */
export function refusedError(method: string, status: number, reason: string) {
  const error = httpError('CHANNEL_HTTP', `mock ${method} answered HTTP ${status}: ${reason}`, { status, method });
  return error;
}

/** A test helper was called with something the mock marketplace cannot do (unknown SKU, short stock). */
export function mockUsageError(message: string) {
  return new InvalidArgumentError(message);
}
