import { PosItem } from '@omnisync/core';
import { mockUsageError } from '../faults/fault-errors';
import type { MockPosItemInput } from './mock-pos-options';

/** Names a POS item: its id, or `{ sku }`. */
export type MockPosItemRef = string | { sku: string } | { itemId: string };

/** Items of the mock POS, in creation order. */
export class PosItemBook {
  private readonly items = new Map<string, PosItem>();
  private next = 1;

  constructor(private readonly now: () => string) {}

  add(input: MockPosItemInput): PosItem {
    const { quantity: _quantity, ...rest } = input;
    const id = input.id ?? `I${String(this.next++).padStart(5, '0')}`;
    if (this.items.has(id)) throw mockUsageError(`The mock POS already has an item "${id}".`);
    const item = PosItem.parse({
      ...rest,
      id,
      name: input.name ?? input.sku ?? id,
      updatedAt: input.updatedAt ?? this.now(),
    });
    this.items.set(id, item);
    return item;
  }

  get(id: string): PosItem | undefined {
    return this.items.get(id);
  }

  /** Find by id or SKU (exact); a missing item throws a usage error naming the ref. */
  require(ref: MockPosItemRef): PosItem {
    const item =
      typeof ref === 'string'
        ? (this.items.get(ref) ?? this.bySku(ref))
        : 'sku' in ref
          ? this.bySku(ref.sku)
          : this.items.get(ref.itemId);
    if (!item) throw mockUsageError(`The mock POS has no item ${JSON.stringify(ref)}.`);
    return item;
  }

  private bySku(sku: string): PosItem | undefined {
    for (const item of this.items.values()) if (item.sku === sku) return item;
    return undefined;
  }

  /** Change an item (its update time moves to now). */
  update(id: string, patch: Partial<Omit<PosItem, 'id'>>): PosItem {
    const item = this.require({ itemId: id });
    const next = PosItem.parse({ ...item, ...patch, id, updatedAt: this.now() });
    this.items.set(id, next);
    return next;
  }

  all(): PosItem[] {
    return [...this.items.values()];
  }
}
