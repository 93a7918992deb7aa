import type { OrderStatus } from '@omnisync/core';
import { z } from 'zod';
import { indexAfter, type ListingRow } from '../channel/listing-book';
import { mapMockOrderStatus } from '../channel/map-mock-order-status';
import type { MockMarketplace } from '../channel/marketplace';
import { RAW_ORDER_STATUSES } from '../channel/mock-api';
import { listingCursorPage, listingOffsetPage } from '../channel/paging';
import { applyScanFaults } from '../channel/scan-faults';
import { intParam, json, type MockHttpResponse, RestRefusal, timeParam } from './rest-types';

/** Context of one routed request. */
export interface RouteContext {
  market: MockMarketplace;
  url: URL;
  params: Record<string, string>;
  body: string;
  maxPageSize: number;
}

/** A route of the mock REST API; `name` is the connector method it serves (faults and the call log use it). */
export interface Route {
  method: string;
  name: string;
  pattern: RegExp;
  handle(ctx: RouteContext): MockHttpResponse;
}

function parseBody<S extends z.ZodType>(schema: S, body: string): z.output<S> {
  let data: unknown;
  try {
    data = JSON.parse(body || 'null');
  } catch {
    throw new RestRefusal(400, 'BAD_REQUEST', 'the body is not JSON');
  }
  const result = schema.safeParse(data);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new RestRefusal(400, 'BAD_REQUEST', `${issue?.path.join('.') || 'body'}: ${issue?.message ?? 'invalid'}`);
  }
  return result.data;
}

function statusParam(url: URL): 'active' | 'all' {
  const s = url.searchParams.get('status') ?? 'all';
  if (s !== 'active' && s !== 'all') throw new RestRefusal(400, 'BAD_REQUEST', 'status must be "active" or "all"');
  return s;
}

const raw = (market: MockMarketplace, rows: readonly ListingRow[]) =>
  market.serve(
    'listings',
    rows.map((r) => r.raw),
  );

const StockBatch = z.object({
  updates: z.array(
    z.object({
      item_id: z.string().min(1),
      variant_id: z.string().nullish(),
      stock: z.number().int().nonnegative(),
      expected_stock: z.number().int().nullish(),
      active: z.boolean().nullish(),
    }),
  ),
});

const NewListing = z.object({
  sku: z.string().min(1),
  name: z.string().min(1),
  price: z
    .string()
    .regex(/^\d+(\.\d+)?$/)
    .nullish(),
  currency: z.string().nullish(),
  stock: z.number().int().nonnegative().default(0),
  attributes: z.record(z.string(), z.string()).default({}),
  parent_sku: z.string().nullish(),
});

const StatusWrite = z.object({ status: z.enum(RAW_ORDER_STATUSES) });

function listListings({ market, url, maxPageSize }: RouteContext): MockHttpResponse {
  const status = statusParam(url);
  const offset = intParam(url, 'offset', 0, 0, Number.MAX_SAFE_INTEGER);
  const limit = intParam(url, 'limit', 100, 1, maxPageSize);
  const sku = url.searchParams.get('sku');
  if (sku !== null) {
    const rows = market.listingBook.withSku(sku).filter((r) => status === 'all' || r.raw.status === 'NORMAL');
    return json(200, { items: raw(market, rows), total: rows.length, offset: 0, limit });
  }
  if (offset > 0) applyScanFaults(market, status, offset);
  const page = listingOffsetPage(market, { status, updatedSince: timeParam(url, 'updated_since') }, offset, limit);
  const body = { items: raw(market, page.rows), total: page.total, offset, limit };
  return { ...json(200, body, { 'x-total-count': String(page.total) }), size: page.rows.length };
}

function scrollListings({ market, url, maxPageSize }: RouteContext): MockHttpResponse {
  const cursor = url.searchParams.get('cursor');
  if (cursor && !/^-?\d+$/.test(cursor)) throw new RestRefusal(400, 'BAD_REQUEST', 'cursor is not one this API gave');
  const query = { status: statusParam(url), updatedSince: timeParam(url, 'updated_since') };
  const limit = intParam(url, 'limit', 100, 1, maxPageSize);
  if (cursor)
    applyScanFaults(market, query.status, indexAfter(market.listingBook.visible(query.status), Number(cursor)));
  const page = listingCursorPage(market, query, cursor ? Number(cursor) : null, limit);
  const next = page.next === null ? null : String(page.next);
  return {
    ...json(200, { items: raw(market, page.rows), total: page.total, next_cursor: next }),
    size: page.rows.length,
  };
}

function getListing({ market, url, params }: RouteContext): MockHttpResponse {
  const row = market.listingBook.find({
    listingId: params.id as string,
    variantId: url.searchParams.get('variant_id'),
  });
  if (!row || row.raw.status === 'DELETED') throw new RestRefusal(404, 'NOT_FOUND', 'no such listing');
  return json(200, row.raw);
}

function createListing({ market, body }: RouteContext): MockHttpResponse {
  const input = parseBody(NewListing, body);
  const price = input.price ? { amount: input.price, currency: input.currency ?? market.options.currency } : null;
  const listing = market.createFromDraft({
    sku: input.sku,
    title: input.name,
    quantity: input.stock,
    attributes: input.attributes,
    price,
    parentSku: input.parent_sku ?? null,
  });
  const row = market.listingBook.find({ listingId: listing.listingId, variantId: listing.variantId ?? null });
  return json(201, row?.raw);
}

function updateStock({ market, body }: RouteContext): MockHttpResponse {
  const { updates } = parseBody(StockBatch, body);
  const limit = market.options.batchLimit;
  if (updates.length > limit) {
    throw new RestRefusal(400, 'BATCH_TOO_LARGE', `a batch of ${updates.length} exceeds the limit of ${limit}`);
  }
  const results = market.applyStockUpdates(
    updates.map((u) => ({
      listingId: u.item_id,
      variantId: u.variant_id ?? null,
      quantity: u.stock,
      expectedQuantity: u.expected_stock ?? null,
      active: u.active ?? null,
    })),
    { compareAndSet: true, deactivate: true },
  );
  const response = json(200, {
    results: results.map((r) => ({
      item_id: r.listingId,
      variant_id: r.variantId ?? null,
      ok: r.ok,
      stock: r.quantity ?? null,
      conflict: r.conflict ? { actual_stock: r.conflict.actualQuantity } : null,
      error: r.error ? { code: r.error.code, message: r.error.message } : null,
    })),
  });
  return { ...response, size: updates.length };
}

function listOrders({ market, url, maxPageSize }: RouteContext): MockHttpResponse {
  const offset = intParam(url, 'offset', 0, 0, Number.MAX_SAFE_INTEGER);
  const limit = intParam(url, 'limit', 100, 1, maxPageSize);
  const rows = market.orderBook.query({
    updatedSince: timeParam(url, 'updated_since'),
    createdSince: timeParam(url, 'created_since'),
    updatedBefore: timeParam(url, 'updated_before'),
  });
  const items = market.serve(
    'orders',
    rows.slice(offset, offset + limit).map((r) => r.raw),
  );
  const body = { items, total: rows.length, offset, limit };
  return { ...json(200, body, { 'x-total-count': String(rows.length) }), size: items.length };
}

function getOrder({ market, params }: RouteContext): MockHttpResponse {
  const row = market.orderBook.get(params.id as string);
  if (!row) throw new RestRefusal(404, 'NOT_FOUND', 'no such order');
  return json(200, row.raw);
}

function writeStatus({ market, params, body }: RouteContext): MockHttpResponse {
  const { status } = parseBody(StatusWrite, body);
  const id = params.id as string;
  if (!market.orderBook.get(id)) throw new RestRefusal(404, 'NOT_FOUND', 'no such order');
  const to = mapMockOrderStatus(status) as OrderStatus;
  try {
    market.writeOrderStatus(id, to);
  } catch {
    throw new RestRefusal(409, 'INVALID_TRANSITION', `the order cannot move to ${status}`);
  }
  return json(200, market.orderBook.get(id)?.raw);
}

const P = (path: string) => new RegExp(`^${path.replace(/\{(\w+)\}/g, '(?<$1>[^/]+)')}$`);

/** Every route of the mock REST API (`/api/v1`). */
export const ROUTES: Route[] = [
  { method: 'GET', name: 'scrollListings', pattern: P('/api/v1/listings/scroll'), handle: scrollListings },
  { method: 'GET', name: 'listListings', pattern: P('/api/v1/listings'), handle: listListings },
  { method: 'POST', name: 'createListing', pattern: P('/api/v1/listings'), handle: createListing },
  { method: 'GET', name: 'getListing', pattern: P('/api/v1/listings/{id}'), handle: getListing },
  { method: 'POST', name: 'updateStock', pattern: P('/api/v1/stock/batch'), handle: updateStock },
  { method: 'GET', name: 'listOrders', pattern: P('/api/v1/orders'), handle: listOrders },
  { method: 'GET', name: 'getOrder', pattern: P('/api/v1/orders/{id}'), handle: getOrder },
  { method: 'POST', name: 'updateOrderStatus', pattern: P('/api/v1/orders/{id}/status'), handle: writeStatus },
  {
    method: 'GET',
    name: 'listPaymentMethods',
    pattern: P('/api/v1/payment-methods'),
    handle: ({ market }) => json(200, { items: market.paymentMethods }),
  },
  {
    method: 'GET',
    name: 'listDeliveryMethods',
    pattern: P('/api/v1/delivery-methods'),
    handle: ({ market }) => json(200, { items: market.deliveryMethods }),
  },
];

/** Find the route of a request; `null` when none matches. */
export function matchRoute(method: string, path: string): { route: Route; params: Record<string, string> } | null {
  for (const route of ROUTES) {
    if (route.method !== method) continue;
    const m = route.pattern.exec(path);
    if (m) {
      const params = Object.fromEntries(Object.entries(m.groups ?? {}).map(([k, v]) => [k, decodeURIComponent(v)]));
      return { route, params };
    }
  }
  return null;
}
