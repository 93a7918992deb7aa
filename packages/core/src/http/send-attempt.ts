import ky, { isTimeoutError } from 'ky';
import { ChannelPayloadError } from '../errors/errors';
import { throwIfAborted } from './abortable-sleep';
import type { PreparedRequest } from './build-request';
import type { HttpClientOptions, HttpRequest } from './http-client-types';
import { type AttemptFailure, networkFailure, responseFailure } from './map-failure';
import { readRateLimitHeaders } from './rate-limit/rate-limit-headers';
import type { RateLimitObservation } from './rate-limit/rate-limiter';
import { parseRetryAfter } from './retry-policy';

/** What one attempt produced: a decoded success, or a failure to retry or throw. */
export type AttemptResult =
  | { ok: true; status: number; headers: Headers; data: unknown; observation: RateLimitObservation | null }
  | { ok: false; failure: AttemptFailure; observation: RateLimitObservation | null };

const REQUEST_ID_HEADERS = ['x-request-id', 'x-amzn-requestid', 'x-shopify-request-id', 'request-id', 'x-tts-logid'];

/** Sign and send one attempt, decode its body, and classify the outcome. Throws only on abort or a signing bug. */
export async function sendAttempt(
  options: HttpClientOptions,
  prepared: PreparedRequest,
  request: HttpRequest,
): Promise<AttemptResult> {
  const base = { connector: options.connector, method: prepared.method, pathTemplate: prepared.pathTemplate };
  const url = new URL(prepared.url);
  const headers = new Headers(prepared.headers);
  await options.sign?.({ ...base, path: prepared.path, url, headers, body: prepared.body });
  let response: Response;
  try {
    response = await ky(url, {
      method: prepared.method,
      headers,
      body: prepared.body,
      signal: request.signal,
      timeout: options.timeoutMs ?? 30_000,
      retry: 0,
      throwHttpErrors: false,
      fetch: options.fetch,
    });
  } catch (error) {
    throwIfAborted(request.signal);
    return { ok: false, failure: networkFailure(base, error, isTimeoutError(error)), observation: null };
  }
  return classify(options, request, base, response);
}

async function classify(
  options: HttpClientOptions,
  request: HttpRequest,
  base: { connector: string; method: string; pathTemplate: string },
  response: Response,
): Promise<AttemptResult> {
  const text = await readText(response, request);
  const status = response.status;
  const body = decode(text, response, request);
  const reader = options.rateLimitHeaders ?? ((r) => readRateLimitHeaders(r));
  const observation = reader({ status, headers: response.headers, body: body.value });
  const requestId = findRequestId(response.headers, options.requestIdHeader);
  const retryAfterMs = observation?.retryAfterMs ?? parseRetryAfter(response.headers.get('retry-after'));
  const facts = { status, body: body.value, requestId, retryAfterMs };
  if (status < 200 || status >= 300) {
    const vendor = options.parseErrorBody?.(status, body.value) ?? null;
    return { ok: false, failure: responseFailure(base, facts, vendor), observation };
  }
  const vendor = options.detectBodyError?.(status, body.value) ?? null;
  if (vendor) return { ok: false, failure: responseFailure(base, facts, vendor), observation };
  if (!body.ok) {
    throw new ChannelPayloadError(options.connector, `${base.method} ${base.pathTemplate} response`, [
      { path: '', message: 'expected a JSON body' },
    ]);
  }
  return { ok: true, status, headers: response.headers, data: body.value, observation };
}

async function readText(response: Response, request: HttpRequest): Promise<string> {
  try {
    return await response.text();
  } catch (error) {
    throwIfAborted(request.signal);
    throw error;
  }
}

function decode(text: string, response: Response, request: HttpRequest): { ok: boolean; value: unknown } {
  const wantsJson =
    request.responseType === 'json' ||
    (request.responseType !== 'text' && /[/+]json\b/i.test(response.headers.get('content-type') ?? ''));
  if (!wantsJson) return { ok: true, value: text };
  if (text.trim() === '') return { ok: true, value: null };
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false, value: text };
  }
}

function findRequestId(headers: Headers, preferred: string | undefined): string | null {
  for (const name of preferred ? [preferred] : REQUEST_ID_HEADERS) {
    const value = headers.get(name);
    if (value) return value;
  }
  return null;
}
