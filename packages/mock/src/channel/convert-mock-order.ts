import { type ChannelOrder, ChannelPayloadError, type Customer, parsePayload } from '@omnisync/core';
import { mapMockOrderStatus } from './map-mock-order-status';
import { type RawBuyer, RawOrder } from './mock-api';

function toCustomer(buyer: RawBuyer | null | undefined): Customer | null {
  if (!buyer) return null;
  const address = buyer.address;
  return {
    id: buyer.buyer_id ?? null,
    name: buyer.name ?? null,
    phone: buyer.phone ?? null,
    email: buyer.email ?? null,
    vatNumber: buyer.vat_number ?? null,
    companyId: buyer.company_id ?? null,
    type: buyer.vat_number || buyer.company_id ? 'company' : 'person',
    addresses: address
      ? [
          {
            name: buyer.name ?? null,
            line1: address.line1 ?? null,
            city: address.city ?? null,
            postalCode: address.postal_code ?? null,
            country: address.country ?? null,
            phone: buyer.phone ?? null,
            kind: 'shipping',
          },
        ]
      : [],
  };
}

/**
 * Parse a mock wire-format order into a canonical `ChannelOrder`. A malformed
 * order, or a status the mapping does not know, throws `ChannelPayloadError`
 * naming the field.
 */
export function convertMockOrder(channelId: string, payload: unknown): ChannelOrder {
  const raw = parsePayload('mock', 'order', RawOrder, payload);
  const status = mapMockOrderStatus(raw.status);
  if (!status) {
    throw new ChannelPayloadError('mock', 'order', [{ path: 'status', message: 'unknown order status' }]);
  }
  const currency = raw.currency ?? null;
  return {
    channelId,
    externalId: raw.order_id,
    number: raw.order_number,
    rawStatus: raw.status,
    status,
    createdAt: raw.create_time,
    updatedAt: raw.update_time,
    currency,
    customer: toCustomer(raw.buyer),
    lines: raw.items.map((item) => ({
      lineId: item.line_id,
      sku: item.sku ?? null,
      listingId: item.item_id ?? null,
      variantId: item.variant_id ?? null,
      externalProductId: item.item_id ?? null,
      title: item.name,
      quantity: item.quantity,
      unitPrice: item.unit_price,
      discount: item.discount ?? '0',
      tax: '0',
      modifiers: [],
    })),
    payment: { method: raw.payment_method ?? null, paid: raw.paid },
    delivery: {
      method: raw.shipping_method ?? null,
      cost: raw.shipping_fee && currency ? { amount: raw.shipping_fee, currency } : null,
    },
    totals: {
      subtotal: raw.subtotal,
      discount: '0',
      tax: '0',
      shipping: raw.shipping_fee ?? '0',
      total: raw.total,
    },
    note: raw.note ?? null,
    raw: payload,
  };
}
