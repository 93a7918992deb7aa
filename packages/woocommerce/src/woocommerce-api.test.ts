import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import currency from './__fixtures__/woocommerce-data-currencies-current.json';
import order from './__fixtures__/woocommerce-orders-retrieve.json';
import gateways from './__fixtures__/woocommerce-payment-gateways-list.json';
import variations from './__fixtures__/woocommerce-product-variations-list.json';
import batch from './__fixtures__/woocommerce-products-batch-partial.json';
import variable from './__fixtures__/woocommerce-products-list-variable.json';
import simple from './__fixtures__/woocommerce-products-retrieve-simple.json';
import shipping from './__fixtures__/woocommerce-shipping-methods-list.json';
import webhooks from './__fixtures__/woocommerce-webhooks-list.json';
import {
  gmtToIso,
  WooBatchResponse,
  WooCurrentCurrency,
  WooOrder,
  WooPaymentGateway,
  WooProduct,
  WooShippingMethod,
  WooVariation,
  WooWebhook,
} from './woocommerce-api';

describe('WooCommerce response schemas', () => {
  it('accept every documented example payload', () => {
    expect(() => WooProduct.parse(simple)).not.toThrow();
    expect(() => WooProduct.parse(variable)).not.toThrow();
    expect(() => z.array(WooVariation).parse(variations)).not.toThrow();
    expect(() => WooOrder.parse(order)).not.toThrow();
    expect(() => z.array(WooPaymentGateway).parse(gateways)).not.toThrow();
    expect(() => z.array(WooShippingMethod).parse(shipping)).not.toThrow();
    expect(() => z.array(WooWebhook).parse(webhooks)).not.toThrow();
    expect(WooCurrentCurrency.parse(currency).code).toBe('USD');
  });

  it('keep fields they do not declare (a plugin or a newer WooCommerce adding one breaks nothing)', () => {
    const parsed = WooProduct.parse({ ...simple, brand_from_plugin: { id: 3 } });
    expect(parsed).toMatchObject({ brand_from_plugin: { id: 3 }, catalog_visibility: 'visible' });
  });

  it('accept the number a line item carries as its price (the docs show `"price": 3`)', () => {
    expect(WooOrder.parse(order).line_items.map((l) => l.price)).toEqual([3, 12]);
  });

  it('tell a failed batch entry (its error object) from a saved one', () => {
    const [saved, failed] = WooBatchResponse.parse(batch).update ?? [];
    expect(saved).toMatchObject({ id: 794, stock_quantity: 7 });
    expect(saved?.error).toBeUndefined();
    expect(failed?.error).toMatchObject({ code: 'woocommerce_rest_product_invalid_id', data: { status: 400 } });
  });
});

describe('gmtToIso', () => {
  it('reads a *_gmt value as UTC', () => {
    expect(gmtToIso('2017-03-23T20:01:14')).toBe('2017-03-23T20:01:14.000Z');
    expect(gmtToIso(null)).toBeNull();
  });
});
