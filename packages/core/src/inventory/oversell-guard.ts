import type { ChannelOrder } from '../model/index';
import type { EngineContext, StockAffectedEvent } from '../omnisync/engine-context';
import type { SyncStoreOperations } from '../store/sync-store';
import { recordImportedSales } from './channel-sales';
import { computeQuantity, stockBasis } from './compute-quantity';
import { readStock } from './inventory-view';
import type { QuantityRules } from './quantity-rules';
import { enqueueStock, STOCK_PRIORITY, type StockOutboxPayload } from './stock-queue';

/** Store namespace: per item, the order that took its last units (for the `oversold` notice). */
const LAST_UNITS = 'inventory-last-units';

interface OrderRef {
  channelId: string | null;
  externalId: string;
  number: string;
  at: string;
}

type Ops = Pick<SyncStoreOperations, 'enqueue' | 'getValue' | 'putValue' | 'deleteValue'>;

/** What the guard found for the items an event touched. */
interface StockCheck {
  /** Items some channel now shows 0 of: pushed first. */
  lastUnits: Set<string>;
  /** Available (on hand - reserved, POS default warehouses) per item. */
  available: Map<string, number>;
}

/** An imported order whose last-units check waits for its transaction to commit. */
interface PendingCheck {
  itemIds: string[];
  channelId: string | null;
  order: ChannelOrder;
}

/** Orders recorded in a transaction that has not been announced yet; a bound keeps rolled-back ones from piling up. */
const MAX_PENDING_CHECKS = 10_000;

/**
 * Register the inventory listeners. On `hooks.stockAffected`, orders
 * imported, cancelled or reversed put their items in the stock outbox, inside
 * the caller's transaction when it passes `tx` (store writes only: no POS
 * call while the transaction holds the store). Once the order's commit is
 * announced (`hooks.orderStatusChanged`, run after the commit), an imported
 * order's stock is read: items some channel now shows 0 of are queued again
 * at priority 0, ahead of routine work, so every other channel's listing is
 * pushed first; an order for stock already gone raises an `oversold` notice
 * naming both orders.
 */
export function registerStockHook(ctx: EngineContext, rules: ReadonlyMap<string, QuantityRules>): void {
  const pending = new Map<string, PendingCheck>();
  ctx.hooks.stockAffected.push(async (event) => {
    const check = await onStockAffected(ctx, event);
    if (!check) return;
    if (!event.tx) return checkImportedOrder(ctx, rules, check);
    pending.delete(checkKey(check.channelId, check.order.externalId));
    pending.set(checkKey(check.channelId, check.order.externalId), check);
    if (pending.size > MAX_PENDING_CHECKS) pending.delete(pending.keys().next().value as string);
  });
  ctx.hooks.orderStatusChanged.push(async (event) => {
    const key = checkKey(event.channelId, event.order.externalId);
    const check = pending.get(key);
    if (!check) return;
    pending.delete(key);
    await checkImportedOrder(ctx, rules, check);
  });
}

const checkKey = (channelId: string | null, externalId: string) => `${channelId ?? ''}\u0000${externalId}`;

/**
 * Queue the items of a stock-affecting event, through `event.tx` when given
 * (store writes only). Returns the last-units check an imported order still needs.
 */
async function onStockAffected(ctx: EngineContext, event: StockAffectedEvent): Promise<PendingCheck | null> {
  const ops: Ops = event.tx ?? ctx.store;
  const payload = stockPayload(event);
  if (event.reason !== 'order-imported') {
    const priority = event.reason === 'pos-change' ? STOCK_PRIORITY.routine : STOCK_PRIORITY.restock;
    for (const itemId of event.itemIds) await ops.deleteValue(ctx.tenantId, LAST_UNITS, itemId);
    await enqueueStock(ops, ctx.tenantId, event.itemIds, payload, priority);
    return null;
  }
  if (event.order && event.channelId) {
    await recordImportedSales(ops, ctx.tenantId, event.channelId, event.order, ctx.now());
  }
  await enqueueStock(ops, ctx.tenantId, event.itemIds, payload, STOCK_PRIORITY.order);
  if (!event.order) return null;
  return { itemIds: [...event.itemIds], channelId: event.channelId ?? event.order.channelId, order: event.order };
}

function stockPayload(event: Pick<StockAffectedEvent, 'reason' | 'channelId' | 'order'>): StockOutboxPayload {
  return { reason: event.reason, channelId: event.channelId ?? null, orderId: event.order?.externalId ?? null };
}

/**
 * After an imported order committed: read its items' stock, queue those some
 * channel now shows 0 of at priority 0 (the store keeps the more urgent of two
 * priorities), and remember or flag the order that took the last units. Its
 * failures are logged: the order is recorded and its items are queued already.
 */
async function checkImportedOrder(
  ctx: EngineContext,
  rules: ReadonlyMap<string, QuantityRules>,
  check: PendingCheck,
): Promise<void> {
  try {
    const stock = await checkStock(ctx, rules, check.itemIds);
    const payload = stockPayload({ reason: 'order-imported', channelId: check.channelId, order: check.order });
    await enqueueStock(ctx.store, ctx.tenantId, stock.lastUnits, payload, STOCK_PRIORITY.lastUnits);
    for (const itemId of check.itemIds) {
      const available = stock.available.get(itemId);
      if (available !== undefined) await recordOrderTaking(ctx, itemId, available, check);
    }
  } catch (error) {
    ctx.logger.warn(
      { channelId: check.channelId, orderId: check.order.externalId, error: String(error) },
      'last-units check of an imported order failed',
    );
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
async function recordOrderTaking(ctx: EngineContext, itemId: string, available: number, check: PendingCheck) {
  const { order } = check;
  if (available > 0) {
    // Stock is back above zero: whoever took the last units before is history.
    await ctx.store.deleteValue(ctx.tenantId, LAST_UNITS, itemId);
    return;
  }
  const ref: OrderRef = {
    channelId: check.channelId,
    externalId: order.externalId,
    number: order.number,
    at: ctx.now().toISOString(),
  };
  if (available === 0) {
    await ctx.store.putValue(ctx.tenantId, LAST_UNITS, itemId, ref);
    return;
  }
  const previous = await ctx.store.getValue<OrderRef>(ctx.tenantId, LAST_UNITS, itemId);
  const before = previous
    ? `order ${previous.number} on ${previous.channelId} had taken the last units`
    : 'the stock was already gone';
  await ctx.notice({
    kind: 'oversold',
    channelId: ref.channelId,
    message: `Order ${order.number} on ${ref.channelId} sold item ${itemId} after ${before}: ${-available} unit(s) oversold.`,
    subject: { type: 'order', id: order.externalId },
    details: { itemId, available, order: ref, previousOrder: previous },
  });
}
