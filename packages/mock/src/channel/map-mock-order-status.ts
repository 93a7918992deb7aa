import type { OrderStatus } from '@omnisync/core';
import type { RawOrderStatus } from './mock-api';

const TO_CANONICAL: Record<RawOrderStatus, OrderStatus> = {
  UNPAID: 'unpaid',
  PENDING_REVIEW: 'on_hold',
  READY_TO_SHIP: 'paid',
  PROCESSED: 'accepted',
  SHIPPED: 'shipped',
  COMPLETED: 'completed',
  CANCELLED: 'cancelled',
  RETURNED: 'returned',
};

const TO_RAW: Record<OrderStatus, RawOrderStatus> = {
  unpaid: 'UNPAID',
  on_hold: 'PENDING_REVIEW',
  paid: 'READY_TO_SHIP',
  accepted: 'PROCESSED',
  shipped: 'SHIPPED',
  completed: 'COMPLETED',
  cancelled: 'CANCELLED',
  returned: 'RETURNED',
};

/** Map a mock marketplace order status to the canonical one; `null` for a status it does not know. */
export function mapMockOrderStatus(raw: string): OrderStatus | null {
  return (TO_CANONICAL as Record<string, OrderStatus | undefined>)[raw] ?? null;
}

/** The mock marketplace's own spelling of a canonical status. */
export function toRawOrderStatus(status: OrderStatus): RawOrderStatus {
  return TO_RAW[status];
}

const STAGE: Record<OrderStatus, number> = {
  unpaid: 0,
  on_hold: 0,
  paid: 1,
  accepted: 2,
  shipped: 3,
  completed: 4,
  cancelled: 9,
  returned: 9,
};

/**
 * Whether the mock marketplace allows an order to move from one status to
 * another: forward through the lifecycle, cancel before shipping, return
 * after shipping; never out of a final status.
 */
export function canMoveOrder(from: OrderStatus, to: OrderStatus): boolean {
  if (from === to) return true;
  if (from === 'cancelled' || from === 'returned') return false;
  if (to === 'cancelled') return STAGE[from] <= STAGE.accepted;
  if (to === 'returned') return from === 'shipped' || from === 'completed';
  if (to === 'on_hold') return from === 'unpaid';
  return STAGE[to] > STAGE[from];
}
