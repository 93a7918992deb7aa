import { generateCatalog } from '@omnisync/testkit';
import { describe, expect, it } from 'vitest';
import { createMockPos } from '../pos/mock-pos';
import { createMockChannel } from './mock-channel';

describe('seeding from @omnisync/testkit generators', () => {
  it('takes a generated catalog as is: listings with variants for the channel, items and stock for the POS', async () => {
    const catalog = generateCatalog({ seed: 3, products: 40, channels: [{ id: 'shop', coverage: 0.8 }] });
    const listings = catalog.listings.shop ?? [];
    const channel = createMockChannel({ channelId: 'shop', listings });
    const pos = createMockPos({ items: catalog.items, stock: catalog.stock });
    expect(channel.listings().map((l) => [l.listingId, l.variantId ?? null, l.sku, l.quantity])).toEqual(
      listings.map((l) => [l.listingId, l.variantId ?? null, l.sku, l.quantity ?? 0]),
    );
    expect(pos.items()).toHaveLength(catalog.items.length);
    const first = catalog.stock[0];
    if (first) expect(pos.stockOf(first.itemId, first.warehouseId).onHand).toBe(first.onHand);
  });
});
