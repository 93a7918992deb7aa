import type { OrderStatus } from '@omnisync/core';
import { describeChannelConnector, type SeedListing, type SeedOrder } from '@omnisync/testkit';
import { connectTo, useWooCommerceServer } from './__fixtures__/woocommerce-msw';
import type { WooTestStore } from './__fixtures__/woocommerce-test-store';
import { mapWooCommerceOrderStatus } from './map-woocommerce-order-status';

const msw = useWooCommerceServer();

/** The store's own status for each canonical one; `shipped` is a plugin's custom status. */
const WOO_STATUS: Record<SeedOrder['status'], string> = {
  unpaid: 'pending',
  on_hold: 'on-hold',
  paid: 'processing',
  shipped: 'shipped',
  completed: 'completed',
  cancelled: 'cancelled',
  returned: 'refunded',
};
const STATUS_MAP: Record<string, OrderStatus> = { shipped: 'shipped' };

function seedListing(store: WooTestStore, seed: SeedListing): void {
  const status = seed.status === 'live' ? 'publish' : 'private';
  const modifiedAt = new Date(seed.updatedAt);
  if (!seed.variants) {
    store.addProduct({
      name: seed.title,
      sku: seed.sku ?? '',
      status,
      regularPrice: seed.price,
      stockQuantity: seed.quantity,
      modifiedAt,
    });
    return;
  }
  const names = [...new Set(seed.variants.flatMap((v) => Object.keys(v.attributes)))];
  const parent = store.addProduct({
    name: seed.title,
    sku: seed.sku ?? '',
    type: 'variable',
    status,
    modifiedAt,
    attributes: names.map((name) => ({ name, options: seed.variants!.map((v) => v.attributes[name] ?? '') })),
  });
  for (const variant of seed.variants) {
    store.addVariation({
      parentId: parent.id as number,
      sku: variant.sku,
      regularPrice: seed.price,
      stockQuantity: variant.quantity,
      attributes: variant.attributes,
      modifiedAt,
    });
  }
}

function seedOrder(store: WooTestStore, seed: SeedOrder): void {
  const bySku = new Map([...store.products.values()].map((p) => [p.sku, p.id as number]));
  store.addOrder({
    status: WOO_STATUS[seed.status],
    currency: seed.currency,
    createdAt: new Date(seed.createdAt),
    modifiedAt: new Date(seed.updatedAt),
    lines: seed.lines.map((l) => ({
      sku: l.sku,
      quantity: l.quantity,
      price: l.unitPrice,
      productId: bySku.get(l.sku),
    })),
  });
}

describeChannelConnector('woocommerce (msw-simulated store)', {
  setup({ listings, orders }) {
    const store = msw.store({ customOrderStatuses: ['shipped'], currency: 'IDR' });
    for (const listing of listings) seedListing(store, listing);
    for (const order of orders) seedOrder(store, order);
    const connector = connectTo(store, { pageSize: 10, statusMap: STATUS_MAP });
    return {
      connector,
      async readListing(ref) {
        const item = ref.variantId
          ? store.variations.get(Number(ref.variantId))
          : store.products.get(Number(ref.listingId));
        if (!item) return null;
        return { quantity: (item.stock_quantity as number | null) ?? null, active: item.status === 'publish' };
      },
      async readOrderStatus(externalId) {
        const order = store.orders.get(Number(externalId));
        return order ? mapWooCommerceOrderStatus(String(order.status), STATUS_MAP) : null;
      },
      corruptNext: (kind) => store.corruptNext(kind),
      signedWebhook: (order) => store.delivery('order.updated', store.orders.get(Number(order.externalId))),
      secrets: [store.consumerKey, store.consumerSecret, store.webhookSecret],
    };
  },
});
