import { z } from 'zod';

/*
 * The mock marketplace's own wire format (snake_case, vendor status strings),
 * as its REST API and webhooks send it. Schemas are tolerant: unknown keys are
 * kept, optional parts are nullish, like a real vendor's.
 */

/** The mock marketplace's listing statuses, as it spells them. */
export const RAW_LISTING_STATUSES = ['NORMAL', 'UNLIST', 'ARCHIVED', 'DELETED'] as const;
/** A listing status as the mock marketplace spells it. */
export type RawListingStatus = (typeof RAW_LISTING_STATUSES)[number];

/** The mock marketplace's order statuses, as it spells them. */
export const RAW_ORDER_STATUSES = [
  'UNPAID',
  'PENDING_REVIEW',
  'READY_TO_SHIP',
  'PROCESSED',
  'SHIPPED',
  'COMPLETED',
  'CANCELLED',
  'RETURNED',
] as const;
/** An order status as the mock marketplace spells it. */
export type RawOrderStatus = (typeof RAW_ORDER_STATUSES)[number];

const Decimal = z.string().regex(/^-?\d+(\.\d+)?$/);

/** One listing row (a listing, or one variant of it) in the mock wire format. */
export const RawListing = z.looseObject({
  item_id: z.string().min(1),
  variant_id: z.string().nullish(),
  sku: z.string().nullish(),
  name: z.string(),
  status: z.enum(RAW_LISTING_STATUSES),
  stock: z.number().int(),
  price: Decimal.nullish(),
  currency: z.string().nullish(),
  attributes: z.record(z.string(), z.string()).nullish(),
  create_time: z.iso.datetime({ offset: true }),
  update_time: z.iso.datetime({ offset: true }),
});
/** One listing row in the mock wire format. */
export type RawListing = z.infer<typeof RawListing>;

/** A buyer in the mock wire format. */
export const RawBuyer = z.looseObject({
  buyer_id: z.string().nullish(),
  name: z.string().nullish(),
  phone: z.string().nullish(),
  email: z.string().nullish(),
  vat_number: z.string().nullish(),
  company_id: z.string().nullish(),
  address: z
    .looseObject({
      line1: z.string().nullish(),
      city: z.string().nullish(),
      postal_code: z.string().nullish(),
      country: z.string().nullish(),
    })
    .nullish(),
});
/** A buyer in the mock wire format. */
export type RawBuyer = z.infer<typeof RawBuyer>;

/** One order line in the mock wire format. */
export const RawOrderItem = z.looseObject({
  line_id: z.string().min(1),
  item_id: z.string().nullish(),
  variant_id: z.string().nullish(),
  sku: z.string().nullish(),
  name: z.string(),
  quantity: z.number().int().positive(),
  unit_price: Decimal,
  discount: Decimal.nullish(),
});
/** One order line in the mock wire format. */
export type RawOrderItem = z.infer<typeof RawOrderItem>;

/** An order in the mock wire format. */
export const RawOrder = z.looseObject({
  order_id: z.string().min(1),
  order_number: z.string(),
  status: z.string().min(1),
  create_time: z.iso.datetime({ offset: true }),
  update_time: z.iso.datetime({ offset: true }),
  currency: z.string().nullish(),
  buyer: RawBuyer.nullish(),
  items: z.array(RawOrderItem),
  payment_method: z.string().nullish(),
  paid: z.boolean(),
  shipping_method: z.string().nullish(),
  shipping_fee: Decimal.nullish(),
  subtotal: Decimal,
  total: Decimal,
  note: z.string().nullish(),
});
/** An order in the mock wire format. */
export type RawOrder = z.infer<typeof RawOrder>;

/** The topics the mock marketplace sends webhooks for. */
export const WEBHOOK_TOPICS = ['order.created', 'order.updated', 'listing.updated', 'listing.deleted', 'ping'] as const;
/** A webhook topic of the mock marketplace. */
export type WebhookTopic = (typeof WEBHOOK_TOPICS)[number];

/** A webhook body in the mock wire format. */
export const RawWebhookBody = z.looseObject({
  delivery_id: z.string().min(1),
  topic: z.enum(WEBHOOK_TOPICS),
  sent_at: z.iso.datetime({ offset: true }),
  data: z.unknown(),
});
/** A webhook body in the mock wire format. */
export type RawWebhookBody = z.infer<typeof RawWebhookBody>;
