import {
  type Address,
  ChannelOrder,
  type ChannelOrderInput,
  type Customer,
  fromMinorUnits,
  type OrderLine,
  type OrderStatus,
  parsePayload,
  toMinorUnits,
} from '@omnisync/core';
import { mapWooCommerceOrderStatus } from './map-woocommerce-order-status';
import { gmtToIso, type WooAddress, type WooLineItem, type WooOrder } from './woocommerce-api';

/** What an order conversion needs besides the payload. */
export interface WooOrderContext {
  channelId: string;
  /** Custom statuses from plugins (`settings.statusMap`). */
  statusMap: Readonly<Record<string, OrderStatus>>;
  /** Meta keys searched for the buyer's VAT number. */
  vatNumberMetaKeys: readonly string[];
}

/** Internal precision of amount arithmetic (WooCommerce sends 2 decimals by default, `dp` can raise it). */
const SCALE = 4;

/**
 * Convert a WooCommerce order into the canonical `ChannelOrder`.
 *
 * Lines keep their SKU exactly as the store sent it, known to the POS or
 * not: matching is the engine's job. The line's unit price is its subtotal
 * (before coupons) divided by the quantity; the coupon share is its
 * `discount`. Timestamps come from the `*_gmt` fields. The result is checked
 * against the canonical schema, so a malformed amount becomes
 * `ChannelPayloadError` naming its path.
 */
export function convertWooCommerceOrder(order: WooOrder, ctx: WooOrderContext): ChannelOrder {
  const externalId = String(order.id);
  const createdAt = gmtToIso(order.date_created_gmt);
  const sold = order.line_items.filter((line) => line.quantity > 0);
  const lines = sold.map(convertLine);
  const draft: ChannelOrderInput = {
    channelId: ctx.channelId,
    externalId,
    number: String(order.number ?? order.id),
    rawStatus: order.status,
    status: mapWooCommerceOrderStatus(order.status, ctx.statusMap, externalId),
    createdAt: createdAt ?? '',
    updatedAt: gmtToIso(order.date_modified_gmt) ?? createdAt ?? '',
    currency: order.currency ? order.currency.toUpperCase() : null,
    customer: customerOf(order, ctx.vatNumberMetaKeys),
    lines,
    payment: { method: order.payment_method || null, paid: Boolean(order.date_paid_gmt) },
    delivery: {
      method: order.shipping_lines?.[0]?.method_id || null,
      cost: order.currency ? { amount: amount(order.shipping_total), currency: order.currency.toUpperCase() } : null,
    },
    totals: {
      subtotal: decimal(sold.reduce((sum, line) => sum + units(line.subtotal ?? line.total), 0n)),
      discount: amount(order.discount_total),
      tax: amount(order.total_tax),
      shipping: amount(order.shipping_total),
      total: amount(order.total),
    },
    note: order.customer_note || null,
    raw: order,
  };
  return parsePayload('woocommerce', 'order', ChannelOrder, draft);
}

function convertLine(line: WooLineItem): OrderLine {
  const subtotal = units(line.subtotal ?? line.total);
  const total = units(line.total ?? line.subtotal);
  const quantity = BigInt(line.quantity);
  const variationId = Number(line.variation_id ?? 0);
  return {
    lineId: String(line.id),
    sku: line.sku || null,
    listingId: line.product_id ? String(line.product_id) : null,
    variantId: variationId > 0 ? String(variationId) : null,
    externalProductId: line.product_id ? String(line.product_id) : null,
    title: line.name ?? '',
    quantity: line.quantity,
    unitPrice: decimal((2n * subtotal + quantity) / (2n * quantity)),
    discount: decimal(subtotal - total),
    tax: amount(line.total_tax),
    modifiers: [],
  };
}

function customerOf(order: WooOrder, vatKeys: readonly string[]): Customer | null {
  const billing = order.billing ?? {};
  const name = [billing.first_name, billing.last_name].filter(Boolean).join(' ').trim();
  const addresses = [addressOf(billing, 'billing'), addressOf(order.shipping ?? {}, 'shipping')].filter(
    (a): a is Address => a !== null,
  );
  const customerId = Number(order.customer_id ?? 0);
  const customer: Customer = {
    id: customerId > 0 ? String(customerId) : null,
    name: name || null,
    phone: billing.phone || null,
    email: billing.email || null,
    vatNumber: vatNumberOf(order, vatKeys),
    companyId: null,
    type: billing.company ? 'company' : 'person',
    addresses,
  };
  return customer.name || customer.email || customer.phone || addresses.length ? customer : null;
}

function addressOf(address: WooAddress, kind: 'billing' | 'shipping'): Address | null {
  if (!address.address_1 && !address.city && !address.postcode) return null;
  const name = [address.first_name, address.last_name].filter(Boolean).join(' ').trim();
  return {
    name: name || null,
    company: address.company || null,
    line1: address.address_1 || null,
    line2: address.address_2 || null,
    city: address.city || null,
    region: address.state || null,
    postalCode: address.postcode || null,
    country: address.country || null,
    phone: address.phone || null,
    kind,
  };
}

function vatNumberOf(order: WooOrder, keys: readonly string[]): string | null {
  for (const key of keys) {
    const value = order.meta_data?.find((meta) => meta.key === key)?.value;
    if (typeof value === 'string' && value.trim()) return value.trim();
  }
  return null;
}

/** A WooCommerce amount (string or number, possibly blank) as a canonical decimal string. */
function amount(value: string | number | null | undefined): string {
  return decimal(units(value));
}

/** Scaled integer units of an amount the API schema already checked. */
function units(value: string | number | null | undefined): bigint {
  if (value === null || value === undefined || value === '') return 0n;
  return toMinorUnits(typeof value === 'number' ? value.toFixed(SCALE) : value, SCALE);
}

/** Format scaled units with at least two decimals (`12.5000` -> `12.50`, `3.3333` stays). */
function decimal(scaled: bigint): string {
  return fromMinorUnits(scaled, SCALE).replace(/(\.\d\d\d*?)0+$/, '$1');
}
