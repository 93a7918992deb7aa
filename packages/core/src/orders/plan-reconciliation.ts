import type { ChannelOrder } from '../model/channel-order';
import type { OrderStatus } from '../model/order-status';
import type { LedgerEntry } from '../store/records';
import { type OrderImportRules, statusIn } from './import-rules';
import { isNewer, ledgerData } from './order-ledger';
import { planTransitions } from './plan-transitions';

/** What reconciliation found wrong with one order, and what a repair will do. */
export interface ReconcileStep {
  externalId: string;
  /** `import`: missing from the POS; `update-status`: the POS holds an older status. */
  kind: 'import' | 'update-status';
  /** Why, in words a person reads. */
  reason: string;
  channelStatus: OrderStatus;
  /** The status the ledger last applied (null when the order is missing). */
  ledgerStatus: OrderStatus | null;
  /** The ledger state, when the order is known (`waiting`, `pending`...). */
  ledgerState: string | null;
  channelUpdatedAt: string;
}

/**
 * Compare the channel's orders in a window with the ledger: an importable
 * order with no ledger entry, or one left waiting, pending or failed, is
 * missing; an imported order whose channel version is newer is stale. Orders
 * the rules do not import, and orders already up to date, need nothing.
 */
export function planReconciliation(
  orders: readonly ChannelOrder[],
  ledger: ReadonlyMap<string, LedgerEntry>,
  rules: Pick<OrderImportRules, 'statuses' | 'documents'>,
): ReconcileStep[] {
  const steps: ReconcileStep[] = [];
  for (const order of newestVersions(orders)) {
    const step = planOne(order, ledger.get(order.externalId) ?? null, rules);
    if (step) steps.push(step);
  }
  return steps;
}

function planOne(
  order: ChannelOrder,
  entry: LedgerEntry | null,
  rules: Pick<OrderImportRules, 'statuses' | 'documents'>,
): ReconcileStep | null {
  const importable = statusIn(rules.statuses.import, order);
  const base = { externalId: order.externalId, channelStatus: order.status, channelUpdatedAt: order.updatedAt };
  if (!entry) {
    if (!importable) return null;
    return {
      ...base,
      kind: 'import',
      reason: `Not in the ledger (channel status ${order.rawStatus}).`,
      ledgerStatus: null,
      ledgerState: null,
    };
  }
  const data = ledgerData(entry);
  const known = { ledgerStatus: data.status, ledgerState: entry.state };
  switch (entry.state) {
    case 'skipped':
      if (!importable || !isNewer(order, entry)) return null;
      return { ...base, ...known, kind: 'import', reason: `Now in an imported status (${order.rawStatus}).` };
    case 'waiting': {
      const why = (data.problems ?? []).map((p) => p.message).join(' ') || 'a rule could not be applied.';
      return { ...base, ...known, kind: 'import', reason: `Waiting: ${why}` };
    }
    case 'pending':
      return { ...base, ...known, kind: 'import', reason: 'The sale creation was interrupted.' };
    case 'failed':
      return { ...base, ...known, kind: 'import', reason: `Failed: ${data.error?.message ?? 'unknown error'}` };
    case 'applying':
      return { ...base, ...known, kind: 'update-status', reason: 'A status change was interrupted.' };
    case 'rejected':
      return {
        ...base,
        ...known,
        kind: entry.saleId ? 'update-status' : 'import',
        reason: `Was malformed on the channel: ${data.error?.message ?? 'unknown error'}`,
      };
    default: {
      if (!isNewer(order, entry)) return null;
      const transitions = planTransitions(order, data, rules, false);
      if (order.status === data.status && transitions.length === 0) return null;
      return {
        ...base,
        ...known,
        kind: 'update-status',
        reason: `Stale status: the channel says ${order.rawStatus} (${order.status}), the ledger has ${data.status ?? 'none'}.`,
      };
    }
  }
}

/** One order per external id: the newest version (a window may list an order twice across pages). */
export function newestVersions(orders: readonly ChannelOrder[]): ChannelOrder[] {
  const byId = new Map<string, ChannelOrder>();
  for (const order of orders) {
    const seen = byId.get(order.externalId);
    if (!seen || Date.parse(order.updatedAt) > Date.parse(seen.updatedAt)) byId.set(order.externalId, order);
  }
  return [...byId.values()];
}
