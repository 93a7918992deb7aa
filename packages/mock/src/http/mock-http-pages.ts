import type {
  ChannelCapabilitiesV1,
  ChannelOrder,
  Listing,
  ListListingsArgsV1,
  ListOrdersArgsV1,
  PageV1,
} from '@omnisync/core';
import { splitPageItems } from '@omnisync/core';
import { type HttpClient, paginateCursor, paginatePages } from '@omnisync/core/http';
import { convertMockListing } from '../channel/convert-mock-listing';
import { convertMockOrder } from '../channel/convert-mock-order';
import { listingIdOf, orderIdOf } from '../channel/in-memory-connector';
import { CursorPage, OffsetPage } from './mock-http-api';
import type { MockHttpSettings } from './mock-http-settings';

/** Listing pages over offset or cursor pagination, converted to canonical listings. */
export async function* readListingPages(
  client: HttpClient,
  settings: MockHttpSettings,
  capabilities: ChannelCapabilitiesV1,
  args: ListListingsArgsV1,
): AsyncIterable<PageV1<Listing>> {
  const limit = settings.pageSize;
  const query = {
    status: args.status,
    updated_since: capabilities.updatedSinceListings ? (args.updatedSince ?? undefined) : undefined,
    limit,
  };
  const priority = args.priority ?? 'catalog';
  const convert = (items: unknown[]) =>
    splitPageItems(items, (item) => convertMockListing(settings.channelId, item), listingIdOf);
  if (settings.pagination === 'cursor') {
    const pages = paginateCursor({
      ...(args.signal ? { signal: args.signal } : {}),
      fetchPage: async (cursor, signal) => {
        const r = await client.request({
          path: '/api/v1/listings/scroll',
          query: { ...query, cursor: cursor ?? undefined },
          schema: CursorPage,
          priority,
          ...(signal ? { signal } : {}),
        });
        return { items: r.data.items, nextCursor: r.data.next_cursor ?? null, total: r.data.total ?? null };
      },
    });
    for await (const page of pages) yield { ...convert(page.items), total: page.total ?? null, page: page.cursor };
    return;
  }
  const pages = paginatePages({
    concurrency: capabilities.concurrentPages ? settings.concurrency : 1,
    ...(args.signal ? { signal: args.signal } : {}),
    fetchPage: async (page, signal) => {
      const r = await client.request({
        path: '/api/v1/listings',
        query: { ...query, offset: (page - 1) * limit },
        schema: OffsetPage,
        priority,
        ...(signal ? { signal } : {}),
      });
      return { items: r.data.items, total: r.data.total, totalPages: Math.max(1, Math.ceil(r.data.total / limit)) };
    },
  });
  for await (const page of pages) yield { ...convert(page.items), total: page.total, page: page.page };
}

/** Order pages, oldest update first, converted to canonical orders. */
export async function* readOrderPages(
  client: HttpClient,
  settings: MockHttpSettings,
  args: ListOrdersArgsV1,
): AsyncIterable<PageV1<ChannelOrder>> {
  const limit = settings.pageSize;
  const pages = paginatePages({
    ...(args.signal ? { signal: args.signal } : {}),
    fetchPage: async (page, signal) => {
      const r = await client.request({
        path: '/api/v1/orders',
        query: {
          updated_since: args.updatedSince ?? undefined,
          created_since: args.createdSince ?? undefined,
          updated_before: args.updatedBefore ?? undefined,
          offset: (page - 1) * limit,
          limit,
        },
        schema: OffsetPage,
        priority: args.priority ?? 'orders',
        ...(signal ? { signal } : {}),
      });
      return { items: r.data.items, total: r.data.total, totalPages: Math.max(1, Math.ceil(r.data.total / limit)) };
    },
  });
  for await (const page of pages) {
    yield {
      ...splitPageItems(page.items, (item) => convertMockOrder(settings.channelId, item), orderIdOf),
      total: page.total,
      page: page.page,
    };
  }
}
