import type { ChannelOrder } from '../model/channel-order';
import type { OrderStatus } from '../model/order-status';
import type { LedgerEntry } from '../store/records';
import type { Transition } from './plan-transitions';
import type { RuleProblem } from './resolve-sale';

/**
 * The states of an order in the ledger.
 *
 * - `skipped`: seen, in a status the rules do not import (imported once it moves into one).
 * - `waiting`: a rule could not be applied (unknown SKU, unmapped method...): waits until fixed.
 * - `pending`: the sale is being created (or a crash interrupted it: resumed with the same key).
 * - `applying`: status transitions are being applied to the sale (resumed if interrupted).
 * - `imported`: the sale exists and every transition seen so far is applied.
 * - `failed`: the POS refused the sale for good; retried by `retryWaitingOrders`.
 * - `rejected`: the channel sent the order malformed (`PageV1.rejected`); re-read with
 *   `getOrder` by `retryWaitingOrders`, or by the next read that covers it, once fixed.
 *   Keeps its sale id when the order had been imported before.
 */
export type OrderLedgerState = 'skipped' | 'waiting' | 'pending' | 'applying' | 'imported' | 'failed' | 'rejected';

/** States that `retryWaitingOrders` and a download pick up again. */
export const RETRY_STATES: readonly OrderLedgerState[] = ['waiting', 'pending', 'applying', 'failed', 'rejected'];

/** What the orders feature keeps in `LedgerEntry.data` (JSON only). */
export interface OrderLedgerData {
  /** The canonical status last applied. */
  status: OrderStatus | null;
  rawStatus: string | null;
  /** Transitions done, each at most once. */
  applied: Partial<Record<Transition | 'sale', true>>;
  /** Transitions claimed but not confirmed yet (replayed after a crash). */
  inFlight: Transition[];
  /** True once the goods left (a fulfilled channel status, or the POS completed the sale). */
  fulfilled: boolean;
  /** The POS item ids of the sale's lines (for stock hooks on cancel or reverse). */
  itemIds: string[];
  /** The sale's currency and POS payment method, as the rules resolved them (for payments on later changes). */
  currency?: string | null;
  paymentMethod?: string | null;
  /** Why the order waits (state `waiting`). */
  problems?: RuleProblem[];
  /** The last error (state `pending`, `applying`, `failed` or `rejected`). */
  error?: { code: string; message: string; retryable: boolean } | null;
  /** Who works on it now, until when (ms since epoch): a crashed worker's claim expires. */
  claim?: { owner: string; until: number } | null;
  /** The order as last seen, kept while it is not imported (to retry without the channel). */
  order?: ChannelOrder | null;
  /** The last status written back to the channel. */
  writeBack?: { status: OrderStatus; at: string } | null;
}

/** Read the typed data of a ledger entry. */
export function ledgerData(entry: LedgerEntry): OrderLedgerData {
  const d = entry.data as Partial<OrderLedgerData>;
  return {
    status: d.status ?? null,
    rawStatus: d.rawStatus ?? null,
    applied: d.applied ?? {},
    inFlight: d.inFlight ?? [],
    fulfilled: d.fulfilled ?? false,
    itemIds: d.itemIds ?? [],
    currency: d.currency ?? null,
    paymentMethod: d.paymentMethod ?? null,
    problems: d.problems,
    error: d.error ?? null,
    claim: d.claim ?? null,
    order: d.order ?? null,
    writeBack: d.writeBack ?? null,
  };
}

/** An empty record for an order seen for the first time. */
export function freshLedgerData(): OrderLedgerData {
  return { status: null, rawStatus: null, applied: {}, inFlight: [], fulfilled: false, itemIds: [] };
}

/** True when another live worker is working on the entry. */
export function claimedByOther(data: OrderLedgerData, owner: string, nowMs: number): boolean {
  return !!data.claim && data.claim.owner !== owner && data.claim.until > nowMs;
}

const LIFECYCLE: Record<OrderStatus, number> = {
  unpaid: 0,
  on_hold: 0,
  paid: 1,
  accepted: 2,
  shipped: 3,
  completed: 4,
  cancelled: 5,
  returned: 5,
};

/**
 * True when `order` is a newer version than the one the ledger applied: a
 * later channel `updatedAt`, or the same time (channels with one-second
 * timestamps) and a status further along the lifecycle. Anything else is a
 * duplicate or an out-of-order delivery, and is ignored.
 */
export function isNewer(order: Pick<ChannelOrder, 'updatedAt' | 'status'>, entry: LedgerEntry): boolean {
  if (!entry.channelUpdatedAt) return true;
  const incoming = Date.parse(order.updatedAt);
  const applied = Date.parse(entry.channelUpdatedAt);
  if (incoming !== applied) return incoming > applied;
  const status = (entry.data as Partial<OrderLedgerData>).status;
  return status == null ? false : LIFECYCLE[order.status] > LIFECYCLE[status];
}

/** The store namespace mapping a POS sale id to its order (for `saleStatusChanged({ saleId })`). */
export const SALE_INDEX_NAMESPACE = 'orders:sale-index';

/** The later of two ISO times (null counts as oldest). */
export function laterOf(a: string | null, b: string): string {
  return a && Date.parse(a) > Date.parse(b) ? a : b;
}
