import ky from 'ky';
import { ChannelPayloadError } from '../errors/errors';
import { throwIfAborted } from './abortable-sleep';
import { AttemptDeadline } from './attempt-deadline';
import type { PreparedRequest } from './build-request';
import type { HttpClientOptions, HttpRequest } from './http-client-types';
import { type AttemptFailure, networkFailure, responseFailure } from './map-failure';
import { readRateLimitHeaders, retryHintMs } from './rate-limit/rate-limit-headers';
import type { RateLimitObservation } from './rate-limit/rate-limiter';
import { parseRetryAfter } from './retry-policy';
import { UnsafeUrlError } from './unsafe-url-error';

/** What one attempt produced: a decoded success, or a failure to retry or throw. */
export type AttemptResult =
  | { ok: true; status: number; headers: Headers; data: unknown; observation: RateLimitObservation | null }
  | { ok: false; failure: AttemptFailure; observation: RateLimitObservation | null };

const REQUEST_ID_HEADERS = ['x-request-id', 'x-amzn-requestid', 'x-shopify-request-id', 'request-id', 'x-tts-logid'];

const REDIRECTS = new Set([301, 302, 303, 307, 308]);
const MAX_REDIRECTS = 3;

/**
 * Sign and send one attempt, decode its body, and classify the outcome.
 * Redirects are followed only within the base URL's origin (re-signed each
 * hop); a redirect elsewhere is refused, so a store cannot bounce a signed
 * call to another host or into the private network. Throws only on abort or
 * a signing bug.
 */
export async function sendAttempt(
  options: HttpClientOptions,
  prepared: PreparedRequest,
  request: HttpRequest,
): Promise<AttemptResult> {
  const deadline = new AttemptDeadline(options.timeoutMs ?? 30_000, request.signal);
  try {
    return await followRedirects(options, prepared, request, deadline);
  } finally {
    deadline.clear();
  }
}

async function followRedirects(
  options: HttpClientOptions,
  prepared: PreparedRequest,
  request: HttpRequest,
  deadline: AttemptDeadline,
): Promise<AttemptResult> {
  const base = { connector: options.connector, method: prepared.method, pathTemplate: prepared.pathTemplate };
  let current = prepared;
  for (let hop = 0; ; hop++) {
    const sent = await sendOnce(options, current, request, deadline);
    if (!sent.ok) return { ok: false, failure: networkFailure(base, sent.error, deadline.expired), observation: null };
    const response = sent.response;
    const location = REDIRECTS.has(response.status) ? response.headers.get('location') : null;
    if (!location) return classify(options, request, base, response, deadline);
    await response.body?.cancel().catch(() => {});
    const target = new URL(location, current.url);
    const refusal = !sameSite(prepared.url, target)
      ? 'redirect to another origin refused'
      : hop >= MAX_REDIRECTS
        ? `more than ${MAX_REDIRECTS} redirects`
        : null;
    if (refusal) return { ok: false, failure: redirectFailure(base, response.status, refusal), observation: null };
    current = redirected(current, target, response.status);
  }
}

async function sendOnce(
  options: HttpClientOptions,
  prepared: PreparedRequest,
  request: HttpRequest,
  deadline: AttemptDeadline,
): Promise<{ ok: true; response: Response } | { ok: false; error: unknown }> {
  const url = new URL(prepared.url);
  const headers = new Headers(prepared.headers);
  await options.sign?.({
    connector: options.connector,
    method: prepared.method,
    pathTemplate: prepared.pathTemplate,
    path: prepared.path,
    url,
    headers,
    body: prepared.body,
  });
  try {
    const response = await ky(url, {
      method: prepared.method,
      headers,
      body: prepared.body,
      signal: deadline.signal,
      timeout: false,
      retry: 0,
      throwHttpErrors: false,
      redirect: 'manual',
      fetch: options.fetch,
    });
    return { ok: true, response };
  } catch (error) {
    throwIfAborted(request.signal);
    if (UnsafeUrlError.isInstance(error)) throw error;
    return { ok: false, error };
  }
}

/** Same origin, or the same host upgraded from HTTP to HTTPS. */
function sameSite(from: URL, to: URL): boolean {
  if (to.origin === from.origin) return true;
  return from.protocol === 'http:' && to.protocol === 'https:' && to.hostname === from.hostname;
}

/** The request a redirect asks for: 303 (and 301/302 after a POST) become a GET without body. */
function redirected(prepared: PreparedRequest, target: URL, status: number): PreparedRequest {
  const toGet = status === 303 || ((status === 301 || status === 302) && prepared.method === 'POST');
  const headers = new Headers(prepared.headers);
  if (toGet) headers.delete('content-type');
  return {
    ...prepared,
    url: target,
    path: target.pathname,
    method: toGet ? 'GET' : prepared.method,
    body: toGet ? undefined : prepared.body,
    headers,
  };
}

function redirectFailure(
  base: { connector: string; method: string; pathTemplate: string },
  status: number,
  detail: string,
): AttemptFailure {
  return { ...base, code: 'CHANNEL_HTTP', status, detail, retryable: false };
}

async function classify(
  options: HttpClientOptions,
  request: HttpRequest,
  base: { connector: string; method: string; pathTemplate: string },
  response: Response,
  deadline: AttemptDeadline,
): Promise<AttemptResult> {
  let text: string;
  try {
    text = await response.text();
  } catch (error) {
    throwIfAborted(request.signal);
    return { ok: false, failure: networkFailure(base, error, deadline.expired), observation: null };
  }
  const status = response.status;
  const body = decode(text, response, request);
  const reader = options.rateLimitHeaders ?? ((r) => readRateLimitHeaders(r));
  const observation = reader({ status, headers: response.headers, body: body.value });
  const requestId = findRequestId(response.headers, options.requestIdHeader);
  const retryAfterMs =
    (status === 429 ? retryHintMs(observation) : (observation?.retryAfterMs ?? null)) ??
    parseRetryAfter(response.headers.get('retry-after'));
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
