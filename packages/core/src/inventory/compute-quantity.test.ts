import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { StockLevel } from '../model/stock';
import { computeQuantity } from './compute-quantity';
import { QuantityRules } from './quantity-rules';

const level = (itemId: string, warehouseId: string, onHand: number, reserved = 0): StockLevel => ({
  itemId,
  warehouseId,
  onHand,
  reserved,
});
const stockOf = (...levels: StockLevel[]) => {
  const map = new Map<string, StockLevel[]>();
  for (const l of levels) map.set(l.itemId, [...(map.get(l.itemId) ?? []), l]);
  return map;
};
const rules = (input: Record<string, unknown> = {}) => QuantityRules.parse(input);
const plain = { id: 'tee', components: [] };

describe('computeQuantity', () => {
  it('explains every term: 7 = 12 on hand - 2 reserved - 2 buffer - 1 share', () => {
    const b = computeQuantity(plain, stockOf(level('tee', 'main', 12, 2)), rules({ buffer: 2, share: 0.9 }), null);
    expect(b.quantity).toBe(7);
    expect(b.sentence).toBe('7 = 12 on hand - 2 reserved - 2 buffer - 1 share');
  });

  it('counts only the chosen warehouses', () => {
    const stock = stockOf(level('tee', 'main', 5), level('tee', 'store', 3), level('tee', 'returns', 40));
    expect(computeQuantity(plain, stock, rules(), ['main', 'store']).quantity).toBe(8);
    expect(computeQuantity(plain, stock, rules(), null).quantity).toBe(48);
    expect(computeQuantity(plain, stock, rules(), ['main']).stock?.warehouses).toEqual([
      { warehouseId: 'main', onHand: 5, reserved: 0 },
    ]);
  });

  it('subtracts reservations unless told not to', () => {
    const stock = stockOf(level('tee', 'main', 10, 4));
    expect(computeQuantity(plain, stock, rules(), null).quantity).toBe(6);
    const kept = computeQuantity(plain, stock, rules({ subtractReserved: false }), null);
    expect(kept.quantity).toBe(10);
    expect(kept.sentence).toBe('10 = 10 on hand');
  });

  it('never goes below zero, and says so', () => {
    const b = computeQuantity(plain, stockOf(level('tee', 'main', 1, 3)), rules({ buffer: 2 }), null);
    expect(b.quantity).toBe(0);
    expect(b.sentence).toBe('0 = 1 on hand - 3 reserved - 2 buffer (not below 0)');
  });

  it('sends only in stock or not in availability mode, with the configured "yes" quantity', () => {
    const r = rules({ mode: 'availability', inStockQuantity: 5 });
    const yes = computeQuantity(plain, stockOf(level('tee', 'main', 2)), r, null);
    expect(yes.quantity).toBe(5);
    expect(yes.sentence).toBe('5 = in stock (availability only; 2 = 2 on hand - 0 reserved)');
    expect(computeQuantity(plain, stockOf(level('tee', 'main', 0)), r, null).quantity).toBe(0);
  });

  it('gives a bundle the whole units its components allow', () => {
    const kit = {
      id: 'kit',
      components: [
        { itemId: 'cup', quantity: 2 },
        { itemId: 'saucer', quantity: 1 },
      ],
    };
    const stock = stockOf(level('cup', 'main', 7), level('saucer', 'main', 5, 1), level('kit', 'main', 99));
    const b = computeQuantity(kit, stock, rules(), null);
    expect(b.quantity).toBe(3);
    expect(b.components?.map((c) => c.allows)).toEqual([3, 4]);
    expect(b.sentence).toBe('3 = min(cup 7 / 2, saucer 4 / 1) bundles');
    expect(computeQuantity(kit, stockOf(level('cup', 'main', 7)), rules(), null).quantity).toBe(0);
  });

  it('is never negative, never above what the rules allow, and monotonic in stock', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -20, max: 500 }),
        fc.integer({ min: 0, max: 50 }),
        fc.integer({ min: 0, max: 30 }),
        fc.double({ min: 0.01, max: 1, noNaN: true }),
        (onHand, reserved, buffer, share) => {
          const r = rules({ buffer, share });
          const q = computeQuantity(plain, stockOf(level('tee', 'main', onHand, reserved)), r, null).quantity;
          const more = computeQuantity(plain, stockOf(level('tee', 'main', onHand + 1, reserved)), r, null).quantity;
          expect(q).toBeGreaterThanOrEqual(0);
          expect(q).toBeLessThanOrEqual(Math.max(0, onHand - reserved - buffer));
          expect(more).toBeGreaterThanOrEqual(q);
        },
      ),
    );
  });
});

describe('QuantityRules', () => {
  it('applies the defaults and rejects unknown or bad fields by path', () => {
    expect(rules()).toEqual({
      enabled: true,
      subtractReserved: true,
      buffer: 0,
      share: 1,
      mode: 'exact',
      inStockQuantity: 1,
      deactivateAtZero: false,
    });
    const bad = QuantityRules.safeParse({ buffer: -1, shares: 1 });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues.map((i) => i.path.join('.') || i.code)).toEqual(['buffer', 'unrecognized_keys']);
  });
});
