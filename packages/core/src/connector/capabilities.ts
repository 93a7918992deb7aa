import type { ChannelCapabilitiesV1, PosCapabilitiesV1 } from './v1/capabilities-v1';

/**
 * A channel connector that offers none of the optional capabilities. Spread it and switch on what
 * yours has, so a new capability added to the spec starts off (and is declared) everywhere:
 * `capabilities: { ...NO_CHANNEL_CAPABILITIES, getListing: true }`.
 */
export const NO_CHANNEL_CAPABILITIES: Readonly<ChannelCapabilitiesV1> = Object.freeze({
  getListing: false,
  createListing: false,
  getOrder: false,
  updateOrderStatus: false,
  webhooks: false,
  updatedSinceListings: false,
  compareAndSetStock: false,
  deactivateListing: false,
  methodLists: false,
  concurrentPages: false,
});

/** A POS connector that offers none of the optional capabilities: `{ ...NO_POS_CAPABILITIES, getSale: true }`. */
export const NO_POS_CAPABILITIES: Readonly<PosCapabilitiesV1> = Object.freeze({
  createItem: false,
  payments: false,
  financialDocuments: false,
  cancelAndReverse: false,
  saleStatus: false,
  customers: false,
  reservations: false,
  getSale: false,
  webhooks: false,
});
