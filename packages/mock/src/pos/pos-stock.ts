import type { StockLevel } from '@omnisync/core';
import { mockUsageError } from '../faults/fault-errors';

/** Why a stock level changed. */
export type StockChangeReason = 'set' | 'adjust' | 'sale' | 'reserve' | 'release' | 'cancel' | 'reverse' | 'complete';

/** A stock change the POS reports (a host forwards it to omnisync). */
export interface PosStockChange {
  itemId: string;
  warehouseId: string;
  onHand: number;
  reserved: number;
  reason: StockChangeReason;
}

interface Reservation {
  lines: { itemId: string; warehouseId: string; quantity: number }[];
}

/** Stock per item and warehouse, and reservations by key. */
export class PosStockBook {
  private readonly levels = new Map<string, { onHand: number; reserved: number }>();
  private readonly reservations = new Map<string, Reservation>();

  constructor(
    readonly warehouses: readonly string[],
    private readonly onChange: (change: PosStockChange) => void,
  ) {}

  private key(itemId: string, warehouseId: string): string {
    return `${itemId}@${warehouseId}`;
  }

  private checkWarehouse(warehouseId: string): void {
    if (!this.warehouses.includes(warehouseId)) {
      throw mockUsageError(`The mock POS has no warehouse "${warehouseId}" (it has ${this.warehouses.join(', ')}).`);
    }
  }

  /** The level of one item in one warehouse (zero when never stocked). */
  level(itemId: string, warehouseId: string): StockLevel {
    const l = this.levels.get(this.key(itemId, warehouseId));
    return { itemId, warehouseId, onHand: l?.onHand ?? 0, reserved: l?.reserved ?? 0 };
  }

  /** Change on-hand and reserved units by deltas, and report the change. */
  change(
    itemId: string,
    warehouseId: string,
    delta: { onHand?: number; reserved?: number },
    reason: StockChangeReason,
  ) {
    this.checkWarehouse(warehouseId);
    const key = this.key(itemId, warehouseId);
    const now = this.levels.get(key) ?? { onHand: 0, reserved: 0 };
    const next = {
      onHand: now.onHand + (delta.onHand ?? 0),
      reserved: Math.max(0, now.reserved + (delta.reserved ?? 0)),
    };
    this.levels.set(key, next);
    this.onChange({ itemId, warehouseId, ...next, reason });
  }

  /** Set on-hand units. */
  set(itemId: string, warehouseId: string, onHand: number, reason: StockChangeReason = 'set'): void {
    this.change(itemId, warehouseId, { onHand: onHand - this.level(itemId, warehouseId).onHand }, reason);
  }

  /** Reserve units under a key; reserving an existing key again changes nothing. */
  reserve(key: string, lines: Reservation['lines']): void {
    if (this.reservations.has(key)) return;
    for (const l of lines) this.change(l.itemId, l.warehouseId, { reserved: l.quantity }, 'reserve');
    this.reservations.set(key, { lines });
  }

  /** Release a reservation; `consume` also takes its units off hand (the goods left). Unknown keys do nothing. */
  release(key: string, consume = false): boolean {
    const r = this.reservations.get(key);
    if (!r) return false;
    this.reservations.delete(key);
    for (const l of r.lines) {
      const delta = consume ? { reserved: -l.quantity, onHand: -l.quantity } : { reserved: -l.quantity };
      this.change(l.itemId, l.warehouseId, delta, consume ? 'complete' : 'release');
    }
    return true;
  }

  /** The reservation under a key, if any. */
  reservation(key: string): Reservation | undefined {
    return this.reservations.get(key);
  }

  /** Every reservation by key. */
  allReservations(): Record<string, Reservation> {
    return Object.fromEntries(this.reservations);
  }
}
