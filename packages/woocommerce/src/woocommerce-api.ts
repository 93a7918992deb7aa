import { z } from 'zod';

/*
 * Response schemas of the WooCommerce REST API (wc/v3), minimal and tolerant:
 * only the fields the connector reads are declared, each `.nullish()` where a
 * store can leave it blank, and unknown keys are kept (`z.looseObject`) so a
 * plugin or a newer WooCommerce adding a field never breaks a sync.
 * https://woocommerce.github.io/woocommerce-rest-api-docs/
 */

/** A WooCommerce id: an integer (some plugins send it as a numeric string). */
const WooId = z.union([z.number().int(), z.string().regex(/^\d+$/).transform(Number)]);

/** A date-time in GMT without a zone, e.g. `2017-03-23T20:01:14` (the `*_gmt` fields). */
const GmtDateTime = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}/, 'expected a date-time such as 2017-03-23T20:01:14');

/** A money amount: a decimal string (blank allowed), or a number for a few fields (line `price`). */
const WooAmount = z.union([
  z.string().regex(/^(-?\d+(\.\d+)?)?$/, 'expected a decimal amount such as "12.50"'),
  z.number().finite(),
]);

/** A name/option pair on a variation (`{ id, name, option }`). */
export const WooVariationAttribute = z.looseObject({
  id: z.number().int().nullish(),
  name: z.string(),
  option: z.string().nullish(),
});

/** A product (`GET /products/{id}`), or a variation returned by `GET /products?sku=` (`type: "variation"`). */
export const WooProduct = z.looseObject({
  id: WooId,
  name: z.string().nullish(),
  type: z.string().nullish().describe('simple, grouped, external, variable (or variation from a SKU search)'),
  status: z.string().nullish().describe('draft, pending, private or publish'),
  sku: z.string().nullish(),
  price: z.string().nullish(),
  regular_price: z.string().nullish(),
  manage_stock: z.union([z.boolean(), z.literal('parent')]).nullish(),
  stock_quantity: z.number().int().nullish(),
  stock_status: z.string().nullish(),
  parent_id: WooId.nullish(),
  variations: z.array(WooId).nullish(),
  attributes: z.array(z.unknown()).nullish(),
  date_created_gmt: GmtDateTime.nullish(),
  date_modified_gmt: GmtDateTime.nullish(),
});
export type WooProduct = z.infer<typeof WooProduct>;

/** A product variation (`GET /products/{id}/variations/{vid}`). */
export const WooVariation = z.looseObject({
  id: WooId,
  name: z.string().nullish(),
  status: z.string().nullish(),
  sku: z.string().nullish(),
  price: z.string().nullish(),
  regular_price: z.string().nullish(),
  manage_stock: z.union([z.boolean(), z.literal('parent')]).nullish(),
  stock_quantity: z.number().int().nullish(),
  stock_status: z.string().nullish(),
  attributes: z.array(WooVariationAttribute).nullish(),
  date_created_gmt: GmtDateTime.nullish(),
  date_modified_gmt: GmtDateTime.nullish(),
});
export type WooVariation = z.infer<typeof WooVariation>;

/** A billing or shipping address on an order. */
export const WooAddress = z.looseObject({
  first_name: z.string().nullish(),
  last_name: z.string().nullish(),
  company: z.string().nullish(),
  address_1: z.string().nullish(),
  address_2: z.string().nullish(),
  city: z.string().nullish(),
  state: z.string().nullish(),
  postcode: z.string().nullish(),
  country: z.string().nullish(),
  email: z.string().nullish(),
  phone: z.string().nullish(),
});
export type WooAddress = z.infer<typeof WooAddress>;

/** A `meta_data` entry (`{ id, key, value }`); the value can be anything a plugin stored. */
export const WooMeta = z.looseObject({ key: z.string(), value: z.unknown() });

/** An order line (`line_items[]`). */
export const WooLineItem = z.looseObject({
  id: WooId,
  name: z.string().nullish(),
  product_id: WooId.nullish(),
  variation_id: WooId.nullish(),
  quantity: z.number().int(),
  subtotal: WooAmount.nullish(),
  total: WooAmount.nullish(),
  total_tax: WooAmount.nullish(),
  sku: z.string().nullish(),
  price: WooAmount.nullish(),
});
export type WooLineItem = z.infer<typeof WooLineItem>;

/** An order (`GET /orders/{id}`). */
export const WooOrder = z.looseObject({
  id: WooId,
  number: z.union([z.string(), z.number()]).nullish(),
  status: z.string(),
  currency: z.string().nullish(),
  date_created_gmt: GmtDateTime.nullish(),
  date_modified_gmt: GmtDateTime.nullish(),
  date_paid_gmt: GmtDateTime.nullish(),
  discount_total: WooAmount.nullish(),
  shipping_total: WooAmount.nullish(),
  total: WooAmount,
  total_tax: WooAmount.nullish(),
  customer_id: WooId.nullish(),
  customer_note: z.string().nullish(),
  billing: WooAddress.nullish(),
  shipping: WooAddress.nullish(),
  payment_method: z.string().nullish(),
  payment_method_title: z.string().nullish(),
  meta_data: z.array(WooMeta).nullish(),
  line_items: z.array(WooLineItem),
  shipping_lines: z
    .array(z.looseObject({ method_id: z.string().nullish(), method_title: z.string().nullish() }))
    .nullish(),
});
export type WooOrder = z.infer<typeof WooOrder>;

/** The error body of WordPress and WooCommerce: `{ code, message, data: { status } }`. */
export const WooErrorBody = z.looseObject({
  code: z.string(),
  message: z.string().nullish(),
  data: z.looseObject({ status: z.number().int().nullish() }).nullish(),
});
export type WooErrorBody = z.infer<typeof WooErrorBody>;

/** One entry of a batch response: the saved object, or `{ id, error }` when that item failed. */
export const WooBatchEntry = z.looseObject({
  id: WooId.nullish(),
  error: WooErrorBody.nullish(),
  stock_quantity: z.number().int().nullish(),
});
export type WooBatchEntry = z.infer<typeof WooBatchEntry>;

/** The response of `POST /products/batch` and `POST /products/{id}/variations/batch`. */
export const WooBatchResponse = z.looseObject({
  create: z.array(WooBatchEntry).nullish(),
  update: z.array(WooBatchEntry).nullish(),
  delete: z.array(WooBatchEntry).nullish(),
});
export type WooBatchResponse = z.infer<typeof WooBatchResponse>;

/** A payment gateway (`GET /payment_gateways`, not paginated). */
export const WooPaymentGateway = z.looseObject({
  id: z.string(),
  title: z.string().nullish(),
  method_title: z.string().nullish(),
  enabled: z.boolean().nullish(),
});

/** A shipping method (`GET /shipping_methods`, not paginated). */
export const WooShippingMethod = z.looseObject({ id: z.string(), title: z.string().nullish() });

/** A webhook (`GET /webhooks`). Status `disabled` means WooCommerce stopped it after failed deliveries. */
export const WooWebhook = z.looseObject({
  id: WooId,
  name: z.string().nullish(),
  status: z.string(),
  topic: z.string().nullish(),
  delivery_url: z.string().nullish(),
});
export type WooWebhook = z.infer<typeof WooWebhook>;

/** The store currency (`GET /data/currencies/current`). */
export const WooCurrentCurrency = z.looseObject({ code: z.string() });

/** Turn a `*_gmt` value (no zone, GMT) into an ISO instant with `Z`; null stays null. */
export function gmtToIso(value: string | null | undefined): string | null {
  if (!value) return null;
  const trimmed = value.replace(/(Z|[+-]\d{2}:?\d{2})$/, '');
  return new Date(`${trimmed}Z`).toISOString();
}
