import { z } from 'zod';

/**
 * The canonical order status every connector maps its own statuses to.
 *
 * - `unpaid`: placed, payment not received yet (Woo `pending`, Shopee `UNPAID`).
 * - `on_hold`: waiting for a manual step before it can proceed (Woo `on-hold`, payment review).
 * - `paid`: paid and waiting to be fulfilled (Woo `processing`, Shopee `READY_TO_SHIP`).
 * - `accepted`: the seller (a restaurant, a shop) confirmed it and is preparing it; used by ordering platforms.
 * - `shipped`: handed to the carrier or out for delivery.
 * - `completed`: delivered or picked up; nothing more happens (Woo `completed`).
 * - `cancelled`: cancelled or failed before fulfilment (Woo `cancelled`, `failed`).
 * - `returned`: returned or refunded after fulfilment (Woo `refunded`).
 */
export const OrderStatus = z.enum([
  'unpaid',
  'on_hold',
  'paid',
  'accepted',
  'shipped',
  'completed',
  'cancelled',
  'returned',
]);
export type OrderStatus = z.infer<typeof OrderStatus>;

/** Statuses after which the channel will not change the order any more. */
export const FINAL_ORDER_STATUSES: ReadonlySet<OrderStatus> = new Set(['completed', 'cancelled', 'returned']);

/** Statuses in which the goods have left (or are leaving) the seller. */
export const FULFILLED_ORDER_STATUSES: ReadonlySet<OrderStatus> = new Set(['shipped', 'completed', 'returned']);
