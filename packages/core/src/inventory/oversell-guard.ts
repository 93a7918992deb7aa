import type { Notice } from '../events';
import type { EngineContext, StockAffectedEvent } from '../omnisync/engine-context';
import { redactValue } from '../secrets/redact';
import type { SyncStoreOperations } from '../store/sync-store';
import { recordImportedSales } from './channel-sales';
import { computeQuantity, stockBasis } from './compute-quantity';
import { readStock } from './inventory-view';
import type { QuantityRules } from './quantity-rules';
import { enqueueStock, STOCK_PRIORITY } from './stock-queue';

/** Store namespace: per item, the order that took its last units (for the `oversold` notice). */
const LAST_UNITS = 'inventory-last-units';

interface OrderRef {
  channelId: string | null;
  externalId: string;
  number: string;
  at: string;
}

type Ops = Pick<SyncStoreOperations, 'enqueue' | 'getValue' | 'putValue' | 'deleteValue' | 'appendAction'>;

/** What the guard found for the items an event touched. */
interface StockCheck {
  /** Items some channel now shows 0 of: pushed first. */
  lastUnits: Set<string>;
  /** Available (on hand - reserved, POS default warehouses) per item. */
  available: Map<string, number>;
}

/**
 * Register the inventory listener on `hooks.stockAffected`: orders imported,
 * cancelled or reversed put their items in the stock outbox (inside the
 * caller's transaction when it passes `tx`). An order that takes the last
 * units queues its items at priority 0, ahead of routine work, so every other
 * channel's listing is pushed first; an order for stock already gone raises
 * an `oversold` notice naming both orders.
 */
export function registerStockHook(ctx: EngineContext, rules: ReadonlyMap<string, QuantityRules>): void {
  ctx.hooks.stockAffected.push((event) => onStockAffected(ctx, rules, event));
}

async function onStockAffected(
  ctx: EngineContext,
  rules: ReadonlyMap<string, QuantityRules>,
  event: StockAffectedEvent,
): Promise<void> {
  const ops: Ops = event.tx ?? ctx.store;
  const payload = {
    reason: event.reason,
    channelId: event.channelId ?? null,
    orderId: event.order?.externalId ?? null,
  };
  if (event.reason !== 'order-imported') {
    const priority = event.reason === 'pos-change' ? STOCK_PRIORITY.routine : STOCK_PRIORITY.restock;
    for (const itemId of event.itemIds) await ops.deleteValue(ctx.tenantId, LAST_UNITS, itemId);
    await enqueueStock(ops, ctx.tenantId, event.itemIds, payload, priority);
    return;
  }
  if (event.order && event.channelId) {
    await recordImportedSales(ops, ctx.tenantId, event.channelId, event.order, ctx.now());
  }
  const check = await checkStock(ctx, rules, event.itemIds);
  for (const itemId of event.itemIds) {
    const available = check.available.get(itemId);
    if (available !== undefined) await recordOrderTaking(ctx, ops, itemId, available, event);
    const priority = check.lastUnits.has(itemId) ? STOCK_PRIORITY.lastUnits : STOCK_PRIORITY.order;
    await enqueueStock(ops, ctx.tenantId, [itemId], payload, priority);
  }
}

/**
 * Read the items' stock now and tell which ones some channel shows 0 of.
 * When the POS cannot answer, every item counts as urgent: pushing early is safe.
 */
export async function checkStock(
  ctx: EngineContext,
  rules: ReadonlyMap<string, QuantityRules>,
  itemIds: readonly string[],
): Promise<StockCheck> {
  const warehouses = ctx.pos.defaultWarehouses ?? null;
  try {
    const stock = await readStock(ctx, itemIds, null);
    const available = new Map(itemIds.map((id) => [id, stockBasis(id, stock.get(id), warehouses, true).available]));
    const lastUnits = new Set(
      itemIds.filter((id) =>
        [...rules.values()].some(
          (r) => computeQuantity({ id, components: [] }, stock, r, r.warehouses ?? warehouses).quantity === 0,
        ),
      ),
    );
    return { lastUnits, available };
  } catch (error) {
    ctx.logger.warn({ error: String(error) }, 'stock read failed; queuing the items as urgent');
    return { lastUnits: new Set(itemIds), available: new Map() };
  }
}

/** Remember the order that took an item's last units; raise `oversold` for an order that came after them. */
async function recordOrderTaking(
  ctx: EngineContext,
  ops: Ops,
  itemId: string,
  available: number,
  event: StockAffectedEvent,
): Promise<void> {
  const order = event.order;
  if (!order) return;
  if (available > 0) {
    // Stock is back above zero: whoever took the last units before is history.
    await ops.deleteValue(ctx.tenantId, LAST_UNITS, itemId);
    return;
  }
  const ref: OrderRef = {
    channelId: event.channelId ?? order.channelId,
    externalId: order.externalId,
    number: order.number,
    at: ctx.now().toISOString(),
  };
  if (available === 0) {
    await ops.putValue(ctx.tenantId, LAST_UNITS, itemId, ref);
    return;
  }
  const previous = await ops.getValue<OrderRef>(ctx.tenantId, LAST_UNITS, itemId);
  const before = previous
    ? `order ${previous.number} on ${previous.channelId} had taken the last units`
    : 'the stock was already gone';
  await noticeWithin(ctx, ops, event.tx !== undefined, {
    kind: 'oversold',
    channelId: ref.channelId,
    message: `Order ${order.number} on ${ref.channelId} sold item ${itemId} after ${before}: ${-available} unit(s) oversold.`,
    subject: { type: 'order', id: order.externalId },
    details: { itemId, available, order: ref, previousOrder: previous },
  });
}

/**
 * Emit a notice from inside the caller's transaction: the action-log entry is
 * written through `tx`, so it lands (or not) with the order that caused it.
 */
async function noticeWithin(ctx: EngineContext, ops: Ops, inTransaction: boolean, notice: Omit<Notice, 'at'>) {
  if (!inTransaction) return ctx.notice(notice);
  const full: Notice = redactValue({ ...notice, at: ctx.now().toISOString() });
  await ops.appendAction({
    tenantId: ctx.tenantId,
    channelId: full.channelId,
    subjectType: full.subject?.type ?? 'notice',
    subjectId: full.subject?.id ?? full.kind,
    action: `notice:${full.kind}`,
    outcome: 'notice',
    message: full.message,
    details: full.details ?? {},
    at: full.at,
  });
  ctx.events.emit('notice', full);
}
