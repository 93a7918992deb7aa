/** How a client retries failed calls. Every field has a default. */
export interface RetryOptions {
  /** Retries after the first attempt (default 4). */
  maxRetries?: number;
  /** Total time a call may spend waiting to retry, from its first attempt (default 30 000 ms). */
  budgetMs?: number;
  /** First backoff ceiling (default 250 ms); doubles with each retry. */
  baseDelayMs?: number;
  /** Largest backoff ceiling (default 10 000 ms). */
  maxDelayMs?: number;
}

/** `RetryOptions` with every default filled in. */
export type ResolvedRetryOptions = Required<RetryOptions>;

/** The defaults of `RetryOptions`. */
export const DEFAULT_RETRY: ResolvedRetryOptions = {
  maxRetries: 4,
  budgetMs: 30_000,
  baseDelayMs: 250,
  maxDelayMs: 10_000,
};

/** Fill in the defaults. */
export function resolveRetryOptions(options: RetryOptions | undefined): ResolvedRetryOptions {
  return { ...DEFAULT_RETRY, ...options };
}

/**
 * Exponential backoff with full jitter: a uniform delay between 0 and
 * `min(maxDelayMs, baseDelayMs * 2^retry)`. `retry` counts from 0.
 */
export function fullJitterDelay(
  retry: number,
  options: ResolvedRetryOptions,
  random: () => number = Math.random,
): number {
  const ceiling = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** retry);
  return Math.floor(random() * ceiling);
}

/** True for statuses worth retrying: 408, 425, 429 and 5xx except 501 and 505. */
export function isRetryableStatus(status: number): boolean {
  if (status === 408 || status === 425 || status === 429) return true;
  return status >= 500 && status !== 501 && status !== 505;
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Reads may always be retried; writes only when the connector declares them idempotent. */
export function mayRetryMethod(method: string, idempotent: boolean | undefined): boolean {
  return idempotent ?? SAFE_METHODS.has(method.toUpperCase());
}

/**
 * Parse a `Retry-After` value: delta seconds (`"120"`, `"1.5"`) or an HTTP
 * date. Returns milliseconds from `now`, never negative, or `null`.
 */
export function parseRetryAfter(value: string | null | undefined, now: number = Date.now()): number | null {
  if (value == null) return null;
  const trimmed = value.trim();
  if (trimmed === '') return null;
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const at = Date.parse(trimmed);
  if (Number.isNaN(at)) return null;
  return Math.max(0, at - now);
}
