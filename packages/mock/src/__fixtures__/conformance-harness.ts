import type { ChannelHarness, SeedListing, SeedOrder } from '@omnisync/testkit';
import { createMockChannel, type MockChannel } from '../channel/mock-channel';
import type { MockChannelOptions } from '../channel/mock-channel-options';

/** A mock channel holding the conformance suite's seed. */
export function seededChannel(
  seed: { listings: SeedListing[]; orders: SeedOrder[] },
  options: MockChannelOptions = {},
): MockChannel {
  const channel = createMockChannel({
    channelId: 'conformance',
    pageSize: 10,
    ...options,
    listings: seed.listings.map((l) => ({
      sku: l.sku,
      title: l.title,
      quantity: l.quantity,
      status: l.status,
      price: l.price,
      updatedAt: l.updatedAt,
      ...(l.variants ? { variants: l.variants.map((v) => ({ sku: v.sku, quantity: v.quantity, attributes: v.attributes })) } : {}),
    })),
  });
  for (const o of seed.orders) {
    channel.sell({
      lines: o.lines.map((l) => ({ sku: l.sku, quantity: l.quantity, unitPrice: l.unitPrice })),
      status: o.status,
      createdAt: o.createdAt,
      updatedAt: o.updatedAt,
      currency: o.currency,
      keepStock: true,
    });
  }
  channel.webhooks.drain();
  return channel;
}

/** The parts of a harness that read the mock channel directly. */
export function channelProbes(channel: MockChannel): Omit<ChannelHarness, 'connector' | 'secrets' | 'close'> {
  return {
    readListing: async (ref) => {
      const listing = channel.listing({ listingId: ref.listingId, variantId: ref.variantId ?? null });
      return listing ? { quantity: listing.quantity, active: listing.status === 'live' } : null;
    },
    readOrderStatus: async (id) => channel.order(id)?.status ?? null,
    corruptNext: (kind) => channel.corruptNext(kind),
    signedWebhook: ({ externalId }) => {
      const data = channel.marketplace.orderBook.get(externalId)?.raw;
      const rawBody = JSON.stringify({ delivery_id: 'conf-1', topic: 'order.updated', sent_at: new Date().toISOString(), data });
      return { headers: channel.webhooks.sign(rawBody), rawBody };
    },
  };
}
