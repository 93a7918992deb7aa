import type { CallOptionsV1, OrderStatus } from '@omnisync/core';
import { z } from 'zod';
import { WOOCOMMERCE_ORDER_STATUSES } from './map-woocommerce-order-status';
import type { WooCommerceApi } from './woocommerce-client';
import type { WooCommerceSettings } from './woocommerce-settings';
import type { WooCommerceNotice } from './woocommerce-webhook-health';

const OrderTotals = z.array(
  z.looseObject({ slug: z.string(), name: z.string().nullish(), total: z.number().nullish() }),
);

/** One order status the store has, with its canonical meaning (null when nothing maps it). */
export interface WooCommerceOrderStatusInfo {
  slug: string;
  name: string;
  /** Orders currently in it. */
  total: number;
  mappedTo: OrderStatus | null;
}

/** What `checkOrderStatuses` found. */
export interface WooCommerceOrderStatusCheck {
  statuses: WooCommerceOrderStatusInfo[];
  /** Statuses (from plugins) that neither the defaults nor `settings.statusMap` map: their orders are rejected (not imported) until mapped. */
  unmapped: WooCommerceOrderStatusInfo[];
  /** One `unmapped-order-status` notice per unmapped status. */
  notices: WooCommerceNotice[];
}

/**
 * Read the store's order statuses, plugins' included, from the order totals
 * report (`GET /reports/orders/totals`): the list a setup form offers for
 * "order statuses to synchronise", and a check that every one of them maps to
 * a canonical status before an order in it stops a download.
 */
export async function checkWooOrderStatuses(
  api: WooCommerceApi,
  settings: WooCommerceSettings,
  options: CallOptionsV1 = {},
): Promise<WooCommerceOrderStatusCheck> {
  // https://woocommerce.github.io/woocommerce-rest-api-docs/#retrieve-orders-totals
  const response = await api.call({
    path: '/reports/orders/totals',
    schema: OrderTotals,
    signal: options.signal,
    priority: options.priority ?? 'orders',
  });
  const statuses = response.data.map((row) => {
    const slug = row.slug.replace(/^wc-/, '');
    return {
      slug,
      name: row.name || slug,
      total: row.total ?? 0,
      mappedTo: settings.statusMap[slug] ?? WOOCOMMERCE_ORDER_STATUSES[slug] ?? null,
    };
  });
  const unmapped = statuses.filter((s) => s.mappedTo === null);
  const notices = unmapped.map(
    (s): WooCommerceNotice => ({
      kind: 'unmapped-order-status',
      channelId: settings.channelId,
      message:
        `The store has an order status "${s.name}" (${s.slug}, ${s.total} order(s)) that maps to no canonical status: ` +
        `add it to settings.statusMap, or its orders are rejected (not imported) until it is mapped.`,
      subject: { type: 'order-status', id: s.slug },
      details: { slug: s.slug, total: s.total },
    }),
  );
  return { statuses, unmapped, notices };
}
