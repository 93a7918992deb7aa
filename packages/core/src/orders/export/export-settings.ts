import { z } from 'zod';
import type { PosConnectorV1 } from '../../connector/v1/pos-connector-v1';
import type { ChannelOrder } from '../../model/channel-order';
import { CurrencyCode } from '../../model/money';
import { OrderStatus } from '../../model/order-status';

const PosConnector = z.custom<PosConnectorV1>(
  (value) =>
    typeof value === 'object' &&
    value !== null &&
    (value as PosConnectorV1).specificationVersion === 'v1' &&
    typeof (value as PosConnectorV1).createSale === 'function',
  'expected a PosConnectorV1 (e.g. createPoster(...) or createWebhookPos(...))',
);

/** Export settings of one location (a pickup point, a restaurant, a shop). */
export const ExportLocationSettings = z.strictObject({
  pos: PosConnector.describe('The POS this location exports its orders to.'),
  name: z.string().optional().describe('A name a person reads (defaults to the location id).'),
  targetId: z
    .string()
    .min(1)
    .optional()
    .describe(
      "The key under which catalog items and modifiers hold this POS's ids (PosItem.externalIds[targetId] and store mappings). Defaults to the connector name, e.g. `poster`.",
    ),
  autoExport: z
    .boolean()
    .default(false)
    .describe('Auto-sync on acceptance: export an order as soon as it is accepted.'),
  channels: z
    .array(z.string().min(1))
    .default([])
    .describe('Orders from these channels belong to this location (used when an order names no location).'),
  currency: CurrencyCode.optional().describe('The currency used when an order carries none.'),
  statusesAllowedAfterExport: z
    .array(OrderStatus)
    .default([])
    .describe('Statuses that may still be set here after export (by default none: the POS terminal owns the order).'),
});
export type ExportLocationSettings = z.output<typeof ExportLocationSettings>;

/** Settings of order export (`createOmnisync({ export })`). */
export const ExportSettings = z.strictObject({
  locations: z.record(z.string().min(1), ExportLocationSettings).describe('Export settings per location id.'),
  locationOf: z
    .custom<(order: ChannelOrder) => string | null | undefined>((v) => typeof v === 'function', 'expected a function')
    .optional()
    .describe('Which location an order belongs to, when a call does not say (default: by channel, or the only one).'),
  maxAttempts: z.number().int().positive().default(8).describe('Attempts before a failing export stops retrying.'),
  retryBackoffMs: z
    .number()
    .int()
    .positive()
    .default(5_000)
    .describe('Delay before the first retry; doubles each time.'),
  maxBackoffMs: z
    .number()
    .int()
    .positive()
    .default(30 * 60_000)
    .describe('Longest delay between retries.'),
  catalogCacheMs: z
    .number()
    .int()
    .nonnegative()
    .default(5_000)
    .describe(
      'How long pre-flight reuses the catalog it read (0: read it for every export). A miss always re-reads it before failing.',
    ),
  leaseMs: z.number().int().positive().default(120_000).describe('How long one export attempt holds its order.'),
  retryIntervalMs: z
    .number()
    .int()
    .positive()
    .optional()
    .describe('When set, due retries run in the background at this interval (else call `runExportRetries()`).'),
});
export type ExportSettings = z.output<typeof ExportSettings>;
/** What `createOmnisync({ export })` accepts. */
export type ExportSettingsInput = z.input<typeof ExportSettings>;
