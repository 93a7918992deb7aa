import {
  type CallOptionsV1,
  type ChannelConnectorV1,
  ChannelHttpError,
  type Listing,
  type ListingDraft,
  type ListingRef,
  type OrderStatus,
  parseSettings,
  type StockUpdate,
  type StockUpdateResult,
  type WebhookRequestV1,
} from '@omnisync/core';
import { createHttpClient, type HttpClient, type HttpClientOptions } from '@omnisync/core/http';
import { removeDisabledMethods } from '../capability-gate';
import { convertMockListing } from '../channel/convert-mock-listing';
import { convertMockOrder } from '../channel/convert-mock-order';
import { toRawOrderStatus } from '../channel/map-mock-order-status';
import { ALL_CHANNEL_CAPABILITIES } from '../channel/mock-channel-options';
import { parseMockWebhook } from '../channel/parse-mock-webhook';
import { ErrorBody, MethodList, StockBatchResponse } from './mock-http-api';
import { readListingPages, readOrderPages } from './mock-http-pages';
import { MockHttpSettings, type MockHttpSettingsInput } from './mock-http-settings';

/** Hooks of the HTTP connector that are not settings (functions, shared objects). */
export interface MockHttpRuntime {
  fetch?: typeof fetch;
  limiter?: HttpClientOptions['limiter'];
  retry?: HttpClientOptions['retry'];
  onRetry?: HttpClientOptions['onRetry'];
  logger?: HttpClientOptions['logger'];
  /** The clock webhook freshness is checked against (default the system clock). */
  clock?: () => Date;
}

/** `createMockHttpConnector` options: the settings plus runtime hooks. */
export type MockHttpConnectorOptions = MockHttpSettingsInput & MockHttpRuntime;

async function orNull<T>(call: Promise<T>): Promise<T | null> {
  try {
    return await call;
  } catch (error) {
    if (ChannelHttpError.isInstance(error) && error.status === 404) return null;
    throw error;
  }
}

/**
 * The `ChannelConnectorV1` that talks to a mock server (`startMockServer`, the
 * `omnisync-mock` script, or msw handlers) through the core HTTP kit: retries,
 * the account's rate budget learnt from the server's headers, redacted errors.
 */
export function createMockHttpConnector(options: MockHttpConnectorOptions): ChannelConnectorV1 {
  const { fetch, limiter, retry, onRetry, logger, clock, ...input } = options;
  const settings = parseSettings('mock HTTP connector', MockHttpSettings, input);
  const capabilities = { ...ALL_CHANNEL_CAPABILITIES, ...settings.capabilities };
  const client = createHttpClient({
    connector: 'mock',
    baseUrl: settings.baseUrl,
    timeoutMs: settings.timeoutMs,
    sign: (request) => request.headers.set('authorization', `Bearer ${settings.apiKey}`),
    parseErrorBody: (_status, body) => {
      const parsed = ErrorBody.safeParse(body);
      return parsed.success ? { vendorCode: parsed.data.error.code, message: parsed.data.error.message ?? null } : null;
    },
    ...(fetch ? { fetch } : {}),
    ...(limiter ? { limiter } : {}),
    ...(retry ? { retry } : {}),
    ...(onRetry ? { onRetry } : {}),
    ...(logger ? { logger } : {}),
  });
  const channelId = settings.channelId;
  const connector: ChannelConnectorV1 = {
    specificationVersion: 'v1',
    connector: 'mock',
    capabilities,
    limits: {
      stockBatchSize: settings.batchLimit,
      maxConcurrentPages: capabilities.concurrentPages ? settings.concurrency : 1,
    },
    listListings: (args) => readListingPages(client, settings, capabilities, args),
    listOrders: (args) => readOrderPages(client, settings, args),
    getListing: (ref, o) => getListing(client, channelId, ref, o),
    createListing: (draft, o) => createListing(client, channelId, draft, o),
    updateStock: (updates, o) => updateStock(client, updates, o),
    getOrder: async (id, o) => {
      const r = await orNull(
        client.request({ path: '/api/v1/orders/{id}', params: { id }, priority: 'orders', ...sig(o) }),
      );
      return r ? convertMockOrder(channelId, r.data) : null;
    },
    updateOrderStatus: async (id: string, status: OrderStatus, o?: CallOptionsV1) => {
      await client.request({
        method: 'POST',
        path: '/api/v1/orders/{id}/status',
        params: { id },
        json: { status: toRawOrderStatus(status) },
        idempotent: true,
        priority: o?.priority ?? 'orders',
        ...sig(o),
      });
    },
    parseWebhook: async (request: WebhookRequestV1) =>
      parseMockWebhook(channelId, settings.webhookSecret, request, (clock ?? (() => new Date()))().getTime()),
    listPaymentMethods: (o) => methods(client, '/api/v1/payment-methods', o),
    listDeliveryMethods: (o) => methods(client, '/api/v1/delivery-methods', o),
  };
  return removeDisabledMethods(connector, { ...capabilities }, 'channel');
}

/** The signal of call options, spread into a request. */
export function sig(o: CallOptionsV1 | undefined): { signal?: AbortSignal } {
  return o?.signal ? { signal: o.signal } : {};
}

async function getListing(
  client: HttpClient,
  channelId: string,
  ref: { sku: string } | ListingRef,
  o?: CallOptionsV1,
): Promise<Listing | null> {
  const priority = o?.priority ?? 'catalog';
  if ('sku' in ref) {
    const r = await client.request<{ items: unknown[] }>({
      path: '/api/v1/listings',
      query: { sku: ref.sku, status: 'all' },
      priority,
      ...sig(o),
    });
    const listings = r.data.items.map((item) => convertMockListing(channelId, item));
    return listings.find((l) => l.status === 'live') ?? listings[0] ?? null;
  }
  const r = await orNull(
    client.request({
      path: '/api/v1/listings/{id}',
      params: { id: ref.listingId },
      query: { variant_id: ref.variantId ?? undefined },
      priority,
      ...sig(o),
    }),
  );
  return r ? convertMockListing(channelId, r.data) : null;
}

async function createListing(client: HttpClient, channelId: string, draft: ListingDraft, o?: CallOptionsV1) {
  const r = await client.request({
    method: 'POST',
    path: '/api/v1/listings',
    json: {
      sku: draft.sku,
      name: draft.title,
      price: draft.price?.amount ?? null,
      currency: draft.price?.currency ?? null,
      stock: draft.quantity ?? 0,
      attributes: draft.attributes ?? {},
      parent_sku: draft.parentSku ?? null,
    },
    priority: o?.priority ?? 'catalog',
    ...sig(o),
  });
  return convertMockListing(channelId, r.data);
}

async function updateStock(
  client: HttpClient,
  updates: StockUpdate[],
  o?: CallOptionsV1,
): Promise<StockUpdateResult[]> {
  const r = await client.request({
    method: 'POST',
    path: '/api/v1/stock/batch',
    json: {
      updates: updates.map((u) => ({
        item_id: u.listingId,
        variant_id: u.variantId ?? null,
        stock: u.quantity,
        expected_stock: u.expectedQuantity ?? null,
        active: u.active ?? null,
      })),
    },
    schema: StockBatchResponse,
    // Setting absolute quantities is safe to repeat; a repeated compare-and-set would report a false conflict.
    idempotent: !updates.some((u) => u.expectedQuantity != null),
    priority: o?.priority ?? 'stock',
    ...sig(o),
  });
  return r.data.results.map((x) => ({
    listingId: x.item_id,
    variantId: x.variant_id ?? null,
    ok: x.ok,
    quantity: x.stock ?? null,
    conflict: x.conflict ? { actualQuantity: x.conflict.actual_stock } : null,
    error: x.error ? { code: x.error.code, message: x.error.message, retryable: false } : null,
  }));
}

async function methods(client: HttpClient, path: string, o?: CallOptionsV1) {
  const r = await client.request({ path, schema: MethodList, priority: o?.priority ?? 'orders', ...sig(o) });
  return r.data.items.map((m) => ({ id: m.id, title: m.title, enabled: m.enabled }));
}
