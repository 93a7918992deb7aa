/** A request to the mock REST API, whatever server or interceptor received it. */
export interface MockHttpRequest {
  method: string;
  url: URL;
  headers: Headers;
  body: string;
}

/** What the mock REST API answers. `drop` means: send nothing and cut the connection (a timeout). */
export interface MockHttpResponse {
  status: number;
  headers: Record<string, string>;
  body: string | null;
  drop?: boolean;
  /** Items or results served, for the call log. */
  size?: number;
}

/** A JSON response. */
export function json(status: number, data: unknown, headers: Record<string, string> = {}): MockHttpResponse {
  return { status, headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(data) };
}

/** The mock API's error body: `{ "error": { "code", "message" } }`. */
export function apiError(status: number, code: string, message: string, headers: Record<string, string> = {}) {
  return json(status, { error: { code, message } }, headers);
}

/** A request the API refuses with a 4xx, thrown inside a route and turned into its error body. */
export class RestRefusal extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** Parse an integer query parameter within bounds, or refuse with 400 naming it. */
export function intParam(url: URL, name: string, fallback: number, min: number, max: number): number {
  const raw = url.searchParams.get(name);
  if (raw === null || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new RestRefusal(400, 'BAD_REQUEST', `${name} must be an integer from ${min} to ${max}`);
  }
  return n;
}

/** Parse an ISO time query parameter, or refuse with 400 naming it. */
export function timeParam(url: URL, name: string): string | null {
  const raw = url.searchParams.get(name);
  if (raw === null || raw === '') return null;
  if (Number.isNaN(Date.parse(raw))) throw new RestRefusal(400, 'BAD_REQUEST', `${name} must be an ISO 8601 time`);
  return raw;
}
