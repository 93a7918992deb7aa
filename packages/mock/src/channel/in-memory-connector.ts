import type {
  CallOptionsV1,
  ChannelCapabilitiesV1,
  ChannelConnectorV1,
  ChannelOrder,
  Listing,
  ListingDraft,
  ListingRef,
  OrderStatus,
  PageV1,
  StockUpdate,
  WebhookRequestV1,
} from '@omnisync/core';
import { ListingDraft as ListingDraftSchema, parsePayload, rawItemId, splitPageItems } from '@omnisync/core';
import { removeDisabledMethods } from '../capability-gate';
import { refusedError } from '../faults/fault-errors';
import { throwIfAborted } from '../faults/sleep';
import { convertMockListing } from './convert-mock-listing';
import { convertMockOrder } from './convert-mock-order';
import type { MockMarketplace } from './marketplace';
import { listingOffsetPage } from './paging';
import { parseMockWebhook } from './parse-mock-webhook';
import { applyScanFaults } from './scan-faults';

/** The id of a raw mock listing or order, for a rejected item. */
export const listingIdOf = (raw: unknown) => rawItemId(raw, 'item_id');
export const orderIdOf = (raw: unknown) => rawItemId(raw, 'order_id');

/** How the in-memory connector reads and writes. */
export interface InMemoryConnectorSettings {
  capabilities: ChannelCapabilitiesV1;
  pageSize: number;
  batchLimit: number;
}

/**
 * The `ChannelConnectorV1` over a mock marketplace, in memory. Every call goes
 * through the fault injector and the call log, as an HTTP call would.
 */
export function createInMemoryConnector(
  market: MockMarketplace,
  settings: InMemoryConnectorSettings,
): ChannelConnectorV1 {
  const { capabilities, pageSize, batchLimit } = settings;

  /** Run one call through the faults and the call log; `describe` adds the batch or page size to the log. */
  async function call<T>(
    method: string,
    options: CallOptionsV1 | undefined,
    run: () => T,
    describe: (out: T | null) => { size?: number; page?: number } = () => ({}),
  ): Promise<T> {
    throwIfAborted(options?.signal, `mock ${method}`);
    try {
      await market.faults.beforeCall(method, options?.signal);
      const out = run();
      market.logCall({ method, ok: true, ...describe(out) });
      return out;
    } catch (error) {
      const code = (error as { code?: string }).code;
      market.logCall({ method, ok: false, ...describe(null), ...(code ? { errorCode: code } : {}) });
      throw error;
    }
  }

  async function* listListings(
    args: Parameters<ChannelConnectorV1['listListings']>[0],
  ): AsyncIterable<PageV1<Listing>> {
    const updatedSince = capabilities.updatedSinceListings ? (args.updatedSince ?? null) : null;
    for (let page = 1, offset = 0; ; page++, offset += pageSize) {
      if (page > 1) applyScanFaults(market, args.status, offset);
      const { rows, total } = await call(
        'listListings',
        args,
        () => listingOffsetPage(market, { status: args.status, updatedSince }, offset, pageSize),
        (out) => ({ page, ...(out ? { size: out.rows.length } : {}) }),
      );
      const raws = market.serve(
        'listings',
        rows.map((r) => r.raw),
      );
      const split = splitPageItems(raws, (raw) => convertMockListing(market.options.channelId, raw), listingIdOf);
      yield { ...split, total, page };
      if (offset + pageSize >= total) return;
    }
  }

  async function* listOrders(
    args: Parameters<ChannelConnectorV1['listOrders']>[0],
  ): AsyncIterable<PageV1<ChannelOrder>> {
    for (let page = 1, offset = 0; ; page++, offset += pageSize) {
      const rows = await call(
        'listOrders',
        args,
        () => market.orderBook.query(args),
        (out) => ({ page, ...(out ? { size: Math.max(0, Math.min(pageSize, out.length - offset)) } : {}) }),
      );
      const raws = market.serve(
        'orders',
        rows.slice(offset, offset + pageSize).map((r) => r.raw),
      );
      const split = splitPageItems(raws, (raw) => convertMockOrder(market.options.channelId, raw), orderIdOf);
      yield { ...split, total: rows.length, page };
      if (offset + pageSize >= rows.length) return;
    }
  }

  const connector: ChannelConnectorV1 = {
    specificationVersion: 'v1',
    connector: 'mock',
    capabilities,
    limits: { stockBatchSize: batchLimit, maxConcurrentPages: capabilities.concurrentPages ? 4 : 1 },
    listListings,
    listOrders,
    getListing: (ref: { sku: string } | ListingRef, options?: CallOptionsV1) =>
      call('getListing', options, () => {
        const row = market.listingBook.find(ref);
        return row && row.raw.status !== 'DELETED' ? market.toListing(row) : null;
      }),
    createListing: (draft: ListingDraft, options?: CallOptionsV1) =>
      call('createListing', options, () =>
        market.createFromDraft(parsePayload('mock', 'listing draft', ListingDraftSchema, draft)),
      ),
    updateStock: (updates: StockUpdate[], options?: CallOptionsV1) =>
      call(
        'updateStock',
        options,
        () => {
          if (updates.length > batchLimit) {
            throw refusedError('updateStock', 400, `a batch of ${updates.length} exceeds the limit of ${batchLimit}`);
          }
          return market.applyStockUpdates(updates, {
            compareAndSet: capabilities.compareAndSetStock,
            deactivate: capabilities.deactivateListing,
          });
        },
        () => ({ size: updates.length }),
      ),
    getOrder: (externalId: string, options?: CallOptionsV1) =>
      call('getOrder', options, () => {
        const row = market.orderBook.get(externalId);
        return row ? market.toOrder(row) : null;
      }),
    updateOrderStatus: (externalId: string, status: OrderStatus, options?: CallOptionsV1) =>
      call('updateOrderStatus', options, () => {
        market.writeOrderStatus(externalId, status);
      }),
    parseWebhook: async (request: WebhookRequestV1) =>
      parseMockWebhook(
        market.options.channelId,
        market.options.webhookSecret,
        request,
        market.options.clock().getTime(),
      ),
    listPaymentMethods: (options?: CallOptionsV1) =>
      call('listPaymentMethods', options, () => market.paymentMethods.map((m) => ({ ...m }))),
    listDeliveryMethods: (options?: CallOptionsV1) =>
      call('listDeliveryMethods', options, () => market.deliveryMethods.map((m) => ({ ...m }))),
  };
  return removeDisabledMethods(connector, { ...capabilities }, 'channel');
}
