import { normalizeSku } from '@omnisync/core';
import type { DemoWorld } from './demo-world';

/** The demo's own check against the mocks' ground truth, independent of the engine's bookkeeping. */
export interface GroundTruth {
  /** Orders on the channels whose status the import rules import (not cancelled before import). */
  channelOrders: number;
  /** Sales in the POS made from channel orders. */
  posSales: number;
  /** Channel orders with no sale, and orders with more than one sale. */
  missingOrders: number;
  duplicateSales: number;
  /** Sales whose status in the POS disagrees with the channel (cancelled vs not). */
  staleStatuses: number;
  /** Live listings of a SKU the POS holds once, checked against POS stock (on hand - reserved). */
  listingsChecked: number;
  stockMismatches: { channelId: string; listingId: string; sku: string; channel: number; expected: number }[];
  consistent: boolean;
}

/** Compare what every mock channel holds with what the mock POS holds. */
export function checkGroundTruth(world: DemoWorld): GroundTruth {
  const sales = world.pos.sales();
  const salesByOrder = new Map<string, number>();
  const saleOf = new Map<string, (typeof sales)[number]>();
  for (const sale of sales) {
    const key = `${sale.order.channelId}/${sale.order.externalId}`;
    salesByOrder.set(key, (salesByOrder.get(key) ?? 0) + 1);
    saleOf.set(key, sale);
  }
  let channelOrders = 0;
  let missingOrders = 0;
  let staleStatuses = 0;
  for (const [channelId, server] of Object.entries(world.servers)) {
    for (const order of server.channel.orders()) {
      const count = salesByOrder.get(`${channelId}/${order.externalId}`) ?? 0;
      if (order.status === 'cancelled' && count === 0) continue;
      channelOrders++;
      if (count === 0) missingOrders++;
      const sale = saleOf.get(`${channelId}/${order.externalId}`);
      if (sale && (order.status === 'cancelled') !== (sale.status === 'cancelled' || sale.status === 'reversed'))
        staleStatuses++;
    }
  }
  const duplicateSales = [...salesByOrder.values()].filter((n) => n > 1).length;
  const bySku = new Map<string, string[]>();
  for (const item of world.pos.items()) {
    const sku = normalizeSku(item.sku);
    if (sku) bySku.set(sku, [...(bySku.get(sku) ?? []), item.id]);
  }
  const stockMismatches: GroundTruth['stockMismatches'] = [];
  let listingsChecked = 0;
  for (const [channelId, server] of Object.entries(world.servers)) {
    for (const listing of server.channel.listings()) {
      const ids = bySku.get(normalizeSku(listing.sku) ?? '');
      if (listing.status !== 'live' || !ids || ids.length !== 1) continue;
      listingsChecked++;
      const expected = Math.max(0, world.pos.availableOf({ itemId: ids[0]! }));
      const actual = listing.quantity ?? 0;
      if (actual !== expected)
        stockMismatches.push({
          channelId,
          listingId: listing.listingId,
          sku: listing.sku ?? '',
          channel: actual,
          expected,
        });
    }
  }
  return {
    channelOrders,
    posSales: sales.length,
    missingOrders,
    duplicateSales,
    staleStatuses,
    listingsChecked,
    stockMismatches,
    consistent: missingOrders === 0 && duplicateSales === 0 && staleStatuses === 0 && stockMismatches.length === 0,
  };
}
