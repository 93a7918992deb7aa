import type { PosConnectorV1 } from '../connector/v1/pos-connector-v1';
import type { ChannelOrder } from '../model/channel-order';

/** An item the order needs more of than the checked warehouses hold. */
export interface ShortItem {
  itemId: string;
  needed: number;
  available: number;
}

/**
 * For the stock-request rule: compare what the order needs per POS item with
 * what the chosen warehouses hold (on hand minus reserved), before the sale
 * reserves anything. Warehouses default to the POS's own defaults.
 */
export async function findShortItems(
  pos: PosConnectorV1,
  order: ChannelOrder,
  itemIds: Record<string, string>,
  warehouses: readonly string[],
  signal?: AbortSignal,
): Promise<ShortItem[]> {
  const needed = new Map<string, number>();
  for (const line of order.lines) {
    const itemId = itemIds[line.lineId];
    if (itemId) needed.set(itemId, (needed.get(itemId) ?? 0) + line.quantity);
  }
  if (needed.size === 0) return [];
  const warehouseIds = warehouses.length > 0 ? warehouses : (pos.defaultWarehouses ?? null);
  const levels = await pos.getStock({ itemIds: [...needed.keys()], warehouseIds, signal, priority: 'orders' });
  const available = new Map<string, number>();
  for (const level of levels) {
    available.set(level.itemId, (available.get(level.itemId) ?? 0) + level.onHand - level.reserved);
  }
  const short: ShortItem[] = [];
  for (const [itemId, qty] of needed) {
    const have = available.get(itemId) ?? 0;
    if (have < qty) short.push({ itemId, needed: qty, available: have });
  }
  return short;
}
