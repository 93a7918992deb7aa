/**
 * What a channel connector can do beyond the required methods. The engine
 * checks a capability before it calls an optional method and throws
 * `UnsupportedCapabilityError` otherwise: a missing capability is never a
 * silent no-op.
 */
export interface ChannelCapabilitiesV1 {
  /** `getListing` by SKU or listing id (single-product scan). */
  getListing: boolean;
  /** `createListing` (product upload). */
  createListing: boolean;
  /** `getOrder` by external id. */
  getOrder: boolean;
  /** `updateOrderStatus` (status write-back). */
  updateOrderStatus: boolean;
  /** `parseWebhook`: verified webhook deliveries. */
  webhooks: boolean;
  /** `listListings({ updatedSince })` filters server-side (else the engine filters a full read). */
  updatedSinceListings: boolean;
  /** `updateStock` honours `expectedQuantity` (compare-and-set). */
  compareAndSetStock: boolean;
  /** `updateStock` honours `active: false | true` (deactivate at zero, reactivate). */
  deactivateListing: boolean;
  /** `listPaymentMethods` / `listDeliveryMethods` (for method mappings). */
  methodLists: boolean;
  /** Pages can be fetched concurrently (offset or page-number pagination). */
  concurrentPages: boolean;
}

/** What a POS connector can do beyond the required methods. */
export interface PosCapabilitiesV1 {
  /** `createItem` (product download into the POS). */
  createItem: boolean;
  /** `recordPayment`. */
  payments: boolean;
  /** `issueFinancialDocument` (an invoice or receipt). */
  financialDocuments: boolean;
  /** `cancelSale` and `reverseSale`. */
  cancelAndReverse: boolean;
  /** `updateSaleStatus`. */
  saleStatus: boolean;
  /** `findCustomer` / `createCustomer`. */
  customers: boolean;
  /** `reserveStock` / `releaseStock`. */
  reservations: boolean;
  /** `getSale` by id or idempotency key (to read an exported order's status back). */
  getSale: boolean;
  /** `parseWebhook` (the POS tells us it accepted or rejected an order). */
  webhooks: boolean;
}

/** Names of channel capabilities. */
export type ChannelCapabilityName = keyof ChannelCapabilitiesV1;
/** Names of POS capabilities. */
export type PosCapabilityName = keyof PosCapabilitiesV1;
