import { ChannelPayloadError, Listing } from '@omnisync/core';
import { describe, expect, it } from 'vitest';
import variationFixture from './__fixtures__/woocommerce-product-variations-retrieve.json';
import variableFixture from './__fixtures__/woocommerce-products-list-variable.json';
import simpleFixture from './__fixtures__/woocommerce-products-retrieve-simple.json';
import {
  convertWooCommerceProduct,
  convertWooCommerceVariation,
  isSimpleListingType,
  listingStatusOf,
} from './convert-woocommerce-listing';
import { WooProduct, WooVariation } from './woocommerce-api';

const ctx = { channelId: 'woo', currency: 'USD' };
const simple = WooProduct.parse(simpleFixture);
const variable = WooProduct.parse(variableFixture);
const variation = WooVariation.parse(variationFixture);

describe('convertWooCommerceProduct', () => {
  it('converts the documented simple product into a valid listing using the GMT timestamp', () => {
    const listing = convertWooCommerceProduct(simple, ctx);
    expect(Listing.parse(listing)).toMatchObject({
      channelId: 'woo',
      listingId: '794',
      variantId: null,
      sku: null,
      title: 'Premium Quality',
      status: 'live',
      quantity: null,
      price: { amount: '21.99', currency: 'USD' },
      updatedAt: '2017-03-23T20:01:14.000Z',
    });
  });

  it('reads the stock quantity only when the product manages stock', () => {
    const managed = WooProduct.parse({ ...simpleFixture, sku: 'PQ-1', manage_stock: true, stock_quantity: 12 });
    expect(convertWooCommerceProduct(managed, ctx)).toMatchObject({ sku: 'PQ-1', quantity: 12 });
  });

  it('leaves the price out when the store currency is unknown', () => {
    expect(convertWooCommerceProduct(simple, { ...ctx, currency: null }).price).toBeNull();
  });

  it('converts a variation found by SKU search into a variant of its parent', () => {
    const found = WooProduct.parse({
      ...variationFixture,
      type: 'variation',
      parent_id: 799,
      name: 'Ship Your Idea - Black',
      sku: 'SYI-BLACK',
    });
    expect(convertWooCommerceProduct(found, ctx)).toMatchObject({
      listingId: '799',
      variantId: '732',
      sku: 'SYI-BLACK',
      title: 'Ship Your Idea - Black',
    });
  });

  it('refuses a product without any GMT date, naming the field', () => {
    const undated = WooProduct.parse({ ...simpleFixture, date_modified_gmt: null, date_created_gmt: null });
    expect(() => convertWooCommerceProduct(undated, ctx)).toThrow(ChannelPayloadError);
  });
});

describe('convertWooCommerceVariation', () => {
  it('makes each variation its own listing under the parent id, with its own SKU and stock', () => {
    const withStock = WooVariation.parse({
      ...variationFixture,
      sku: 'SYI-BLACK',
      manage_stock: true,
      stock_quantity: 4,
    });
    const listing = Listing.parse(convertWooCommerceVariation(variable, withStock, ctx));
    expect(listing).toMatchObject({
      listingId: '799',
      variantId: '732',
      sku: 'SYI-BLACK',
      title: 'Ship Your Idea - Black',
      quantity: 4,
      status: 'live',
      attributes: { Color: 'Black' },
      price: { amount: '9.00', currency: 'USD' },
      updatedAt: '2017-03-23T03:36:38.000Z',
    });
  });

  it("uses the parent's stock when the variation defers to it", () => {
    const parent = WooProduct.parse({ ...variableFixture, manage_stock: true, stock_quantity: 9 });
    const deferring = WooVariation.parse({ ...variationFixture, manage_stock: 'parent' });
    expect(convertWooCommerceVariation(parent, deferring, ctx).quantity).toBe(9);
  });

  it('is not live when the parent product is a draft, or the variation is disabled', () => {
    const draftParent = WooProduct.parse({ ...variableFixture, status: 'draft' });
    expect(convertWooCommerceVariation(draftParent, variation, ctx).status).toBe('inactive');
    const disabled = WooVariation.parse({ ...variationFixture, status: 'private' });
    expect(convertWooCommerceVariation(variable, disabled, ctx).status).toBe('inactive');
  });
});

describe('listing types and statuses', () => {
  it('treats only simple products as listings of their own', () => {
    expect(isSimpleListingType('simple')).toBe(true);
    expect(['variable', 'grouped', 'external'].map(isSimpleListingType)).toEqual([false, false, false]);
  });

  it('maps only publish to live', () => {
    expect(['publish', 'private', 'draft', 'pending', 'trash'].map(listingStatusOf)).toEqual([
      'live',
      'inactive',
      'inactive',
      'inactive',
      'deleted',
    ]);
  });
});
