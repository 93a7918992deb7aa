import { CurrencyCode, DecimalString, OrderStatus } from '@omnisync/core';
import { z } from 'zod';

/** The version of the JSON bodies below; a breaking change publishes `v2` beside them. */
export const PAYLOAD_VERSION = 1;

const Iso = z.iso.datetime({ offset: true });

/** A modifier of an exported line, with the POS's modifier id. */
export const ExportedModifier = z.object({
  modifierId: z.string().min(1).describe("The POS's id of the modifier (its external id in the platform's menu)."),
  name: z.string(),
  quantity: z.number().int().positive(),
  unitPrice: DecimalString.describe('Price of one unit, decimal string in the order currency.'),
});

/** One line of an exported order, with the POS's product id. */
export const ExportedLine = z.object({
  lineId: z.string().min(1).describe('The line id on the ordering platform.'),
  productId: z.string().min(1).describe("The POS's id of the product (its external id in the platform's menu)."),
  title: z.string(),
  quantity: z.number().int().positive(),
  unitPrice: DecimalString,
  discount: DecimalString,
  modifiers: z.array(ExportedModifier),
});

/** The body of an export: POSTed to the POS, signed in the Standard Webhooks format. */
export const OrderExportEvent = z
  .object({
    type: z.literal('order.export'),
    version: z.literal(PAYLOAD_VERSION),
    timestamp: Iso.describe('When the order was accepted (the same on every retry).'),
    data: z.object({
      idempotencyKey: z
        .string()
        .min(1)
        .describe(
          'Equals the webhook-id header: create at most one order per key, and answer a repeat with the same sale.',
        ),
      locationId: z.string().nullable().describe('The pickup point / location on the platform.'),
      order: z.object({
        channelId: z.string(),
        externalId: z.string().describe('The order id on the ordering platform.'),
        number: z.string(),
        status: OrderStatus,
        createdAt: Iso,
        currency: CurrencyCode,
        customer: z
          .object({ name: z.string().nullable(), phone: z.string().nullable(), email: z.string().nullable() })
          .nullable(),
        note: z.string().nullable(),
        lines: z.array(ExportedLine).min(1),
        payment: z.object({ method: z.string().nullable(), paid: z.boolean() }),
        delivery: z.object({ method: z.string().nullable(), cost: DecimalString.nullable() }),
        totals: z.object({
          subtotal: DecimalString,
          discount: DecimalString,
          tax: DecimalString,
          shipping: DecimalString,
          total: DecimalString,
        }),
      }),
    }),
  })
  .describe('omnisync order export, version 1');
export type OrderExportEvent = z.infer<typeof OrderExportEvent>;

/** The status of an exported order in the POS. */
export const SaleStatus = z.enum(['open', 'accepted', 'paid', 'completed', 'cancelled', 'reversed', 'rejected']);

/** The POS's 2xx answer to an export (the same sale for a repeated webhook-id). */
export const OrderExportResponse = z
  .object({
    saleId: z.string().min(1).describe("The order's id in the POS."),
    status: SaleStatus.default('open'),
    number: z.string().nullish(),
  })
  .describe('The POS answer to an order export, version 1');
export type OrderExportResponse = z.infer<typeof OrderExportResponse>;

/** A refusal body (any non-2xx); `code` is the POS's own. */
export const ErrorResponse = z
  .object({ error: z.object({ code: z.string(), message: z.string().nullish() }) })
  .describe('An error answer from the POS');

/** The POS's status callback to the platform, signed in the Standard Webhooks format with the same secret. */
export const SaleStatusEvent = z
  .object({
    type: z.literal('sale.status'),
    version: z.literal(PAYLOAD_VERSION),
    timestamp: Iso,
    data: z.object({
      saleId: z.string().min(1),
      idempotencyKey: z.string().min(1).describe('The idempotency key of the export this sale came from.'),
      status: SaleStatus.describe('accepted (the kitchen took it), rejected, completed...'),
    }),
  })
  .describe('POS status callback, version 1');
export type SaleStatusEvent = z.infer<typeof SaleStatusEvent>;

/** The POS menu and stock served at `catalogUrl` (optional; for menu drift and stock reads). */
export const CatalogResponse = z
  .object({
    currency: CurrencyCode,
    items: z.array(
      z.object({
        id: z.string().min(1),
        sku: z.string().nullish(),
        name: z.string(),
        price: DecimalString.nullish(),
        onHand: z.number().int().nullish(),
        modifiers: z
          .array(z.object({ id: z.string().min(1), name: z.string(), price: DecimalString.nullish() }))
          .default([]),
      }),
    ),
  })
  .describe('POS catalog, version 1');
export type CatalogResponse = z.infer<typeof CatalogResponse>;

/** Every published schema, by the name of its JSON Schema file under `schema/`. */
export const PUBLISHED_SCHEMAS = {
  'order-export.v1.json': OrderExportEvent,
  'order-export-response.v1.json': OrderExportResponse,
  'error-response.v1.json': ErrorResponse,
  'sale-status.v1.json': SaleStatusEvent,
  'catalog.v1.json': CatalogResponse,
} as const;
