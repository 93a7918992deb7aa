import { InvalidArgumentError } from '../errors/errors';
import type { HttpRequest, QueryValue } from './http-client-types';

/** A request with its URL, headers and body worked out, ready to sign and send. */
export interface PreparedRequest {
  method: string;
  pathTemplate: string;
  path: string;
  url: URL;
  headers: Headers;
  body: string | undefined;
}

/** Fill `{placeholders}` in a path template with URL-encoded values; a missing one is an `InvalidArgumentError`. */
export function fillPathTemplate(template: string, params: Record<string, string | number> = {}): string {
  return template.replace(/\{([^}]+)\}/g, (_all, name: string) => {
    const value = params[name];
    if (value === undefined) throw new InvalidArgumentError(`The path "${template}" needs a value for "${name}".`);
    return encodeURIComponent(String(value));
  });
}

/** Join a base URL and a path without losing the base URL's own path. */
export function joinUrl(baseUrl: string | URL, path: string): URL {
  const base = String(baseUrl).replace(/\/+$/, '');
  return new URL(`${base}/${path.replace(/^\/+/, '')}`);
}

/** Add query parameters; arrays repeat the key, `null`/`undefined` are dropped. */
export function appendQuery(url: URL, query: Record<string, QueryValue> = {}): void {
  for (const [key, value] of Object.entries(query)) {
    if (value === null || value === undefined) continue;
    const values = Array.isArray(value) ? value : [value];
    for (const v of values) url.searchParams.append(key, String(v));
  }
}

/** Work out URL, headers and body of one call (before signing). */
export function prepareRequest(
  baseUrl: string | URL,
  defaults: Record<string, string>,
  request: HttpRequest,
): PreparedRequest {
  const method = (request.method ?? 'GET').toUpperCase();
  const url = joinUrl(baseUrl, fillPathTemplate(request.path, request.params));
  appendQuery(url, request.query);
  const headers = new Headers(defaults);
  for (const [k, v] of Object.entries(request.headers ?? {})) headers.set(k, v);
  let body: string | undefined;
  if (request.json !== undefined) {
    body = JSON.stringify(request.json);
    if (!headers.has('content-type')) headers.set('content-type', 'application/json');
  } else if (request.body instanceof URLSearchParams) {
    body = request.body.toString();
    if (!headers.has('content-type')) headers.set('content-type', 'application/x-www-form-urlencoded');
  } else if (typeof request.body === 'string') {
    body = request.body;
  }
  return { method, pathTemplate: request.path, path: url.pathname, url, headers, body };
}
