import { createRandom } from './random';

/** One POS stock change: `delta` units of `itemId` (a sale is negative, a restock positive). */
export interface StockChange {
  itemId: string;
  delta: number;
}

/** Generate `changes` stock changes over the given item ids, bunched so that some items change many times. */
export function generateStockBursts(spec: {
  seed: number;
  changes: number;
  itemIds: readonly string[];
}): StockChange[] {
  const r = createRandom(spec.seed);
  const hot = spec.itemIds.slice(0, Math.max(1, Math.floor(spec.itemIds.length / 10)));
  return Array.from({ length: spec.changes }, () => ({
    itemId: r.chance(0.5) ? r.pick(hot) : r.pick(spec.itemIds),
    delta: r.chance(0.8) ? -r.int(1, 3) : r.int(1, 10),
  }));
}
