import {
  type CallOptionsV1,
  type ChannelMethodV1,
  type ChannelOrder,
  type ListOrdersArgsV1,
  type OrderStatus,
  type PageV1,
  parsePayload,
  type RejectedItemV1,
  rawItemId,
  splitPageItems,
} from '@omnisync/core';
import { paginatePages } from '@omnisync/core/http';
import { z } from 'zod';
import { convertWooCommerceOrder, type WooOrderContext } from './convert-woocommerce-order';
import { toWooCommerceOrderStatus } from './map-woocommerce-order-status';
import { WooOrder, WooPaymentGateway, WooShippingMethod } from './woocommerce-api';
import { totalsOf, toWooGmt, type WooCommerceApi } from './woocommerce-client';
import { isNotFound } from './woocommerce-error';
import type { WooCommerceSettings } from './woocommerce-settings';

/** The page envelope only: each order is parsed on its own, so one malformed order is rejected alone. */
const OrderRows = z.array(z.unknown());

/** One raw order of a page, parsed: the order, or why it was rejected. */
type ParsedRow = { order: ChannelOrder } | { rejected: RejectedItemV1 };

/** Orders, status write-back and the method lists of one store. */
export interface WooOrders {
  listOrders(args: ListOrdersArgsV1): AsyncIterable<PageV1<ChannelOrder>>;
  getOrder(externalId: string, options?: CallOptionsV1): Promise<ChannelOrder | null>;
  updateOrderStatus(externalId: string, status: OrderStatus, options?: CallOptionsV1): Promise<void>;
  listPaymentMethods(options?: CallOptionsV1): Promise<ChannelMethodV1[]>;
  listDeliveryMethods(options?: CallOptionsV1): Promise<ChannelMethodV1[]>;
  convert(order: WooOrder): ChannelOrder;
}

/** Build the order side of the connector over the store's API. */
export function createWooOrders(api: WooCommerceApi, settings: WooCommerceSettings): WooOrders {
  const ctx: WooOrderContext = {
    channelId: settings.channelId,
    statusMap: settings.statusMap,
    vatNumberMetaKeys: settings.vatNumberMetaKeys,
  };
  const convert = (order: WooOrder) => convertWooCommerceOrder(order, ctx);
  // A malformed order, or one in a status `statusMap` does not know, becomes a rejected item naming the field.
  const parseRows = (rows: unknown[]): ParsedRow[] => {
    const { items, rejected } = splitPageItems(
      rows,
      (raw) => convert(parsePayload('woocommerce', 'order', WooOrder, raw)),
      (raw) => rawItemId(raw, 'id'),
    );
    return [...items.map((order) => ({ order })), ...rejected.map((r) => ({ rejected: r }))];
  };
  return {
    convert,
    // https://woocommerce.github.io/woocommerce-rest-api-docs/#list-all-orders
    async *listOrders(args) {
      const options = { signal: args.signal, priority: args.priority ?? 'orders' };
      const query = orderQuery(args, settings);
      const read = (concurrency: number) =>
        paginatePages<ParsedRow>({
          concurrency,
          signal: args.signal,
          fetchPage: async (page, signal) => {
            const response = await api.call({
              path: '/orders',
              query: { ...query, page },
              schema: OrderRows,
              ...options,
              signal,
            });
            return { items: parseRows(response.data), ...totalsOf(response.headers) };
          },
        });
      const seen = new Set<string>();
      let unreadable = 0; // rejected orders whose id could not be read: still read, not missed
      const fresh = (rows: ParsedRow[]) => {
        const page: Pick<PageV1<ChannelOrder>, 'items' | 'rejected'> = { items: [], rejected: [] };
        for (const row of rows) {
          const id = 'order' in row ? row.order.externalId : row.rejected.id;
          if (id !== null && seen.has(id)) continue;
          if (id !== null) seen.add(id);
          else unreadable++;
          if ('order' in row) page.items.push(row.order);
          else page.rejected?.push(row.rejected);
        }
        return page;
      };
      let first: number | null = null;
      let last: number | null = null;
      for await (const page of read(settings.concurrentPages)) {
        if (page.page === 1) first = page.total;
        last = page.total;
        yield { ...fresh(page.items), page: page.page, total: page.total };
      }
      // An order trashed while we paged shifts the later ones back a page: read once more for what was missed.
      if (first === null || (first === last && seen.size + unreadable >= (last ?? 0))) return;
      for await (const page of read(1)) yield { ...fresh(page.items), page: `recheck-${page.page}`, total: page.total };
    },
    // https://woocommerce.github.io/woocommerce-rest-api-docs/#retrieve-an-order
    async getOrder(externalId, options = {}) {
      try {
        const response = await api.call({
          path: '/orders/{id}',
          params: { id: externalId },
          schema: WooOrder,
          signal: options.signal,
          priority: options.priority ?? 'orders',
        });
        return convert(response.data);
      } catch (error) {
        if (isNotFound(error)) return null;
        throw error;
      }
    },
    // https://woocommerce.github.io/woocommerce-rest-api-docs/#update-an-order
    async updateOrderStatus(externalId, status, options = {}) {
      await api.call({
        method: 'PUT',
        path: '/orders/{id}',
        params: { id: externalId },
        json: { status: toWooCommerceOrderStatus(status, settings.writeBackStatuses) },
        signal: options.signal,
        priority: options.priority ?? 'orders',
        // Setting the same status twice changes nothing more.
        idempotent: true,
      });
    },
    // https://woocommerce.github.io/woocommerce-rest-api-docs/#list-all-payment-gateways (not paginated)
    async listPaymentMethods(options = {}) {
      const response = await api.call({
        path: '/payment_gateways',
        schema: z.array(WooPaymentGateway),
        signal: options.signal,
        priority: options.priority ?? 'catalog',
      });
      return response.data.map((g) => ({
        id: g.id,
        title: g.title || g.method_title || g.id,
        enabled: g.enabled ?? false,
      }));
    },
    // https://woocommerce.github.io/woocommerce-rest-api-docs/#list-all-shipping-methods (no enabled flag: methods are enabled per zone)
    async listDeliveryMethods(options = {}) {
      const response = await api.call({
        path: '/shipping_methods',
        schema: z.array(WooShippingMethod),
        signal: options.signal,
        priority: options.priority ?? 'catalog',
      });
      return response.data.map((m) => ({ id: m.id, title: m.title || m.id, enabled: true }));
    },
  };
}

/**
 * The filters of an order download, all on GMT dates (`dates_are_gmt`):
 * `modified_after`/`modified_before` for the update window, and `after` for
 * creation: the caller's `createdSince`, else the store's start date.
 * WooCommerce's bounds are strict and to the second, so lower bounds move one
 * second earlier to include orders changed exactly at the cursor. Ordered by
 * id so that pages stay stable while new orders arrive.
 */
function orderQuery(
  args: ListOrdersArgsV1,
  settings: WooCommerceSettings,
): Record<string, string | number | boolean | undefined> {
  const createdSince = args.createdSince ?? settings.startDate ?? null;
  return {
    per_page: settings.pageSize,
    orderby: 'id',
    order: 'asc',
    modified_after: args.updatedSince ? toWooGmt(args.updatedSince, -1) : undefined,
    modified_before: args.updatedBefore ? toWooGmt(args.updatedBefore) : undefined,
    after: createdSince ? toWooGmt(createdSince, -1) : undefined,
    dates_are_gmt: args.updatedSince || args.updatedBefore || createdSince ? true : undefined,
  };
}
