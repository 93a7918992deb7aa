import { normalizeSku } from '@omnisync/core';
import type { MockServer } from '@omnisync/mock';
import { createRandom } from '@omnisync/testkit';
import type { DemoWorld } from './demo-world';

/** What shoppers did on the channels, from the mocks' ground truth. */
export interface ShopperActivity {
  placed: number;
  paid: number;
  cancelled: number;
}

/**
 * Shoppers buy on every channel: only listings whose SKU the POS knows once
 * (orders for unknown SKUs would wait for a mapping, which the demo shows in
 * the Not In POS tab instead). Some orders are paid later, some cancelled.
 */
export function placeShopperOrders(world: DemoWorld, seed: number, perChannel: number): ShopperActivity {
  const r = createRandom(seed);
  const skuCount = new Map<string, number>();
  for (const item of world.pos.items()) {
    const sku = normalizeSku(item.sku);
    if (sku) skuCount.set(sku, (skuCount.get(sku) ?? 0) + 1);
  }
  const activity: ShopperActivity = { placed: 0, paid: 0, cancelled: 0 };
  for (const server of Object.values(world.servers)) {
    const buyable = server.channel
      .listings()
      .filter((l) => l.status === 'live' && (l.quantity ?? 0) > 2 && skuCount.get(normalizeSku(l.sku) ?? '') === 1);
    for (let i = 0; i < perChannel && buyable.length > 0; i++) {
      const listing = r.pick(buyable);
      const order = server.channel.sell({
        listingId: listing.listingId,
        quantity: 1,
        status: r.chance(0.6) ? 'paid' : 'unpaid',
      });
      activity.placed++;
      if (order.status === 'unpaid' && r.chance(0.5)) {
        server.channel.pay(order.externalId);
        activity.paid++;
      } else if (order.status === 'unpaid' && r.chance(0.3)) {
        server.channel.cancel(order.externalId);
        activity.cancelled++;
      }
    }
  }
  return activity;
}

/** Later activity: some paid orders ship, some unpaid ones are cancelled, to exercise status changes. */
export function advanceOrders(servers: Record<string, MockServer>, seed: number): number {
  const r = createRandom(seed + 1);
  let changed = 0;
  for (const server of Object.values(servers)) {
    for (const order of server.channel.orders()) {
      if (order.status === 'paid' && r.chance(0.3)) {
        server.channel.ship(order.externalId);
        changed++;
      } else if (order.status === 'unpaid' && r.chance(0.5)) {
        server.channel.pay(order.externalId);
        changed++;
      }
    }
  }
  return changed;
}
