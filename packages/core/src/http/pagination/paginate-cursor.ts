import { throwIfAborted } from '../abortable-sleep';

/** One page of a cursor-paged listing. */
export interface CursorPage<T> {
  items: T[];
  /** The cursor of the next page, or `null`/`undefined` at the end. */
  nextCursor?: string | null;
  total?: number | null;
}

/** Options of `paginateCursor`. */
export interface PaginateCursorOptions<T> {
  /** Fetch the page after `cursor` (`null` for the first). */
  fetchPage: (cursor: string | null, signal: AbortSignal | undefined) => Promise<CursorPage<T>>;
  /** Resume from a saved cursor. */
  startCursor?: string | null;
  signal?: AbortSignal;
}

/**
 * Walk a cursor-paged listing (Shopify `pageInfo.endCursor`, Shopee
 * `next_cursor`, Amazon `paginationToken`) until no next cursor. A cursor
 * that repeats ends the walk, so a buggy API cannot loop forever.
 */
export async function* paginateCursor<T>(
  options: PaginateCursorOptions<T>,
): AsyncGenerator<CursorPage<T> & { cursor: string | null }> {
  let cursor = options.startCursor ?? null;
  const seen = new Set<string>();
  for (;;) {
    throwIfAborted(options.signal);
    const page = await options.fetchPage(cursor, options.signal);
    yield { ...page, cursor };
    const next = page.nextCursor ?? null;
    if (next === null || next === '' || seen.has(next)) return;
    seen.add(next);
    cursor = next;
  }
}
