import { z } from 'zod';
import { Customer } from './customer';
import { CurrencyCode, DecimalString, Money } from './money';
import { OrderStatus } from './order-status';

/** A modifier chosen on an order line (an add-on, an option). */
export const OrderLineModifier = z.object({
  externalId: z.string().nullish().describe('The modifier id on the selling side.'),
  name: z.string(),
  quantity: z.number().int().positive().default(1),
  unitPrice: DecimalString.default('0'),
});
export type OrderLineModifier = z.infer<typeof OrderLineModifier>;

/** One line of a channel order. Amounts are decimal strings in the order's currency. */
export const OrderLine = z.object({
  lineId: z.string().min(1),
  sku: z.string().nullable(),
  listingId: z.string().nullish(),
  variantId: z.string().nullish(),
  externalProductId: z.string().nullish().describe('The product id on the selling side (for export mapping).'),
  title: z.string(),
  quantity: z.number().int().positive(),
  unitPrice: DecimalString,
  discount: DecimalString.default('0'),
  tax: DecimalString.default('0'),
  modifiers: z.array(OrderLineModifier).default([]),
});
export type OrderLine = z.infer<typeof OrderLine>;

/** Order totals, decimal strings in the order's currency. */
export const OrderTotals = z.object({
  subtotal: DecimalString,
  discount: DecimalString.default('0'),
  tax: DecimalString.default('0'),
  shipping: DecimalString.default('0'),
  total: DecimalString,
});
export type OrderTotals = z.infer<typeof OrderTotals>;

/** An order as a channel holds it, mapped to the canonical shape. */
export const ChannelOrder = z.object({
  channelId: z.string().min(1),
  externalId: z.string().min(1).describe('The order id on the channel: with channelId, the ledger key.'),
  number: z.string().describe('The order number a person sees.'),
  rawStatus: z.string().describe("The channel's own status value."),
  status: OrderStatus,
  createdAt: z.iso.datetime({ offset: true }),
  updatedAt: z.iso.datetime({ offset: true }),
  currency: CurrencyCode.nullable().describe('Null when the channel sends none (the default currency rule applies).'),
  customer: Customer.nullish(),
  lines: z.array(OrderLine),
  payment: z.object({ method: z.string().nullish(), paid: z.boolean() }),
  delivery: z.object({ method: z.string().nullish(), cost: Money.nullish() }).default({ method: null, cost: null }),
  totals: OrderTotals,
  note: z.string().nullish(),
  raw: z.unknown().optional(),
});
export type ChannelOrder = z.infer<typeof ChannelOrder>;
/** A `ChannelOrder` as a connector builds it: fields with defaults may be left out. */
export type ChannelOrderInput = z.input<typeof ChannelOrder>;
