/*
 * Builders of WooCommerce REST payloads for the simulated store, made from the
 * documented examples in this folder (real field names and shapes): a simple
 * product (`woocommerce-products-retrieve-simple.json`), a variation
 * (`woocommerce-product-variations-retrieve.json`) and an order
 * (`woocommerce-orders-retrieve.json`), with ids, SKUs, stock, statuses and
 * dates filled in.
 */
import orderFixture from './woocommerce-orders-retrieve.json';
import variationFixture from './woocommerce-product-variations-retrieve.json';
import simpleFixture from './woocommerce-products-retrieve-simple.json';

/** A JSON object as the store holds it. */
export type Json = Record<string, unknown>;

/** The simulated site's timezone offset from GMT, in hours (the docs' examples are UTC-3). */
export const SITE_UTC_OFFSET_HOURS = -3;

/** `YYYY-MM-DDTHH:MM:SS` in GMT (the `*_gmt` fields). */
export function gmt(date: Date): string {
  return date.toISOString().slice(0, 19);
}

/** `YYYY-MM-DDTHH:MM:SS` in the site's timezone (the fields without `_gmt`). */
export function local(date: Date): string {
  return gmt(new Date(date.getTime() + SITE_UTC_OFFSET_HOURS * 3_600_000));
}

/** Set a `date_<name>` and `date_<name>_gmt` pair. */
export function stampDate(target: Json, name: string, date: Date | null): void {
  target[`date_${name}`] = date ? local(date) : null;
  target[`date_${name}_gmt`] = date ? gmt(date) : null;
}

/** What a test says about a product; everything else comes from the documented example. */
export interface ProductInput {
  id: number;
  name: string;
  sku?: string;
  type?: 'simple' | 'variable' | 'grouped' | 'external';
  status?: 'publish' | 'draft' | 'pending' | 'private';
  regularPrice?: string;
  /** A number turns stock management on; null leaves it off. */
  stockQuantity?: number | null;
  modifiedAt: Date;
  attributes?: { name: string; options: string[] }[];
}

/** A product payload (`GET /products/{id}`). */
export function productJson(input: ProductInput, baseUrl: string): Json {
  const product: Json = structuredClone(simpleFixture);
  const managed = input.stockQuantity !== undefined && input.stockQuantity !== null;
  Object.assign(product, {
    id: input.id,
    name: input.name,
    slug: input.name.toLowerCase().replace(/[^a-z0-9]+/g, '-'),
    permalink: `${baseUrl}/product/${input.id}/`,
    type: input.type ?? 'simple',
    status: input.status ?? 'publish',
    sku: input.sku ?? '',
    price: input.type === 'variable' ? '' : (input.regularPrice ?? '10.00'),
    regular_price: input.type === 'variable' ? '' : (input.regularPrice ?? '10.00'),
    manage_stock: managed,
    stock_quantity: managed ? input.stockQuantity : null,
    stock_status: !managed || (input.stockQuantity ?? 0) > 0 ? 'instock' : 'outofstock',
    related_ids: [],
    variations: [],
    attributes: (input.attributes ?? []).map((a, position) => ({
      id: 0,
      name: a.name,
      position,
      visible: true,
      variation: input.type === 'variable',
      options: a.options,
    })),
    _links: selfLinks(`${baseUrl}/wp-json/wc/v3/products`, input.id),
  });
  stampDate(product, 'created', input.modifiedAt);
  stampDate(product, 'modified', input.modifiedAt);
  return product;
}

/** What a test says about a variation. */
export interface VariationInput {
  id: number;
  parentId: number;
  sku?: string;
  regularPrice?: string;
  stockQuantity?: number | null;
  status?: 'publish' | 'private';
  attributes: Record<string, string>;
  modifiedAt: Date;
}

/** A variation payload (`GET /products/{pid}/variations/{id}`); `parent_id` is kept for the store's bookkeeping. */
export function variationJson(input: VariationInput, baseUrl: string): Json {
  const variation: Json = structuredClone(variationFixture);
  const managed = input.stockQuantity !== undefined && input.stockQuantity !== null;
  Object.assign(variation, {
    id: input.id,
    parent_id: input.parentId,
    permalink: `${baseUrl}/product/${input.parentId}/?variation=${input.id}`,
    sku: input.sku ?? '',
    price: input.regularPrice ?? '9.00',
    regular_price: input.regularPrice ?? '9.00',
    status: input.status ?? 'publish',
    manage_stock: managed,
    stock_quantity: managed ? input.stockQuantity : null,
    stock_status: !managed || (input.stockQuantity ?? 0) > 0 ? 'instock' : 'outofstock',
    attributes: Object.entries(input.attributes).map(([name, option]) => ({ id: 0, name, option })),
    _links: selfLinks(`${baseUrl}/wp-json/wc/v3/products/${input.parentId}/variations`, input.id),
  });
  stampDate(variation, 'created', input.modifiedAt);
  stampDate(variation, 'modified', input.modifiedAt);
  return variation;
}

/** What a test says about an order line. */
export interface OrderLineInput {
  sku: string;
  quantity: number;
  /** Unit price, a decimal string. */
  price: string;
  productId?: number;
  variationId?: number;
  name?: string;
}

/** What a test says about an order. */
export interface OrderInput {
  id: number;
  status: string;
  currency?: string;
  createdAt: Date;
  modifiedAt: Date;
  lines: OrderLineInput[];
  paymentMethod?: string;
  shippingTotal?: string;
  billing?: Partial<Record<'first_name' | 'last_name' | 'email' | 'phone' | 'company', string>>;
}

/** An order payload (`GET /orders/{id}`) with its totals computed from the lines. */
export function orderJson(input: OrderInput, baseUrl: string): Json {
  const order: Json = structuredClone(orderFixture);
  const lines = input.lines.map((line, i) => lineJson(line, input.id * 100 + i));
  const shipping = input.shippingTotal ?? '0.00';
  const itemsTotal = lines.reduce((sum, line) => sum + cents(String(line.total)), 0);
  Object.assign(order, {
    id: input.id,
    number: String(input.id),
    order_key: `wc_order_${input.id.toString(36)}`,
    status: input.status,
    currency: input.currency ?? 'USD',
    discount_total: '0.00',
    shipping_total: shipping,
    cart_tax: '0.00',
    total_tax: '0.00',
    total: money(itemsTotal + cents(shipping)),
    billing: { ...(orderFixture.billing as Json), ...input.billing },
    payment_method: input.paymentMethod ?? 'bacs',
    payment_method_title: input.paymentMethod === 'cod' ? 'Cash on delivery' : 'Direct Bank Transfer',
    line_items: lines,
    tax_lines: [],
    shipping_lines: [
      { id: input.id * 100 + 99, method_title: 'Flat Rate', method_id: 'flat_rate', total: shipping, total_tax: '0.00', taxes: [], meta_data: [] },
    ],
    _links: selfLinks(`${baseUrl}/wp-json/wc/v3/orders`, input.id),
  });
  stampDate(order, 'created', input.createdAt);
  stampDate(order, 'modified', input.modifiedAt);
  const paid = ['processing', 'completed', 'refunded', 'shipped'].includes(input.status);
  stampDate(order, 'paid', paid ? input.createdAt : null);
  stampDate(order, 'completed', input.status === 'completed' ? input.modifiedAt : null);
  return order;
}

function lineJson(line: OrderLineInput, id: number): Json {
  const total = money(cents(line.price) * line.quantity);
  return {
    id,
    name: line.name ?? line.sku,
    product_id: line.productId ?? 0,
    variation_id: line.variationId ?? 0,
    quantity: line.quantity,
    tax_class: '',
    subtotal: total,
    subtotal_tax: '0.00',
    total,
    total_tax: '0.00',
    taxes: [],
    meta_data: [],
    sku: line.sku,
    price: Number(line.price),
  };
}

/** Cents of a decimal string (the store's own arithmetic; 2 decimals). */
export function cents(amount: string): number {
  return Math.round(Number(amount) * 100);
}

/** A decimal string with 2 decimals. */
export function money(centsValue: number): string {
  return (centsValue / 100).toFixed(2);
}

function selfLinks(collection: string, id: number): Json {
  return { self: [{ href: `${collection}/${id}` }], collection: [{ href: collection }] };
}
