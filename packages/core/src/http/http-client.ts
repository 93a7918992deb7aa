import { parsePayload } from '../connector/parse-payload';
import { type Logger, silentLogger } from '../logger';
import { redactValue } from '../secrets/redact';
import { abortableSleep, throwIfAborted } from './abortable-sleep';
import { prepareRequest } from './build-request';
import { ChannelHttpError } from './channel-http-error';
import type { HttpClient, HttpClientOptions, HttpRequest, HttpResponse } from './http-client-types';
import type { AttemptFailure } from './map-failure';
import { adaptiveLimiter } from './rate-limit/adaptive-limiter';
import { sharedRateLimiter } from './rate-limit/limiter-registry';
import type { RateLimiter, RateLimitFeedback } from './rate-limit/rate-limiter';
import { fullJitterDelay, mayRetryMethod, type ResolvedRetryOptions, resolveRetryOptions } from './retry-policy';
import { assertSafeBaseUrl } from './safe-url/assert-safe-base-url';
import { createGuardedFetch } from './safe-url/guarded-fetch';
import { type AttemptResult, sendAttempt } from './send-attempt';

function resolveLimiter(options: HttpClientOptions): RateLimiter {
  if (options.limiter && typeof options.limiter !== 'function') return options.limiter;
  const account = options.account ?? new URL(String(options.baseUrl)).origin;
  const create = options.limiter ?? (() => adaptiveLimiter());
  return sharedRateLimiter(`${options.connector}:${account}`, create);
}

/**
 * Make the HTTP client of one connector account. Every call waits for the
 * account's shared rate budget in its priority queue, is signed, sent with a
 * timeout, retried when safe (reads, and writes marked `idempotent`) with
 * full-jitter backoff that honours `Retry-After` within a total budget, and
 * either returns `{ data, status, headers }` or throws a redacted
 * `ChannelHttpError` (or `ChannelPayloadError` when `schema` does not match,
 * `OperationAbortedError` when `signal` aborts).
 */
export function createHttpClient(clientOptions: HttpClientOptions): HttpClient {
  const options = withGuardedFetch(clientOptions);
  const limiter = resolveLimiter(options);
  const logger = options.logger ?? silentLogger;
  const defaults: Record<string, string> = {
    accept: 'application/json',
    'user-agent': options.userAgent ?? `omnisync/${options.connector}`,
    ...options.headers,
  };
  const guard = options.safeUrl ? onceUntilPassed(() => assertSafeBaseUrl(options.baseUrl, options.safeUrl!)) : null;
  const request = async (call: HttpRequest): Promise<HttpResponse<unknown>> => {
    await guard?.();
    const prepared = prepareRequest(options.baseUrl, defaults, call);
    const retry = resolveRetryOptions({ ...options.retry, ...call.retry });
    const result = await runWithRetries(options, call.limiter ?? limiter, logger, retry, call, () =>
      sendAttempt(options, prepared, call),
    );
    const data = call.schema
      ? parsePayload(options.connector, `${prepared.method} ${call.path} response`, call.schema, result.data)
      : result.data;
    return { data, status: result.status, headers: result.headers, attempts: result.attempts };
  };
  return { connector: options.connector, limiter, request: request as HttpClient['request'] };
}

/** With `safeUrl` and no custom `fetch`, connect only to addresses the guard allows (DNS rebinding). */
function withGuardedFetch(options: HttpClientOptions): HttpClientOptions {
  if (!options.safeUrl || options.fetch) return options;
  return { ...options, fetch: createGuardedFetch({ allowPrivateNetwork: options.safeUrl.allowPrivateNetwork }) };
}

/** Run `check` until it succeeds once; later calls reuse the success (a failure is retried next time). */
function onceUntilPassed(check: () => Promise<unknown>): () => Promise<void> {
  let passed: Promise<unknown> | null = null;
  return async () => {
    passed ??= check();
    try {
      await passed;
    } catch (error) {
      passed = null;
      throw error;
    }
  };
}

async function runWithRetries(
  options: HttpClientOptions,
  limiter: RateLimiter,
  logger: Logger,
  retry: ResolvedRetryOptions,
  call: HttpRequest,
  attemptOnce: () => Promise<AttemptResult>,
): Promise<{ data: unknown; status: number; headers: Headers; attempts: number }> {
  const method = (call.method ?? 'GET').toUpperCase();
  const retriable = mayRetryMethod(method, call.idempotent);
  const startedAt = Date.now();
  for (let attempt = 1; ; attempt++) {
    throwIfAborted(call.signal);
    const lease = await limiter.acquire({
      priority: call.priority ?? 'catalog',
      cost: call.cost ?? 1,
      signal: call.signal,
    });
    let result: AttemptResult;
    const sentAt = Date.now();
    try {
      result = await attemptOnce();
    } catch (error) {
      lease.release({ status: null });
      throw error;
    }
    const status = result.ok ? result.status : result.failure.status;
    lease.release(limiterFeedback(result));
    log(logger, 'debug', {
      connector: options.connector,
      method,
      path: call.path,
      status,
      attempt,
      ms: Date.now() - sentAt,
    });
    if (result.ok) return { ...result, attempts: attempt };
    const failure = result.failure;
    const delayMs = failure.retryAfterMs ?? fullJitterDelay(attempt - 1, retry, options.random);
    const withinBudget = Date.now() + delayMs - startedAt <= retry.budgetMs;
    if (!failure.retryable || !retriable || attempt > retry.maxRetries || !withinBudget) {
      throw new ChannelHttpError({ ...failure, attempts: attempt });
    }
    announceRetry(options, logger, failure, attempt, delayMs);
    await abortableSleep(delayMs, call.signal);
  }
}

/** What the limiter hears: a vendor's "throttled" inside a 200 counts as a 429, with its wait. */
function limiterFeedback(result: AttemptResult): RateLimitFeedback {
  if (result.ok) return { status: result.status, observation: result.observation };
  const { failure } = result;
  if (failure.code !== 'CHANNEL_RATE_LIMITED' || failure.status === 429) {
    return { status: failure.status, observation: result.observation };
  }
  return { status: 429, observation: { ...result.observation, retryAfterMs: failure.retryAfterMs ?? null } };
}

function announceRetry(
  options: HttpClientOptions,
  logger: Logger,
  failure: AttemptFailure,
  attempt: number,
  delayMs: number,
): void {
  const event = {
    connector: options.connector,
    method: failure.method,
    path: failure.pathTemplate,
    status: failure.status,
    attempt,
    delayMs,
    code: failure.code,
  };
  log(logger, 'warn', event, 'retrying HTTP call');
  options.onRetry?.(event);
}

function log(logger: Logger, level: 'debug' | 'warn', fields: Record<string, unknown>, msg = 'HTTP call'): void {
  logger[level](redactValue(fields), msg);
}
