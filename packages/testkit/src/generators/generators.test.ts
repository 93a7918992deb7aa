import { normalizeSku } from '@omnisync/core';
import { describe, expect, it } from 'vitest';
import { generateCatalog } from './generate-catalog';
import { generateOrders } from './generate-orders';
import { generateStockBursts } from './generate-stock-bursts';

describe('fixture generators', () => {
  const spec = {
    seed: 7,
    products: 400,
    duplicateSkuShare: 0.02,
    emptySkuShare: 0.03,
    caseVariantShare: 0.03,
    whitespaceVariantShare: 0.03,
    unknownSkuShare: 0.05,
    multipleListingShare: 0.02,
    channels: [
      { id: 'a', coverage: 0.8 },
      { id: 'b', coverage: 0.5 },
    ],
  };

  it('is deterministic for a seed and differs across seeds', () => {
    expect(generateCatalog(spec)).toEqual(generateCatalog(spec));
    expect(generateCatalog({ ...spec, seed: 8 }).listings.a).not.toEqual(generateCatalog(spec).listings.a);
  });

  it('contains the messy cases it promises', () => {
    const { items, listings } = generateCatalog(spec);
    const skus = items.map((i) => i.sku);
    expect(new Set(skus).size).toBeLessThan(skus.length);
    const a = listings.a!;
    expect(a.some((l) => normalizeSku(l.sku) === null)).toBe(true);
    expect(a.some((l) => l.sku?.startsWith(' '))).toBe(true);
    expect(a.some((l) => l.sku?.startsWith('UNKNOWN-'))).toBe(true);
    expect(a.some((l) => l.sku && l.sku !== l.sku.toUpperCase())).toBe(true);
  });

  it('generates ordered order streams and stock bursts from a seed', () => {
    const { listings } = generateCatalog(spec);
    const orders = generateOrders({ seed: 1, channelId: 'a', count: 50, listings: listings.a! });
    expect(orders).toHaveLength(50);
    expect(new Set(orders.map((o) => o.externalId)).size).toBe(50);
    expect(orders.map((o) => o.createdAt)).toEqual([...orders.map((o) => o.createdAt)].sort());
    const bursts = generateStockBursts({ seed: 1, changes: 100, itemIds: ['x', 'y', 'z'] });
    expect(bursts).toEqual(generateStockBursts({ seed: 1, changes: 100, itemIds: ['x', 'y', 'z'] }));
  });
});
