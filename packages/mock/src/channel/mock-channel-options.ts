import type { ChannelCapabilitiesV1, ChannelMethodV1 } from '@omnisync/core';
import type { MockFaults } from '../faults/mock-faults';
import type { MockListingInput } from './listing-book';

/** Options of `createMockChannel`. Every field is optional. */
export interface MockChannelOptions {
  /** The `channelId` on listings and orders (default `mock`). Use the id you configure the channel under. */
  channelId?: string;
  /** Seed of every random choice: faults, generated buyers and catalogs (default `omnisync`). */
  seed?: string | number;
  /** Listings to start with. */
  listings?: MockListingInput[];
  /** Generate this many extra listing rows (`SKU-000001`...) from the seed. */
  catalogSize?: number;
  /** Faults to inject (none by default). Change them later with `setFaults`. */
  faults?: MockFaults;
  /** Most updates one `updateStock` call accepts (default 50); more is refused with HTTP 400. */
  batchLimit?: number;
  /** Listings or orders per page (default 100). */
  pageSize?: number;
  /** Override capabilities (all true by default); a capability switched off removes its methods. */
  capabilities?: Partial<ChannelCapabilitiesV1>;
  /** The HMAC secret webhooks are signed with (default `mock-webhook-secret`). */
  webhookSecret?: string;
  /** The clock (default the system clock). Timestamps, `updatedSince` and webhook freshness use it. */
  clock?: () => Date;
  /** The channel's currency (default `IDR`). */
  currency?: string;
  paymentMethods?: ChannelMethodV1[];
  deliveryMethods?: ChannelMethodV1[];
}

/** Capabilities of the mock channel when none are overridden: everything. */
export const ALL_CHANNEL_CAPABILITIES: ChannelCapabilitiesV1 = {
  getListing: true,
  createListing: true,
  getOrder: true,
  updateOrderStatus: true,
  webhooks: true,
  updatedSinceListings: true,
  compareAndSetStock: true,
  deactivateListing: true,
  methodLists: true,
  concurrentPages: true,
};
