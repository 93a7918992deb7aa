import type { PosItem } from '../model/pos-item';
import type { StockLevel } from '../model/stock';
import type { QuantityRules } from './quantity-rules';

/** The stock of one item in the warehouses that count. */
export interface StockBasis {
  itemId: string;
  warehouses: { warehouseId: string; onHand: number; reserved: number }[];
  onHand: number;
  /** Reserved units subtracted (0 when the rules do not subtract reservations). */
  reserved: number;
  /** `onHand - reserved`; negative when the item is oversold. */
  available: number;
}

/** One component of a bundle and how many bundles it allows. */
export interface ComponentBasis extends StockBasis {
  perBundle: number;
  /** `floor(max(0, available) / perBundle)`. */
  allows: number;
}

/** Why a channel gets the quantity it gets: every term of the rule, and a sentence. */
export interface QuantityBreakdown {
  itemId: string;
  /** Stock of the item itself; for a bundle, null (see `components`). */
  stock: StockBasis | null;
  /** For a bundle or kit: each component and the bundles it allows. */
  components: ComponentBasis[] | null;
  /** Before buffer and share: `onHand - reserved`, or for a bundle the smallest `allows`. */
  base: number;
  buffer: number;
  /** Units held back by the allocation share. */
  shareUnits: number;
  /** `max(0, base - buffer - shareUnits)`. */
  available: number;
  mode: QuantityRules['mode'];
  /** What the channel is sent. */
  quantity: number;
  /** E.g. `7 = 12 on hand - 2 reserved - 2 buffer - 1 share`. */
  sentence: string;
}

/** Stock levels by item id. */
export type StockByItem = ReadonlyMap<string, readonly StockLevel[]>;

/**
 * Sum an item's stock over the warehouses that count (`null`: every
 * warehouse the POS reported).
 */
export function stockBasis(
  itemId: string,
  levels: readonly StockLevel[] | undefined,
  warehouses: readonly string[] | null,
  subtractReserved: boolean,
): StockBasis {
  const counted = (levels ?? []).filter(
    (l) => l.itemId === itemId && (warehouses === null || warehouses.includes(l.warehouseId)),
  );
  const onHand = counted.reduce((sum, l) => sum + l.onHand, 0);
  const reserved = subtractReserved ? counted.reduce((sum, l) => sum + l.reserved, 0) : 0;
  return {
    itemId,
    warehouses: counted.map((l) => ({ warehouseId: l.warehouseId, onHand: l.onHand, reserved: l.reserved })),
    onHand,
    reserved,
    available: onHand - reserved,
  };
}

/**
 * The quantity one channel should show for one POS item under its rules:
 * stock in the counted warehouses, minus reservations, minus the buffer,
 * times the share (rounded down), never below 0. A bundle or kit gets the
 * number of whole units its components allow. Pure: no I/O.
 */
export function computeQuantity(
  item: Pick<PosItem, 'id' | 'components'>,
  stock: StockByItem,
  rules: QuantityRules,
  warehouses: readonly string[] | null,
): QuantityBreakdown {
  const isBundle = item.components.length > 0;
  const own = isBundle ? null : stockBasis(item.id, stock.get(item.id), warehouses, rules.subtractReserved);
  const components = isBundle
    ? item.components.map((c) => componentBasis(c.itemId, c.quantity, stock, rules, warehouses))
    : null;
  const base = own ? own.available : Math.min(...(components ?? []).map((c) => c.allows));
  const afterBuffer = Math.max(0, base - rules.buffer);
  const shared = Math.floor(afterBuffer * rules.share + 1e-9);
  const shareUnits = afterBuffer - shared;
  const quantity = rules.mode === 'exact' ? shared : shared > 0 ? rules.inStockQuantity : 0;
  const partial = { itemId: item.id, stock: own, components, base, buffer: rules.buffer, shareUnits };
  return {
    ...partial,
    available: shared,
    mode: rules.mode,
    quantity,
    sentence: describeQuantity({ ...partial, available: shared, mode: rules.mode, quantity }, rules),
  };
}

function componentBasis(
  itemId: string,
  perBundle: number,
  stock: StockByItem,
  rules: QuantityRules,
  warehouses: readonly string[] | null,
): ComponentBasis {
  const basis = stockBasis(itemId, stock.get(itemId), warehouses, rules.subtractReserved);
  return { ...basis, perBundle, allows: Math.floor(Math.max(0, basis.available) / perBundle) };
}

/** The rule as a sentence a person reads, e.g. `7 = 12 on hand - 2 reserved - 2 buffer - 1 share`. */
function describeQuantity(b: Omit<QuantityBreakdown, 'sentence'>, rules: QuantityRules): string {
  const terms: string[] = [];
  if (b.stock) {
    terms.push(`${b.stock.onHand} on hand`);
    if (rules.subtractReserved) terms.push(`- ${b.stock.reserved} reserved`);
  } else {
    const parts = (b.components ?? []).map((c) => `${c.itemId} ${Math.max(0, c.available)} / ${c.perBundle}`);
    terms.push(`min(${parts.join(', ')}) bundles`);
  }
  if (b.buffer > 0) terms.push(`- ${b.buffer} buffer`);
  if (rules.share < 1) terms.push(`- ${b.shareUnits} share`);
  const clamped = b.base - b.buffer - b.shareUnits < 0 ? ' (not below 0)' : '';
  const arithmetic = `${b.available} = ${terms.join(' ')}${clamped}`;
  if (b.mode === 'exact') return arithmetic;
  return b.quantity > 0
    ? `${b.quantity} = in stock (availability only; ${arithmetic})`
    : `0 = out of stock (availability only; ${arithmetic})`;
}
