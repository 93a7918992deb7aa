import type { ChannelConnectorV1, ChannelOrder, Listing, OrderStatus } from '@omnisync/core';
import type { MockFaultRecord, MockFaults, ScriptedFault } from '../faults/mock-faults';
import { checkChannelOptions, checkFaults } from '../mock-settings';
import type { MockSellArgs } from './build-order';
import { generateMockListings } from './generate-listings';
import { createInMemoryConnector } from './in-memory-connector';
import type { MockListingInput, MockListingRef } from './listing-book';
import { type ListingEdit, type MockCall, MockMarketplace } from './marketplace';
import { ALL_CHANNEL_CAPABILITIES, type MockChannelOptions } from './mock-channel-options';
import type { MockWebhookDelivery, WebhookListener } from './webhook-outbox';
import { signMockWebhook, WEBHOOK_HEADERS } from './webhook-signature';

/** The webhooks a mock channel sends, for a test to take or subscribe to. */
export interface MockChannelWebhooks {
  /** Take every delivery not yet taken (after the webhook faults), in delivery order. */
  drain(): MockWebhookDelivery[];
  /** Receive deliveries as they are sent (asynchronously). Returns an unsubscribe function. */
  subscribe(listener: WebhookListener): () => void;
  /** Send now the deliveries the reorder fault is holding back behind a next one. */
  releaseHeld(): void;
  /** Every delivery the channel meant to send, before faults. */
  readonly sent: readonly MockWebhookDelivery[];
  /** Sign a body as the channel would (for building valid or tampered deliveries). */
  sign(rawBody: string, timestampSeconds?: number): Record<string, string>;
}

/** Actions a test takes as the marketplace, its sellers or its shoppers. */
export interface MockChannelActions {
  /** A shopper places an order; the listings' stock goes down. Refused when stock is short unless `allowOversell`. */
  sell(args: MockSellArgs): ChannelOrder;
  /** The buyer pays (`unpaid` → `paid`). */
  pay(orderId: string): ChannelOrder;
  /** The seller accepts the order (`paid` → `accepted`). */
  accept(orderId: string): ChannelOrder;
  /** Handed to the carrier (→ `shipped`). */
  ship(orderId: string): ChannelOrder;
  /** Delivered (→ `completed`). */
  complete(orderId: string): ChannelOrder;
  /** Cancelled before shipping; stock goes back unless `restock: false`. */
  cancel(orderId: string, options?: { restock?: boolean }): ChannelOrder;
  /** Returned after shipping; stock goes back only with `restock: true`. */
  returnOrder(orderId: string, options?: { restock?: boolean }): ChannelOrder;
  /** Move an order to any status its lifecycle allows. */
  setOrderStatus(orderId: string, status: OrderStatus): ChannelOrder;
  /** A seller adds a listing (one row per variant). */
  addListing(input: MockListingInput): Listing[];
  /** A seller edits a listing. */
  editListing(ref: MockListingRef, edit: ListingEdit): Listing;
  /** A seller changes a listing's SKU. */
  changeSku(ref: MockListingRef, sku: string | null): Listing;
  /** A seller archives a listing. */
  archive(ref: MockListingRef): Listing;
  /** A seller deactivates (unlists) a listing. */
  deactivate(ref: MockListingRef): Listing;
  /** A seller deletes a listing (it disappears from reads). */
  deleteListing(ref: MockListingRef): Listing;
  /** A seller sets the quantity by hand in the seller centre. */
  setQuantity(ref: MockListingRef, quantity: number): Listing;
}

/** What the mock channel holds now, and what happened to it. */
export interface MockChannelTruth {
  /** Every listing row, deleted ones included, in pagination order. */
  listings(): Listing[];
  /** One listing row, or null. */
  listing(ref: MockListingRef): Listing | null;
  /** Every order, in creation order. */
  orders(): ChannelOrder[];
  /** One order, or null. */
  order(orderId: string): ChannelOrder | null;
  /** The quantity a listing holds now (null when there is no such listing). */
  quantityOf(ref: MockListingRef): number | null;
  /** Every connector call served or refused, in order. */
  readonly calls: readonly MockCall[];
  /** The calls to one method. */
  callsTo(method: string): MockCall[];
  /** Every fault that fired, in order: compare two runs with the same seed. */
  readonly faultLog: readonly MockFaultRecord[];
}

/** Fault controls of a mock channel. */
export interface MockChannelFaultControls {
  /** Replace the faults in force. */
  setFaults(faults: MockFaults): void;
  /** Make the next matching call fail (429, 5xx or timeout), whatever the rates. */
  failNext(fault: ScriptedFault): void;
  /**
   * Make the next listing or order page carry one malformed item (`stock: "many"`, or a line
   * `quantity: "two"`): the connector rejects it (`PageV1.rejected`) and delivers the rest.
   */
  corruptNext(kind: 'listings' | 'orders'): void;
}

/** The mock channel: a `ChannelConnectorV1` plus the marketplace's actions, ground truth and fault controls. */
export type MockChannel = ChannelConnectorV1 &
  MockChannelActions &
  MockChannelTruth &
  MockChannelFaultControls & {
    readonly channelId: string;
    readonly webhooks: MockChannelWebhooks;
    /** The marketplace state behind the connector (shared with `startMockServer` and the msw handlers). */
    readonly marketplace: MockMarketplace;
  };

/**
 * Create an in-memory mock marketplace that implements `ChannelConnectorV1`
 * fully (every capability on unless overridden), with seeded faults.
 *
 * @example
 * const channel = createMockChannel({ listings: [{ sku: 'TS-RED-M', quantity: 5 }] });
 * channel.sell({ sku: 'TS-RED-M', quantity: 2 });
 * expect(channel.quantityOf('TS-RED-M')).toBe(3);
 */
export function createMockChannel(options: MockChannelOptions = {}): MockChannel {
  checkChannelOptions(options);
  const channelId = options.channelId ?? 'mock';
  const seed = options.seed ?? 'omnisync';
  const clock = options.clock ?? (() => new Date());
  const market = new MockMarketplace({
    channelId,
    seed,
    currency: options.currency ?? 'IDR',
    batchLimit: options.batchLimit ?? 50,
    webhookSecret: options.webhookSecret ?? 'mock-webhook-secret',
    clock,
    ...(options.faults ? { faults: options.faults } : {}),
    ...(options.paymentMethods ? { paymentMethods: options.paymentMethods } : {}),
    ...(options.deliveryMethods ? { deliveryMethods: options.deliveryMethods } : {}),
  });
  for (const listing of options.listings ?? []) market.listingBook.add(listing);
  if (options.catalogSize) {
    for (const l of generateMockListings({ count: options.catalogSize, seed })) market.listingBook.add(l);
  }
  const connector = createInMemoryConnector(market, {
    capabilities: { ...ALL_CHANNEL_CAPABILITIES, ...options.capabilities },
    pageSize: options.pageSize ?? 100,
    batchLimit: market.options.batchLimit,
  });
  return Object.assign(connector, {
    channelId,
    marketplace: market,
    ...actions(market),
    ...truth(market),
    setFaults: (faults: MockFaults) => {
      checkFaults(faults);
      market.faults.set(faults);
    },
    failNext: (fault: ScriptedFault) => market.faults.script(fault),
    corruptNext: (kind: 'listings' | 'orders') => market.corruptNext(kind),
    webhooks: webhookControls(market),
  });
}

function actions(market: MockMarketplace): MockChannelActions {
  const move = (id: string, to: OrderStatus, restock?: boolean) =>
    market.moveOrder(id, to, restock === undefined ? {} : { restock });
  return {
    sell: (args) => market.sell(args),
    pay: (id) => move(id, 'paid'),
    accept: (id) => move(id, 'accepted'),
    ship: (id) => move(id, 'shipped'),
    complete: (id) => move(id, 'completed'),
    cancel: (id, o) => move(id, 'cancelled', o?.restock ?? true),
    returnOrder: (id, o) => move(id, 'returned', o?.restock ?? false),
    setOrderStatus: (id, status) => move(id, status),
    addListing: (input) => market.addListing(input),
    editListing: (ref, edit) => market.editListing(ref, edit),
    changeSku: (ref, sku) => market.editListing(ref, { sku }),
    archive: (ref) => market.editListing(ref, { status: 'archived' }),
    deactivate: (ref) => market.editListing(ref, { status: 'inactive' }),
    deleteListing: (ref) => market.editListing(ref, { status: 'deleted' }),
    setQuantity: (ref, quantity) => market.editListing(ref, { quantity }),
  };
}

function truth(market: MockMarketplace): MockChannelTruth {
  return {
    listings: () => market.listingBook.all().map((r) => market.toListing(r)),
    listing: (ref) => {
      const row = market.listingBook.find(ref);
      return row ? market.toListing(row) : null;
    },
    orders: () => market.orderBook.all().map((r) => market.toOrder(r)),
    order: (id) => {
      const row = market.orderBook.get(id);
      return row ? market.toOrder(row) : null;
    },
    quantityOf: (ref) => market.listingBook.find(ref)?.raw.stock ?? null,
    calls: market.calls,
    callsTo: (method) => market.calls.filter((c) => c.method === method),
    faultLog: market.faults.log,
  };
}

function webhookControls(market: MockMarketplace): MockChannelWebhooks {
  const outbox = market.webhooks;
  return {
    drain: () => outbox.drain(),
    subscribe: (listener) => outbox.subscribe(listener),
    releaseHeld: () => outbox.releaseHeld(),
    sent: outbox.sent,
    sign: (rawBody, timestampSeconds) => {
      const ts = timestampSeconds ?? Math.floor(market.options.clock().getTime() / 1000);
      return {
        'content-type': 'application/json',
        [WEBHOOK_HEADERS.timestamp]: String(ts),
        [WEBHOOK_HEADERS.signature]: signMockWebhook(market.options.webhookSecret, ts, rawBody),
      };
    },
  };
}
