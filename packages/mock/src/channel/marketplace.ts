import type {
  ChannelMethodV1,
  ChannelOrder,
  Listing,
  ListingDraft,
  OrderStatus,
  StockUpdate,
  StockUpdateResult,
} from '@omnisync/core';
import { mockUsageError, refusedError } from '../faults/fault-errors';
import { FaultInjector } from '../faults/fault-injector';
import type { MockFaults } from '../faults/mock-faults';
import { applyStockUpdate } from './apply-stock-update';
import { buildOrder, type MockSellArgs, resolveLines } from './build-order';
import { convertMockListing, toRawListingStatus } from './convert-mock-listing';
import { convertMockOrder } from './convert-mock-order';
import { ListingBook, type ListingRow, type MockListingInput, type MockListingRef } from './listing-book';
import { canMoveOrder, mapMockOrderStatus, toRawOrderStatus } from './map-mock-order-status';
import type { RawListing, RawOrder } from './mock-api';
import { OrderBook, type OrderRow } from './order-book';
import { WebhookOutbox } from './webhook-outbox';

/** One connector call the mock served (or refused), for assertions on batching and retries. */
export interface MockCall {
  n: number;
  method: string;
  at: string;
  /** Batch size (`updateStock`) or page size served (`listListings`, `listOrders`). */
  size?: number;
  page?: number;
  ok: boolean;
  errorCode?: string;
}

/** Settings of the mock marketplace (shared by the in-memory connector and the HTTP server). */
export interface MarketplaceOptions {
  channelId: string;
  seed: string | number;
  currency: string;
  batchLimit: number;
  webhookSecret: string;
  clock: () => Date;
  faults?: MockFaults;
  paymentMethods?: ChannelMethodV1[];
  deliveryMethods?: ChannelMethodV1[];
}

/** What a seller edit of a listing may change. */
export interface ListingEdit {
  title?: string;
  sku?: string | null;
  price?: string | null;
  quantity?: number;
  status?: Listing['status'];
  attributes?: Record<string, string>;
}

const DEFAULT_PAYMENT_METHODS: ChannelMethodV1[] = [
  { id: 'bank_transfer', title: 'Bank transfer', enabled: true },
  { id: 'cod', title: 'Cash on delivery', enabled: true },
  { id: 'ewallet', title: 'E-wallet', enabled: true },
];
const DEFAULT_DELIVERY_METHODS: ChannelMethodV1[] = [
  { id: 'standard', title: 'Standard delivery', enabled: true },
  { id: 'express', title: 'Express delivery', enabled: true },
  { id: 'pickup', title: 'Pickup point', enabled: false },
];

/**
 * The mock marketplace itself: its catalog, orders, webhooks and faults, and
 * the actions of its sellers and shoppers. The in-memory connector and the
 * HTTP server both serve this state.
 */
export class MockMarketplace {
  readonly listingBook: ListingBook;
  readonly orderBook = new OrderBook();
  readonly faults: FaultInjector;
  readonly webhooks: WebhookOutbox;
  readonly calls: MockCall[] = [];
  private readonly corruptions = new Set<'listings' | 'orders'>();
  readonly paymentMethods: ChannelMethodV1[];
  readonly deliveryMethods: ChannelMethodV1[];

  constructor(readonly options: MarketplaceOptions) {
    this.faults = new FaultInjector(options.seed, options.faults);
    this.listingBook = new ListingBook(() => this.now(), options.currency);
    this.webhooks = new WebhookOutbox(options.webhookSecret, this.faults, () => options.clock().getTime());
    this.paymentMethods = options.paymentMethods ?? DEFAULT_PAYMENT_METHODS;
    this.deliveryMethods = options.deliveryMethods ?? DEFAULT_DELIVERY_METHODS;
  }

  /** The mock's clock as an ISO string. */
  now(): string {
    return this.options.clock().toISOString();
  }

  /** Record a served call. */
  logCall(call: Omit<MockCall, 'n' | 'at'>): void {
    this.calls.push({ n: this.calls.length + 1, at: this.now(), ...call });
  }

  /** The canonical listing of a row. */
  toListing(row: ListingRow): Listing {
    return convertMockListing(this.options.channelId, row.raw);
  }

  /** The canonical order of a row. */
  toOrder(row: OrderRow): ChannelOrder {
    return convertMockOrder(this.options.channelId, row.raw);
  }

  /** Make the next listing or order page carry one malformed item. */
  corruptNext(kind: 'listings' | 'orders'): void {
    this.corruptions.add(kind);
  }

  /**
   * The raw items a page serves: as stored, or with its first item broken when
   * a corruption is pending or the `malformedPayload` fault fires.
   */
  serve<T extends RawListing | RawOrder>(kind: 'listings' | 'orders', items: T[]): T[] {
    const rate = this.faults.current.malformedPayload ?? 0;
    const fired = this.faults.stream('payload').chance(rate);
    const first = items[0];
    if (!first || !(this.corruptions.delete(kind) || fired)) return items;
    this.faults.record('malformedPayload', kind, kind === 'listings' ? 'stock' : 'items.0.quantity');
    const broken =
      kind === 'listings'
        ? { ...first, stock: 'many' }
        : {
            ...first,
            items: (first as RawOrder).items.map((item, i) => (i === 0 ? { ...item, quantity: 'two' } : item)),
          };
    return [broken as unknown as T, ...items.slice(1)];
  }

  // ----- seller actions -----

  /** A seller adds a listing (with variants, one row each). */
  addListing(input: MockListingInput): Listing[] {
    const rows = this.listingBook.add(input);
    for (const row of rows) this.webhooks.emit('listing.updated', row.raw);
    return rows.map((r) => this.toListing(r));
  }

  /** A seller edits a listing in the seller centre. */
  editListing(ref: MockListingRef, edit: ListingEdit): Listing {
    const row = this.listingBook.require(ref);
    const patch: Partial<RawListing> = {};
    if (edit.title !== undefined) patch.name = edit.title;
    if (edit.sku !== undefined) patch.sku = edit.sku;
    if (edit.price !== undefined) patch.price = edit.price;
    if (edit.quantity !== undefined) patch.stock = edit.quantity;
    if (edit.status !== undefined) patch.status = toRawListingStatus(edit.status);
    if (edit.attributes !== undefined) patch.attributes = edit.attributes;
    this.listingBook.update(row, patch);
    this.webhooks.emit(row.raw.status === 'DELETED' ? 'listing.deleted' : 'listing.updated', row.raw);
    return this.toListing(row);
  }

  // ----- shopper and order actions -----

  /** A shopper places an order: the listings' stock goes down by the quantities bought. */
  sell(args: MockSellArgs): ChannelOrder {
    const lines = resolveLines(this.listingBook, args);
    const ids = args.orderId ? { id: args.orderId, number: `MK-${args.orderId}` } : this.orderBook.nextIds();
    if (this.orderBook.get(ids.id)) throw mockUsageError(`An order "${ids.id}" already exists on the mock channel.`);
    if (!args.keepStock) for (const l of lines) this.listingBook.update(l.row, { stock: l.row.raw.stock - l.quantity });
    const raw = buildOrder(ids, lines, args, this.options.currency, args.createdAt ?? this.now());
    const row = this.orderBook.add(args.updatedAt ? { ...raw, update_time: args.updatedAt } : raw);
    this.webhooks.emit('order.created', row.raw);
    return this.toOrder(row);
  }

  /** Move an order along its lifecycle as the marketplace would; an impossible move throws. */
  moveOrder(orderId: string, to: OrderStatus, options: { restock?: boolean } = {}): ChannelOrder {
    const row = this.requireOrder(orderId);
    const from = mapMockOrderStatus(row.raw.status) ?? 'unpaid';
    if (!canMoveOrder(from, to)) {
      throw mockUsageError(`Order "${orderId}" cannot move from ${from} to ${to} on the mock channel.`);
    }
    this.applyStatus(row, to, options.restock ?? to === 'cancelled');
    return this.toOrder(row);
  }

  private applyStatus(row: OrderRow, to: OrderStatus, restock: boolean): void {
    if (row.raw.status === toRawOrderStatus(to)) return;
    const paid = row.raw.paid || ['paid', 'accepted', 'shipped', 'completed'].includes(to);
    this.orderBook.update(row, { status: toRawOrderStatus(to), paid }, this.now());
    if (restock) this.restock(row);
    this.webhooks.emit('order.updated', row.raw);
  }

  private restock(row: OrderRow): void {
    for (const item of row.raw.items) {
      const listing = item.item_id
        ? this.listingBook.find({ listingId: item.item_id, variantId: item.variant_id ?? null })
        : undefined;
      if (listing) this.listingBook.update(listing, { stock: listing.raw.stock + item.quantity });
    }
  }

  /** The order row, or a usage error naming the id. */
  requireOrder(orderId: string): OrderRow {
    const row = this.orderBook.get(orderId);
    if (!row) throw mockUsageError(`The mock channel has no order "${orderId}".`);
    return row;
  }

  // ----- connector operations (in-memory connector and HTTP server) -----

  /** Status write-back from the seller's system: an impossible move is refused like HTTP 409. */
  writeOrderStatus(orderId: string, to: OrderStatus, method = 'updateOrderStatus'): ChannelOrder {
    const row = this.orderBook.get(orderId);
    if (!row) throw refusedError(method, 404, `no order "${orderId}"`);
    const from = mapMockOrderStatus(row.raw.status) ?? 'unpaid';
    if (!canMoveOrder(from, to)) throw refusedError(method, 409, `an order cannot move from ${from} to ${to}`);
    this.applyStatus(row, to, to === 'cancelled');
    return this.toOrder(row);
  }

  /** Apply a stock batch; the caller has checked the batch limit. Partial failure is per item. */
  applyStockUpdates(
    updates: readonly StockUpdate[],
    honour: { compareAndSet: boolean; deactivate: boolean },
  ): StockUpdateResult[] {
    return updates.map((u) => applyStockUpdate(this.listingBook, u, honour));
  }

  /** Create a listing from a draft (product upload); `parentSku` groups it as a variant. */
  createFromDraft(draft: ListingDraft): Listing {
    const parent = draft.parentSku ? this.listingBook.find(draft.parentSku) : undefined;
    const price = draft.price ?? null;
    const variant = {
      sku: draft.sku,
      title: draft.title,
      quantity: draft.quantity,
      price,
      attributes: draft.attributes,
    };
    const [row] = parent
      ? this.listingBook.add({ listingId: parent.raw.item_id, variants: [variant] })
      : this.listingBook.add(variant);
    return this.toListing(row as ListingRow);
  }
}
