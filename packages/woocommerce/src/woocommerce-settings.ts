import { CurrencyCode, OrderStatus, parseSettings, SECRET_META, secretString } from '@omnisync/core';
import { z } from 'zod';

/** Meta keys where common EU VAT plugins keep the buyer's VAT number on an order. */
export const DEFAULT_VAT_META_KEYS = ['_billing_vat_number', '_vat_number', 'vat_number', '_billing_vat'] as const;

const StoreUrl = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .transform((value) => (/^[a-z][a-z0-9+.-]*:\/\//i.test(value) ? value : `https://${value}`))
  .pipe(z.url({ protocol: /^https?$/, error: 'expected a store URL such as https://shop.example.com' }))
  .transform((value) => value.replace(/\/+$/, '').replace(/\/wp-json$/, ''));

const WEBHOOK_SECRET_TEXT =
  "The secret entered on the store's webhooks (WooCommerce > Settings > Advanced > Webhooks); needed to accept webhook deliveries.";

const StartDate = z
  .union([z.iso.date(), z.iso.datetime({ offset: true })])
  .transform((value) => (value.length === 10 ? `${value}T00:00:00.000Z` : new Date(value).toISOString()));

/**
 * Settings of `createWooCommerce`: one WooCommerce site as a sales channel
 * (seed 004's "Parameters" box, the parts the channel itself needs). Order
 * import rules (which statuses to import, which mean paid or refused) and
 * quantity rules live in the engine's per-channel config, not here.
 */
export const WooCommerceSettings = z
  .object({
    storeUrl: StoreUrl.describe(
      'Store domain: the WordPress site address, e.g. https://shop.example.com (https:// is assumed when omitted).',
    ),
    consumerKey: secretString(
      'Consumer key (ck_...) from WooCommerce > Settings > Advanced > REST API, with Read/Write access.',
    ),
    consumerSecret: secretString('Consumer secret (cs_...) shown once when the REST API key was generated.'),
    apiVersion: z
      .literal('wc/v3')
      .default('wc/v3')
      .describe('REST API version. Only wc/v3 (WooCommerce 3.5+) is supported.'),
    environment: z
      .enum(['production', 'working', 'test'])
      .default('production')
      .describe('System type: production, working (staging) or test environment. Production refuses plain HTTP.'),
    channelId: z
      .string()
      .min(1)
      .default('woocommerce')
      .describe('The id stamped on listings and orders from this store; use the same id you give createOmnisync.'),
    webhookSecret: secretString(WEBHOOK_SECRET_TEXT)
      .optional()
      .describe(WEBHOOK_SECRET_TEXT)
      .meta({ [SECRET_META]: true }),
    startDate: StartDate.optional().describe(
      'Date from which orders are synchronised (YYYY-MM-DD or ISO date-time). A back date backfills older orders.',
    ),
    currency: CurrencyCode.optional().describe(
      'The store currency. When omitted it is read once from the store (GET /data/currencies/current).',
    ),
    quantitySync: z
      .enum(['exact', 'in-stock'])
      .default('exact')
      .describe(
        'exact: push stock quantities (manage_stock on). in-stock: push only in stock / out of stock (stock_status), never a number.',
      ),
    statusMap: z
      .record(z.string().min(1), OrderStatus)
      .default({})
      .describe(
        'Custom order statuses (from plugins) mapped to canonical ones, by slug, e.g. { "shipped": "shipped" }.',
      ),
    writeBackStatuses: z
      .partialRecord(OrderStatus, z.string().min(1))
      .default({})
      .describe(
        'The WooCommerce status sent for a canonical status, when it differs from the default (e.g. shipped -> "shipped").',
      ),
    vatNumberMetaKeys: z
      .array(z.string().min(1))
      .default([...DEFAULT_VAT_META_KEYS])
      .describe("Order meta keys searched for the buyer's VAT number (WooCommerce core has no VAT field)."),
    pageSize: z.number().int().min(1).max(100).default(100).describe('Items per page (per_page), at most 100.'),
    concurrentPages: z
      .number()
      .int()
      .min(1)
      .max(8)
      .default(3)
      .describe('Pages read at once during a scan or an order download (1 for a small host).'),
    requestsPerSecond: z
      .number()
      .positive()
      .max(50)
      .default(4)
      .describe('Starting request rate. WooCommerce publishes no limit; the client slows down on 429 and 503.'),
    timeoutMs: z.number().int().positive().default(30_000).describe('Timeout of one HTTP request, in milliseconds.'),
    queryStringAuth: z
      .boolean()
      .default(false)
      .describe(
        'Send the key and secret as query parameters over HTTPS instead of the Authorization header, for servers that strip that header.',
      ),
    allowPrivateNetwork: z
      .boolean()
      .default(false)
      .describe('Allow a store on a private, loopback or link-local address (tests and on-premise installs only).'),
  })
  .strict();

/** Settings as passed to `createWooCommerce` (defaults not yet applied). */
export type WooCommerceSettingsInput = z.input<typeof WooCommerceSettings>;
/** Settings after validation, defaults applied. */
export type WooCommerceSettings = z.output<typeof WooCommerceSettings>;

/** Validate settings; throws `InvalidSettingsError` naming each bad path (never a value). */
export function parseWooCommerceSettings(input: unknown): WooCommerceSettings {
  return parseSettings('woocommerce', WooCommerceSettings, input);
}

/** The HTTP kit's environment for the seed's system type. */
export function kitEnvironment(environment: WooCommerceSettings['environment']): 'production' | 'staging' | 'test' {
  return environment === 'working' ? 'staging' : environment;
}
