import type { ChannelPayloadError } from '../../errors/errors';
import type { ChannelOrder } from '../../model/channel-order';
import type { Listing, ListingDraft, ListingRef } from '../../model/listing';
import type { OrderStatus } from '../../model/order-status';
import type { StockUpdate, StockUpdateResult } from '../../model/stock';
import type { ChannelCapabilitiesV1 } from './capabilities-v1';

/** Options every connector call accepts. */
export interface CallOptionsV1 {
  signal?: AbortSignal;
  /**
   * Which queue of the account's shared rate budget the call waits in:
   * `orders` before `stock` before `catalog`. Connectors default by method
   * (order reads and status writes: `orders`; stock writes: `stock`; listing reads: `catalog`).
   */
  priority?: CallPriority;
}

/** The priority classes of one channel account's shared rate budget, most urgent first. */
export type CallPriority = 'orders' | 'stock' | 'catalog';

/**
 * One page of a paged read. `total` is the channel's count of all items, when it reports one.
 * A connector parses each item on its own: valid ones go to `items`, malformed ones to
 * `rejected`, so one bad item never hides the others. A page whose envelope is malformed throws.
 */
export interface PageV1<T> {
  items: T[];
  total?: number | null;
  /** 1-based page number or an opaque cursor, for progress and logs only. */
  page?: number | string | null;
  /** Items of this page that could not be parsed, each with the error naming the field (absent: none). */
  rejected?: RejectedItemV1[];
}

/** One item of a page that a connector could not parse. */
export interface RejectedItemV1 {
  /** The item's external id (order id, listing id) when it can be read, else null. */
  id: string | null;
  /** Why: a `ChannelPayloadError` whose issues name the field. */
  error: ChannelPayloadError;
}

/** Arguments of `listListings`. */
export interface ListListingsArgsV1 extends CallOptionsV1 {
  /** `active`: live listings only; `all`: every status the channel returns. */
  status: 'active' | 'all';
  /** Only listings changed at or after this ISO time (when `capabilities.updatedSinceListings`). */
  updatedSince?: string | null;
}

/** Arguments of `listOrders`. */
export interface ListOrdersArgsV1 extends CallOptionsV1 {
  /** Orders updated at or after this ISO time. */
  updatedSince?: string | null;
  /** Orders created at or after this ISO time (backfill from a start date). */
  createdSince?: string | null;
  /** Orders updated before this ISO time (a reconcile window). */
  updatedBefore?: string | null;
}

/** A payment or delivery method offered by a channel, for method mappings. */
export interface ChannelMethodV1 {
  id: string;
  title: string;
  enabled: boolean;
}

/** An event carried by a verified channel webhook delivery. */
export type ChannelWebhookEventV1 =
  | { type: 'order'; deliveryId?: string | null; externalId: string; order?: ChannelOrder | null }
  | { type: 'listing'; deliveryId?: string | null; listing: Listing }
  | { type: 'listing.deleted'; deliveryId?: string | null; listingId: string }
  | { type: 'ping'; deliveryId?: string | null };

/** A raw webhook delivery, exactly as received: signatures cover the raw body. */
export interface WebhookRequestV1 {
  headers: Record<string, string | undefined>;
  rawBody: string | Uint8Array;
  /** The full URL the delivery was made to, for channels that sign it (Shopee). */
  url?: string;
}

/**
 * The contract a channel connector (a marketplace or web shop) implements,
 * version 1. Reads are async iterables of pages that honour `signal`.
 * Optional methods exist exactly when the matching capability is true.
 */
export interface ChannelConnectorV1 {
  readonly specificationVersion: 'v1';
  /** The connector type, e.g. `woocommerce`, `mock`. */
  readonly connector: string;
  readonly capabilities: ChannelCapabilitiesV1;
  readonly limits: {
    /** Most stock updates one `updateStock` call accepts. */
    stockBatchSize: number;
    /** Pages the engine may fetch at once when `concurrentPages` is true. */
    maxConcurrentPages?: number;
  };

  listListings(args: ListListingsArgsV1): AsyncIterable<PageV1<Listing>>;
  getListing?(ref: { sku: string } | ListingRef, options?: CallOptionsV1): Promise<Listing | null>;
  createListing?(draft: ListingDraft, options?: CallOptionsV1): Promise<Listing>;
  /** Set quantities; at most `limits.stockBatchSize` per call. Returns one result per update, in order. */
  updateStock(updates: StockUpdate[], options?: CallOptionsV1): Promise<StockUpdateResult[]>;

  listOrders(args: ListOrdersArgsV1): AsyncIterable<PageV1<ChannelOrder>>;
  getOrder?(externalId: string, options?: CallOptionsV1): Promise<ChannelOrder | null>;
  updateOrderStatus?(externalId: string, status: OrderStatus, options?: CallOptionsV1): Promise<void>;

  /** Verify a delivery (timing-safe) and return its events, or throw `WebhookSignatureError`. */
  parseWebhook?(request: WebhookRequestV1): Promise<ChannelWebhookEventV1[]>;

  listPaymentMethods?(options?: CallOptionsV1): Promise<ChannelMethodV1[]>;
  listDeliveryMethods?(options?: CallOptionsV1): Promise<ChannelMethodV1[]>;
}
