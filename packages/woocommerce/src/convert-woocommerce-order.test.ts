import { ChannelPayloadError, parsePayload } from '@omnisync/core';
import { describe, expect, it } from 'vitest';
import orderFixture from './__fixtures__/woocommerce-orders-retrieve.json';
import { convertWooCommerceOrder } from './convert-woocommerce-order';
import { WooOrder } from './woocommerce-api';

const ctx = { channelId: 'woo', statusMap: {}, vatNumberMetaKeys: ['_billing_vat_number'] };

function order(overrides: Record<string, unknown> = {}) {
  return parsePayload('woocommerce', 'order', WooOrder, { ...structuredClone(orderFixture), ...overrides });
}

describe('convertWooCommerceOrder', () => {
  it('converts the documented order, with GMT timestamps and the canonical status', () => {
    const converted = convertWooCommerceOrder(order(), ctx);
    expect(converted).toMatchObject({
      channelId: 'woo',
      externalId: '727',
      number: '727',
      rawStatus: 'processing',
      status: 'paid',
      createdAt: '2017-03-22T19:28:02.000Z',
      updatedAt: '2017-03-22T19:28:08.000Z',
      currency: 'USD',
      payment: { method: 'bacs', paid: true },
      delivery: { method: 'flat_rate', cost: { amount: '10.00', currency: 'USD' } },
      totals: { subtotal: '18.00', discount: '0.00', tax: '1.35', shipping: '10.00', total: '29.35' },
    });
    expect(converted.customer).toMatchObject({
      name: 'John Doe',
      email: 'john.doe@example.com',
      phone: '(555) 555-5555',
      type: 'person',
    });
    expect(converted.customer?.addresses.map((a) => a.kind)).toEqual(['billing', 'shipping']);
  });

  it('keeps the product and variation ids on each line, and a blank SKU as null', () => {
    const [first, second] = convertWooCommerceOrder(order(), ctx).lines;
    expect(first).toMatchObject({ lineId: '315', sku: null, listingId: '93', variantId: null, quantity: 2 });
    expect(first?.unitPrice).toBe('3.00');
    expect(second).toMatchObject({ lineId: '316', sku: 'Bar3', listingId: '22', variantId: '23', tax: '0.90' });
  });

  it('passes a line whose SKU the POS does not know through unchanged (the engine decides)', () => {
    const lines = structuredClone(orderFixture.line_items);
    lines[1] = { ...lines[1]!, sku: 'NOT-IN-ANY-POS-42' };
    const converted = convertWooCommerceOrder(order({ line_items: lines }), ctx);
    expect(converted.lines.map((l) => l.sku)).toEqual([null, 'NOT-IN-ANY-POS-42']);
  });

  it('splits a coupon into the line discount and keeps an uneven unit price exact enough', () => {
    const lines = [{ ...orderFixture.line_items[0]!, quantity: 3, subtotal: '10.00', total: '8.50' }];
    const [line] = convertWooCommerceOrder(order({ line_items: lines }), ctx).lines;
    expect(line).toMatchObject({ unitPrice: '3.3333', discount: '1.50' });
  });

  it('reads the VAT number from a configured meta key and marks a company buyer', () => {
    const converted = convertWooCommerceOrder(
      order({
        billing: { ...orderFixture.billing, company: 'Acme Ltd' },
        meta_data: [{ id: 1, key: '_billing_vat_number', value: 'BG123456789' }],
      }),
      ctx,
    );
    expect(converted.customer).toMatchObject({ vatNumber: 'BG123456789', type: 'company' });
  });

  it('treats an unpaid cash-on-delivery order as not paid', () => {
    const converted = convertWooCommerceOrder(order({ status: 'pending', date_paid_gmt: null }), ctx);
    expect(converted).toMatchObject({ status: 'unpaid', payment: { paid: false } });
  });

  it('maps a custom status through the status map, and refuses one it does not know', () => {
    expect(
      convertWooCommerceOrder(order({ status: 'shipped' }), { ...ctx, statusMap: { shipped: 'shipped' } }).status,
    ).toBe('shipped');
    expect(() => convertWooCommerceOrder(order({ status: 'shipped' }), ctx)).toThrow(ChannelPayloadError);
  });

  it('refuses a malformed amount at the edge, naming its path', () => {
    try {
      order({ total: 'twenty' });
      expect.unreachable();
    } catch (error) {
      expect(ChannelPayloadError.isInstance(error)).toBe(true);
      expect((error as ChannelPayloadError).issues.map((i) => i.path)).toContain('total');
    }
  });

  it('refuses an order without a creation date', () => {
    expect(() => convertWooCommerceOrder(order({ date_created_gmt: null }), ctx)).toThrow(ChannelPayloadError);
  });
});
