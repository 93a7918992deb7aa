import { ChannelPayloadError, type OrderStatus } from '@omnisync/core';

/**
 * The documented WooCommerce order statuses and their canonical meaning.
 * `trash` is an order an admin moved to the bin: nothing will ship, so it
 * counts as cancelled.
 * https://woocommerce.github.io/woocommerce-rest-api-docs/#order-properties
 */
export const WOOCOMMERCE_ORDER_STATUSES: Readonly<Record<string, OrderStatus>> = {
  pending: 'unpaid',
  'on-hold': 'on_hold',
  processing: 'paid',
  completed: 'completed',
  cancelled: 'cancelled',
  failed: 'cancelled',
  refunded: 'returned',
  trash: 'cancelled',
};

/**
 * The WooCommerce status written back for each canonical status. WooCommerce
 * core has no "accepted" or "shipped": accepted stays `processing` and
 * shipped becomes `completed` (override with `settings.writeBackStatuses`,
 * e.g. to a plugin's `shipped` status).
 */
export const WOOCOMMERCE_WRITE_BACK_STATUSES: Readonly<Record<OrderStatus, string>> = {
  unpaid: 'pending',
  on_hold: 'on-hold',
  paid: 'processing',
  accepted: 'processing',
  shipped: 'completed',
  completed: 'completed',
  cancelled: 'cancelled',
  returned: 'refunded',
};

/**
 * Map a WooCommerce order status to the canonical one. `extra` holds the
 * store's own statuses (from plugins) by their slug, with or without `wc-`.
 *
 * An unknown status is never guessed: guessing could create a payment or
 * cancel a sale. It throws `ChannelPayloadError` naming the `status` field
 * and how to fix it (add the slug to `settings.statusMap`).
 */
export function mapWooCommerceOrderStatus(
  status: string,
  extra: Readonly<Record<string, OrderStatus>> = {},
  orderId?: string,
): OrderStatus {
  const slug = status.startsWith('wc-') ? status.slice(3) : status;
  const mapped = extra[slug] ?? extra[status] ?? WOOCOMMERCE_ORDER_STATUSES[slug];
  if (mapped) return mapped;
  throw new ChannelPayloadError(
    'woocommerce',
    'order',
    [
      {
        path: 'status',
        message: `unknown order status "${slug}"; map it in settings.statusMap (known: ${Object.keys(WOOCOMMERCE_ORDER_STATUSES).join(', ')})`,
      },
    ],
    { details: { orderId: orderId ?? null, status: slug } },
  );
}

/** The WooCommerce status to write for a canonical status, honouring `settings.writeBackStatuses`. */
export function toWooCommerceOrderStatus(
  status: OrderStatus,
  overrides: Readonly<Partial<Record<OrderStatus, string>>> = {},
): string {
  return overrides[status] ?? WOOCOMMERCE_WRITE_BACK_STATUSES[status];
}
