import { z } from 'zod';
import { CurrencyCode, DecimalString } from '../model/money';
import { OrderStatus } from '../model/order-status';
import { parseSettings } from '../settings/parse-settings';

/**
 * A status in a rule list: a canonical `OrderStatus` (`paid`, `completed`...)
 * or the channel's own raw status (`processing`, `READY_TO_SHIP`...). An order
 * matches when either its canonical or its raw status is listed.
 */
const StatusList = z.array(z.string().min(1));

/** How a channel's payment or delivery methods map to the POS's. */
const MethodMapping = z
  .object({
    mapping: z
      .record(z.string(), z.string())
      .default({})
      .describe('Channel method id → POS method id. Build it from `omni.channelMethods(channelId)`.'),
    default: z
      .string()
      .nullable()
      .default(null)
      .describe('The POS method used when the channel method is not in the mapping (or the order has none).'),
    unmapped: z
      .enum(['wait', 'pass-through'])
      .default('wait')
      .describe(
        'A channel method with no mapping and no default: `wait` holds the order until the mapping is fixed; `pass-through` sends the channel id as is.',
      ),
  })
  .strict();

/** The customer lookup keys, in the order they are tried. */
export const CustomerMatchKey = z.enum(['vatNumber', 'companyId', 'phone', 'email']);
export type CustomerMatchKey = z.infer<typeof CustomerMatchKey>;

/**
 * Per-channel rules applied when an order is imported into the POS (seed 004),
 * validated when the omnisync instance is created. Every field has a default,
 * so `{}` is a valid rule set.
 */
export const OrderImportRules = z
  .object({
    startDate: z.iso
      .datetime({ offset: true })
      .nullable()
      .default(null)
      .describe(
        'Download orders updated since this time when no cursor exists yet; a back date backfills old sales. Null: everything the channel lists.',
      ),
    overlapMinutes: z
      .number()
      .int()
      .nonnegative()
      .default(10)
      .describe(
        'Re-read this many minutes before the cursor on each download, for channel clock skew and late writes.',
      ),
    statuses: z
      .object({
        import: StatusList.default(['unpaid', 'on_hold', 'paid', 'accepted', 'shipped', 'completed']).describe(
          'Orders in these statuses are imported; others are recorded as skipped until they move into one.',
        ),
        paid: StatusList.default(['paid', 'accepted', 'shipped', 'completed']).describe(
          'Statuses that mean paid: a payment is recorded (on import or on a later change), once.',
        ),
        refused: StatusList.default(['cancelled', 'returned']).describe(
          'Statuses that cancel the sale (nothing fulfilled yet) or reverse it (already fulfilled).',
        ),
        completed: StatusList.default(['completed']).describe('Statuses that complete the sale in the POS.'),
      })
      .strict()
      .default({
        import: ['unpaid', 'on_hold', 'paid', 'accepted', 'shipped', 'completed'],
        paid: ['paid', 'accepted', 'shipped', 'completed'],
        refused: ['cancelled', 'returned'],
        completed: ['completed'],
      }),
    externalSaleNumber: z
      .boolean()
      .default(true)
      .describe("Create the sale with the channel's order number, so sales tell their channel apart."),
    saleDate: z
      .enum(['order', 'sync'])
      .default('order')
      .describe('`order`: the sale is dated when the order was placed; `sync`: when it was imported.'),
    saleType: z.string().nullable().default(null).describe('The POS sale type used for imported sales.'),
    merchantId: z.string().nullable().default(null).describe('The POS user on whose behalf sales are created.'),
    notifyUserId: z
      .string()
      .nullable()
      .default(null)
      .describe('The POS user told about problems (carried in every notice of this channel).'),
    customers: z
      .object({
        match: z
          .array(CustomerMatchKey)
          .default(['vatNumber', 'companyId', 'phone', 'email'])
          .describe('Lookup keys, tried in this order; the first POS customer found wins. Empty: no lookup.'),
        create: z.boolean().default(true).describe('Create the customer in the POS when none matches.'),
        type: z.enum(['person', 'company']).default('person').describe('The type of customers created.'),
      })
      .strict()
      .default({ match: ['vatNumber', 'companyId', 'phone', 'email'], create: true, type: 'person' }),
    currency: z
      .object({
        default: CurrencyCode.nullable()
          .default(null)
          .describe('Used when the channel sends no currency; must be one the POS allows.'),
      })
      .strict()
      .default({ default: null }),
    documents: z
      .object({
        kind: z.string().nullable().default(null).describe('The financial document to issue (POS default when null).'),
        issueOnImport: z.boolean().default(false).describe('Issue the financial document when the sale is created.'),
        payImmediately: z
          .boolean()
          .default(false)
          .describe('With `issueOnImport`: record the payment right after issuing, whatever the status.'),
        issueOnPayment: z
          .boolean()
          .default(false)
          .describe('Issue the document (if not issued yet) when a paid status arrives, before the payment.'),
      })
      .strict()
      .default({ kind: null, issueOnImport: false, payImmediately: false, issueOnPayment: false }),
    payments: MethodMapping.default({ mapping: {}, default: null, unmapped: 'wait' }),
    delivery: MethodMapping.default({ mapping: {}, default: null, unmapped: 'wait' }),
    taxRate: DecimalString.nullable().default(null).describe('The default tax rate for sales, e.g. "11".'),
    reserve: z.boolean().default(true).describe('Block (reserve) the ordered quantities in the POS on import.'),
    warehouseId: z.string().nullable().default(null).describe('The POS warehouse sales and reservations use.'),
    stockRequest: z
      .object({
        enabled: z.boolean().default(false).describe('Raise a stock request when an ordered item is short.'),
        warehouses: z
          .array(z.string().min(1))
          .default([])
          .describe("Warehouses checked for availability; empty: the POS's default warehouses."),
      })
      .strict()
      .default({ enabled: false, warehouses: [] }),
    writeBack: z
      .object({
        enabled: z.boolean().default(false).describe('Send a status to the channel when the POS changes a sale.'),
        completed: OrderStatus.nullable().default('completed').describe('Sent when the sale is completed.'),
        paid: OrderStatus.nullable().default(null).describe('Sent when the sale is paid.'),
        cancelled: OrderStatus.nullable().default('cancelled').describe('Sent when the sale is cancelled or reversed.'),
      })
      .strict()
      .default({ enabled: false, completed: 'completed', paid: null, cancelled: 'cancelled' }),
  })
  .strict();

/** The parsed import rules of one channel. */
export type OrderImportRules = z.output<typeof OrderImportRules>;
/** Import rules as a host writes them (every field optional). */
export type OrderImportRulesInput = z.input<typeof OrderImportRules>;

/**
 * Parse a channel's import rules, or throw `InvalidSettingsError` naming
 * `channels.<id>.orders` and each bad path.
 */
export function parseOrderImportRules(channelId: string, input: unknown): OrderImportRules {
  return parseSettings(`channels.${channelId}.orders`, OrderImportRules, input ?? {});
}

/** True when the order's canonical or raw status is in the list. */
export function statusIn(list: readonly string[], order: { status: string; rawStatus: string }): boolean {
  return list.includes(order.status) || list.includes(order.rawStatus);
}
