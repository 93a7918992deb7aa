import type { ChannelHttpErrorCode, ChannelHttpErrorInit } from './channel-http-error';
import type { VendorError } from './http-client-types';
import { isRetryableStatus } from './retry-policy';

/** A failed attempt, before the attempt count is known. */
export type AttemptFailure = Omit<ChannelHttpErrorInit, 'attempts'>;

const RETRYABLE_CODES = new Set<ChannelHttpErrorCode>(['CHANNEL_RATE_LIMITED', 'CHANNEL_UNAVAILABLE']);

/** The error code for a status and an optional vendor-declared kind. */
export function codeForFailure(status: number | null, kind?: VendorError['kind']): ChannelHttpErrorCode {
  if (kind === 'auth') return 'CHANNEL_AUTH';
  if (kind === 'rate_limited') return 'CHANNEL_RATE_LIMITED';
  if (kind === 'unavailable') return 'CHANNEL_UNAVAILABLE';
  if (kind === 'client') return 'CHANNEL_HTTP';
  if (status === null) return 'CHANNEL_UNAVAILABLE';
  if (status === 401 || status === 403) return 'CHANNEL_AUTH';
  if (status === 429) return 'CHANNEL_RATE_LIMITED';
  if (isRetryableStatus(status)) return 'CHANNEL_UNAVAILABLE';
  return 'CHANNEL_HTTP';
}

/** True when a failure with this code may succeed on retry. */
export function isRetryableCode(code: ChannelHttpErrorCode): boolean {
  return RETRYABLE_CODES.has(code);
}

/** Describe an HTTP failure (a response came back). */
export function responseFailure(
  base: { connector: string; method: string; pathTemplate: string },
  response: { status: number; body: unknown; requestId: string | null; retryAfterMs: number | null },
  vendor: VendorError | null,
): AttemptFailure {
  const code = codeForFailure(response.status, vendor?.kind);
  return {
    ...base,
    code,
    status: response.status,
    vendorCode: vendor?.vendorCode ?? null,
    vendorMessage: vendor?.message ?? null,
    vendorBody: truncateBody(response.body),
    requestId: response.requestId,
    retryAfterMs: vendor?.retryAfterMs ?? response.retryAfterMs,
    retryable: isRetryableCode(code),
  };
}

/** Describe a failure with no response (network error, timeout). */
export function networkFailure(
  base: { connector: string; method: string; pathTemplate: string },
  cause: unknown,
  timedOut: boolean,
): AttemptFailure {
  return {
    ...base,
    code: 'CHANNEL_UNAVAILABLE',
    status: null,
    transport: timedOut ? 'timeout' : 'network',
    cause,
    retryable: true,
  };
}

const MAX_BODY_TEXT = 2000;

/** Keep error bodies small: an HTML error page is cut to its first 2,000 characters. */
export function truncateBody(body: unknown): unknown {
  if (typeof body !== 'string' || body.length <= MAX_BODY_TEXT) return body;
  return `${body.slice(0, MAX_BODY_TEXT)}… [${body.length - MAX_BODY_TEXT} more characters]`;
}
