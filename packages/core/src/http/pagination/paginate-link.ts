import { isSensitiveName } from '../../secrets/redact';
import { throwIfAborted } from '../abortable-sleep';
import type { QueryValue } from '../http-client-types';

/**
 * Parse an RFC 8288 (RFC 5988) `Link` header into URLs by relation:
 * `<https://x/items?page=2>; rel="next"` gives `{ next: 'https://x/items?page=2' }`.
 */
export function parseLinkHeader(header: string | null | undefined): Record<string, string> {
  const links: Record<string, string> = {};
  if (!header) return links;
  for (const part of header.split(/,(?=\s*<)/)) {
    const match = /<([^>]*)>(.*)/.exec(part.trim());
    if (!match) continue;
    const rel = /;\s*rel\s*=\s*"?([^";]+)"?/i.exec(match[2]!);
    if (!rel) continue;
    for (const name of rel[1]!.trim().split(/\s+/)) links[name.toLowerCase()] = match[1]!;
  }
  return links;
}

/**
 * The query of a `Link` URL as a query object, without credentials the API
 * echoed back (e.g. WooCommerce's `consumer_key`): the client signs each call itself.
 */
export function linkQuery(link: string): Record<string, QueryValue> {
  const query: Record<string, string[]> = {};
  for (const [key, value] of new URL(link).searchParams) {
    if (isSensitiveName(key)) continue;
    query[key] = [...(query[key] ?? []), value];
  }
  return Object.fromEntries(Object.entries(query).map(([k, v]) => [k, v.length === 1 ? v[0] : v]));
}

/** One page of a `Link`-paged listing: its items and the response's `Link` header. */
export interface LinkPage<T> {
  items: T[];
  link: string | null;
  total?: number | null;
}

/** Options of `paginateLink`. */
export interface PaginateLinkOptions<T> {
  /** Fetch a page with this query (`null` for the first page, which uses your own query). */
  fetchPage: (query: Record<string, QueryValue> | null, signal: AbortSignal | undefined) => Promise<LinkPage<T>>;
  signal?: AbortSignal;
}

/** Walk a listing that pages with `Link: <…>; rel="next"` until no next link. */
export async function* paginateLink<T>(options: PaginateLinkOptions<T>): AsyncGenerator<LinkPage<T>> {
  let query: Record<string, QueryValue> | null = null;
  const seen = new Set<string>();
  for (;;) {
    throwIfAborted(options.signal);
    const page = await options.fetchPage(query, options.signal);
    yield page;
    const next = parseLinkHeader(page.link).next;
    if (!next || seen.has(next)) return;
    seen.add(next);
    query = linkQuery(next);
  }
}
