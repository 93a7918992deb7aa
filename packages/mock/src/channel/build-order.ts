import { fromMinorUnits, type OrderStatus, toMinorUnits } from '@omnisync/core';
import { mockUsageError } from '../faults/fault-errors';
import type { ListingBook, ListingRow, MockListingRef } from './listing-book';
import { toRawOrderStatus } from './map-mock-order-status';
import type { RawBuyer, RawOrder, RawOrderItem } from './mock-api';

/** One line of an order a shopper places. */
export interface MockSellLine {
  sku?: string;
  listingId?: string;
  variantId?: string | null;
  /** Units (default 1). */
  quantity?: number;
  /** Decimal string; default the listing's price, else "10.00". */
  unitPrice?: string;
}

/** A buyer on a mock order (every part optional; omitted fields are generated). */
export interface MockBuyerInput {
  id?: string | null;
  name?: string | null;
  phone?: string | null;
  email?: string | null;
  vatNumber?: string | null;
  companyId?: string | null;
  city?: string | null;
}

/** What `sell` takes: one line (`sku` or `listingId` + `quantity`) or several `lines`. */
export interface MockSellArgs extends MockSellLine {
  lines?: MockSellLine[];
  /** The order's status when placed (default `unpaid`; `paid` for a prepaid order). */
  status?: OrderStatus;
  /** Sell even when the listing holds fewer units than asked (stock goes negative). */
  allowOversell?: boolean;
  /** The buyer; `null` for an order without buyer details. */
  customer?: MockBuyerInput | null;
  paymentMethod?: string | null;
  deliveryMethod?: string | null;
  /** Decimal string (default "0"). */
  shippingFee?: string;
  /** Default the channel currency; `null` to simulate a channel that sends none. */
  currency?: string | null;
  note?: string | null;
  /** Choose the order id (default: the next one). */
  orderId?: string;
  /** Seed a historical order: its creation time (default now). */
  createdAt?: string;
  /** Seed a historical order: its last update time (default its creation time). */
  updatedAt?: string;
  /** Leave the listings' stock as it is, unchecked (for seeding past orders). */
  keepStock?: boolean;
}

/** The resolved lines of a sale, each with its listing row. */
export interface ResolvedLine {
  row: ListingRow;
  quantity: number;
  unitPrice: string;
}

function refOf(line: MockSellLine): MockListingRef {
  if (line.listingId) return { listingId: line.listingId, variantId: line.variantId ?? null };
  if (line.sku) return line.sku;
  throw mockUsageError('sell() needs a `sku` or a `listingId` for each line.');
}

/** Resolve sale lines against the catalog and check stock (unless oversell is allowed). */
export function resolveLines(book: ListingBook, args: MockSellArgs): ResolvedLine[] {
  const lines = args.lines?.length ? args.lines : [args];
  const resolved = lines.map((line) => {
    const row = book.require(refOf(line));
    if (row.raw.status !== 'NORMAL') throw mockUsageError(`Listing "${row.key}" is not live; it cannot be sold.`);
    return { row, quantity: line.quantity ?? 1, unitPrice: line.unitPrice ?? row.raw.price ?? '10.00' };
  });
  if (!args.allowOversell && !args.keepStock) checkStock(resolved);
  return resolved;
}

function checkStock(lines: ResolvedLine[]): void {
  const asked = new Map<ListingRow, number>();
  for (const l of lines) asked.set(l.row, (asked.get(l.row) ?? 0) + l.quantity);
  for (const [row, quantity] of asked) {
    if (row.raw.stock < quantity) {
      throw mockUsageError(
        `Listing "${row.key}" (SKU ${row.raw.sku ?? 'none'}) holds ${row.raw.stock} units; ${quantity} asked. Pass allowOversell: true to sell anyway.`,
      );
    }
  }
}

function buyerOf(input: MockBuyerInput | null | undefined, n: string): RawBuyer | null {
  if (input === null) return null;
  const b = input ?? {};
  return {
    buyer_id: b.id ?? `B${n}`,
    name: b.name ?? `Buyer ${n}`,
    phone: b.phone === undefined ? `+62812${n.padStart(7, '0').slice(-7)}` : b.phone,
    email: b.email === undefined ? `buyer${n}@example.com` : b.email,
    vat_number: b.vatNumber ?? null,
    company_id: b.companyId ?? null,
    address: { line1: 'Jl. Merdeka 1', city: b.city ?? 'Bandung', postal_code: '40111', country: 'ID' },
  };
}

/** Build the raw order a shopper's purchase creates. */
export function buildOrder(
  ids: { id: string; number: string },
  lines: ResolvedLine[],
  args: MockSellArgs,
  currency: string,
  now: string,
): RawOrder {
  const items: RawOrderItem[] = lines.map((l, i) => ({
    line_id: `${ids.id}-${i + 1}`,
    item_id: l.row.raw.item_id,
    variant_id: l.row.raw.variant_id ?? null,
    sku: l.row.raw.sku ?? null,
    name: l.row.raw.name,
    quantity: l.quantity,
    unit_price: l.unitPrice,
    discount: '0',
  }));
  const subtotal = lines.reduce((sum, l) => sum + toMinorUnits(l.unitPrice) * BigInt(l.quantity), 0n);
  const shipping = args.shippingFee ?? '0';
  const status = args.status ?? 'unpaid';
  return {
    order_id: ids.id,
    order_number: ids.number,
    status: toRawOrderStatus(status),
    create_time: now,
    update_time: now,
    currency: args.currency === undefined ? currency : args.currency,
    buyer: buyerOf(args.customer, ids.id),
    items,
    payment_method: args.paymentMethod === undefined ? 'bank_transfer' : args.paymentMethod,
    paid: !['unpaid', 'on_hold', 'cancelled'].includes(status),
    shipping_method: args.deliveryMethod === undefined ? 'standard' : args.deliveryMethod,
    shipping_fee: shipping,
    subtotal: fromMinorUnits(subtotal),
    total: fromMinorUnits(subtotal + toMinorUnits(shipping)),
    note: args.note ?? null,
  };
}
