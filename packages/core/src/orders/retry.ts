import { abortableSleep } from '../http/abortable-sleep';
import { isRetryable, retryAfterOf } from './order-errors';

/** How the orders feature retries transient failures (429, 5xx, timeouts) of the channel and the POS. */
export interface RetryOptions {
  /** Attempts per call, the first included. Default 4. */
  attempts?: number;
  /** The first backoff when the error names no `Retry-After`; doubled each attempt. Default 250 ms. */
  baseDelayMs?: number;
  /** No wait is longer than this, whatever `Retry-After` says. Default 30 s. */
  maxDelayMs?: number;
}

/** The retry settings with their defaults. */
export type RetryPolicy = Required<RetryOptions>;

/** Fill in the retry defaults. */
export function retryPolicy(options: RetryOptions = {}): RetryPolicy {
  return { attempts: 4, baseDelayMs: 250, maxDelayMs: 30_000, ...options };
}

/** How long to wait before attempt `attempt + 1`: the error's `Retry-After`, else exponential backoff. */
export function retryDelayMs(error: unknown, attempt: number, policy: RetryPolicy): number {
  const asked = retryAfterOf(error);
  const backoff = policy.baseDelayMs * 2 ** Math.max(0, attempt - 1);
  return Math.min(policy.maxDelayMs, asked ?? backoff);
}

/**
 * Run `fn`, retrying it while it fails with a retryable error, waiting what
 * the error asked for. The last error is thrown when the attempts run out.
 */
export async function withRetries<T>(
  fn: () => Promise<T>,
  policy: RetryPolicy,
  signal: AbortSignal | undefined,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (error) {
      if (!isRetryable(error) || attempt >= policy.attempts || signal?.aborted) throw error;
      await abortableSleep(retryDelayMs(error, attempt, policy), signal, 'The order download');
    }
  }
}
