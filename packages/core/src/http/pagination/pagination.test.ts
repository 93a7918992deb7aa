import { describe, expect, it } from 'vitest';
import { OperationAbortedError } from '../../errors/errors';
import { paginateCursor } from './paginate-cursor';
import { linkQuery, paginateLink, parseLinkHeader } from './paginate-link';
import { paginatePages } from './paginate-pages';

async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of iterable) out.push(item);
  return out;
}

describe('paginatePages', () => {
  it('fetches the rest concurrently once the total is known, yielding in order', async () => {
    let inFlight = 0;
    let peak = 0;
    const pages = await collect(
      paginatePages({
        concurrency: 3,
        fetchPage: async (page) => {
          inFlight++;
          peak = Math.max(peak, inFlight);
          await new Promise((r) => setTimeout(r, (7 - page) * 3));
          inFlight--;
          return { items: [page * 10], totalPages: 6, total: 6 };
        },
      }),
    );
    expect(pages.map((p) => p.page)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(pages.map((p) => p.items[0])).toEqual([10, 20, 30, 40, 50, 60]);
    expect(peak).toBe(3);
  });

  it('without a total, goes page by page until an empty page', async () => {
    const seen: number[] = [];
    const pages = await collect(
      paginatePages({
        fetchPage: async (page) => {
          seen.push(page);
          return { items: page <= 2 ? [page] : [] };
        },
      }),
    );
    expect(pages.map((p) => p.items)).toEqual([[1], [2]]);
    expect(seen).toEqual([1, 2, 3]);
  });

  it('stops when the signal aborts', async () => {
    const controller = new AbortController();
    const fetched: number[] = [];
    const walk = collect(
      paginatePages({
        signal: controller.signal,
        fetchPage: async (page) => {
          fetched.push(page);
          if (page === 2) controller.abort();
          return { items: [page], totalPages: 50 };
        },
      }),
    );
    expect(OperationAbortedError.isInstance(await walk.catch((e) => e))).toBe(true);
    expect(fetched.length).toBeLessThan(5);
  });
});

describe('paginateCursor', () => {
  it('follows next cursors until there is none, and stops on a repeated cursor', async () => {
    const cursors: Array<string | null> = [];
    const chain: Record<string, string | null> = { start: 'a', a: 'b', b: null };
    await collect(
      paginateCursor({
        fetchPage: async (cursor) => {
          cursors.push(cursor);
          return { items: [], nextCursor: chain[cursor ?? 'start'] };
        },
      }),
    );
    expect(cursors).toEqual([null, 'a', 'b']);
    const looping = await collect(paginateCursor({ fetchPage: async () => ({ items: [1], nextCursor: 'same' }) }));
    expect(looping).toHaveLength(2);
  });
});

describe('Link pagination', () => {
  const header =
    '<https://shop.example/wp-json/wc/v3/products?page=3&per_page=2&consumer_key=ck_x>; rel="next", ' +
    '<https://shop.example/wp-json/wc/v3/products?page=1&per_page=2>; rel="prev first"';

  it('parses relations, several per link', () => {
    const links = parseLinkHeader(header);
    expect(Object.keys(links).sort()).toEqual(['first', 'next', 'prev']);
    expect(links.next).toContain('page=3');
  });

  it('turns the next link into a query without echoed credentials', () => {
    expect(linkQuery(parseLinkHeader(header).next!)).toEqual({ page: '3', per_page: '2' });
  });

  it('walks until no next link', async () => {
    const queries: unknown[] = [];
    await collect(
      paginateLink({
        fetchPage: async (query) => {
          queries.push(query);
          const page = Number(query?.page ?? 1);
          const link = page < 3 ? `<https://x.example/items?page=${page + 1}>; rel="next"` : null;
          return { items: [page], link };
        },
      }),
    );
    expect(queries).toEqual([null, { page: '2' }, { page: '3' }]);
  });
});
