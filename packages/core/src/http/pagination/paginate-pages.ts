import pLimit from 'p-limit';
import { throwIfAborted } from '../abortable-sleep';

/** One page of a page-numbered listing. */
export interface NumberedPage<T> {
  items: T[];
  /** Pages in all, when the channel says (e.g. WooCommerce `X-WP-TotalPages`). */
  totalPages?: number | null;
  /** Items in all, when the channel says (e.g. `X-WP-Total`). */
  total?: number | null;
}

/** Options of `paginatePages`. */
export interface PaginatePagesOptions<T> {
  /** Fetch one page (1-based unless `firstPage` says otherwise). */
  fetchPage: (page: number, signal: AbortSignal | undefined) => Promise<NumberedPage<T>>;
  /** Pages fetched at once once the total is known (default 1: one after another). */
  concurrency?: number;
  firstPage?: number;
  signal?: AbortSignal;
}

/** A page as yielded: its items, its number and the totals. */
export interface YieldedPage<T> {
  items: T[];
  page: number;
  total: number | null;
  totalPages: number | null;
}

/**
 * Walk a page-numbered listing. The first page tells the total; the rest are
 * then fetched up to `concurrency` at a time and yielded in order. Without a
 * total it goes page by page until an empty page. Stops when `signal` aborts.
 */
export async function* paginatePages<T>(options: PaginatePagesOptions<T>): AsyncGenerator<YieldedPage<T>> {
  const { signal } = options;
  const first = options.firstPage ?? 1;
  throwIfAborted(signal);
  const head = await options.fetchPage(first, signal);
  const total = head.total ?? null;
  const totalPages = head.totalPages ?? null;
  yield { items: head.items, page: first, total, totalPages };
  if (totalPages == null) {
    yield* sequentialPages(options, first + 1, head.items.length, total);
    return;
  }
  const limit = pLimit(Math.max(1, options.concurrency ?? 1));
  const window = Math.max(1, options.concurrency ?? 1) * 2;
  const pending = new Map<number, Promise<NumberedPage<T>>>();
  const last = first + totalPages - 1;
  let scheduled = first + 1;
  for (let page = first + 1; page <= last; page++) {
    while (scheduled <= last && scheduled < page + window) {
      const n = scheduled++;
      const promise = limit(() => {
        throwIfAborted(signal);
        return options.fetchPage(n, signal);
      });
      promise.catch(() => {});
      pending.set(n, promise);
    }
    const result = await pending.get(page)!;
    pending.delete(page);
    throwIfAborted(signal);
    yield { items: result.items, page, total, totalPages };
  }
}

async function* sequentialPages<T>(
  options: PaginatePagesOptions<T>,
  from: number,
  firstSize: number,
  total: number | null,
): AsyncGenerator<YieldedPage<T>> {
  if (firstSize === 0) return;
  for (let page = from; ; page++) {
    throwIfAborted(options.signal);
    const result = await options.fetchPage(page, options.signal);
    if (result.items.length === 0) return;
    yield { items: result.items, page, total: result.total ?? total, totalPages: null };
  }
}
