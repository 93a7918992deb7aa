import type { CallOptionsV1, ChannelCapabilitiesV1, ChannelConnectorV1 } from '@omnisync/core';
import { createWooCommerceApi, type WooCommerceRuntimeOptions } from './woocommerce-client';
import { checkWooOrderStatuses, type WooCommerceOrderStatusCheck } from './woocommerce-order-statuses';
import { createWooOrders } from './woocommerce-orders';
import { createWooProducts } from './woocommerce-products';
import { parseWooCommerceSettings, type WooCommerceSettingsInput } from './woocommerce-settings';
import { updateWooStock, WOOCOMMERCE_BATCH_LIMIT } from './woocommerce-stock';
import { parseWooCommerceWebhook } from './woocommerce-webhook';
import { createWooWebhookHealth, type WooCommerceWebhookHealth } from './woocommerce-webhook-health';

/**
 * A WooCommerce store as a channel: `ChannelConnectorV1`, plus the webhook
 * health methods (`listWebhooks`, `checkWebhooks`, `reactivateWebhook`,
 * `repairWebhooks`) and `checkOrderStatuses`, which the specification has no place for.
 */
export type WooCommerceConnector = ChannelConnectorV1 &
  WooCommerceWebhookHealth & {
    readonly connector: 'woocommerce';
    /** The store's order statuses (plugins' included) with their mapping, and a notice for each unmapped one. */
    checkOrderStatuses(options?: CallOptionsV1): Promise<WooCommerceOrderStatusCheck>;
  };

/**
 * Connect to a WooCommerce store (REST API wc/v3) as a sales channel.
 *
 * Settings are validated here (`InvalidSettingsError` names the bad paths,
 * never a value); the store URL is refused at once when it is plain HTTP in
 * production or a private, loopback or metadata address literal, and before
 * the first call when its name resolves to one (unless `allowPrivateNetwork`).
 *
 * @example
 * const shop = createWooCommerce({
 *   storeUrl: 'https://shop.example.com',
 *   consumerKey: process.env.WC_KEY!,
 *   consumerSecret: process.env.WC_SECRET!,
 *   webhookSecret: process.env.WC_WEBHOOK_SECRET,
 *   startDate: '2026-01-01',
 * });
 * const omni = createOmnisync({ pos, channels: { shop } });
 */
export function createWooCommerce(
  settingsInput: WooCommerceSettingsInput,
  runtime: WooCommerceRuntimeOptions = {},
): WooCommerceConnector {
  const settings = parseWooCommerceSettings(settingsInput);
  const api = createWooCommerceApi(settings, runtime);
  const products = createWooProducts(api, settings);
  const orders = createWooOrders(api, settings);
  const webhookSecret = settings.webhookSecret;
  const capabilities: ChannelCapabilitiesV1 = {
    getListing: true,
    createListing: true,
    getOrder: true,
    updateOrderStatus: true,
    webhooks: Boolean(webhookSecret),
    updatedSinceListings: true,
    compareAndSetStock: false,
    deactivateListing: true,
    methodLists: true,
    concurrentPages: true,
  };
  const connector: WooCommerceConnector = {
    specificationVersion: 'v1',
    connector: 'woocommerce',
    capabilities,
    limits: { stockBatchSize: WOOCOMMERCE_BATCH_LIMIT, maxConcurrentPages: settings.concurrentPages },
    listListings: products.listListings,
    getListing: products.getListing,
    createListing: products.createListing,
    updateStock: (updates, options) => updateWooStock(api, settings, updates, options),
    listOrders: orders.listOrders,
    getOrder: orders.getOrder,
    updateOrderStatus: orders.updateOrderStatus,
    listPaymentMethods: orders.listPaymentMethods,
    listDeliveryMethods: orders.listDeliveryMethods,
    ...createWooWebhookHealth(api, settings),
    checkOrderStatuses: (options) => checkWooOrderStatuses(api, settings, options),
  };
  if (webhookSecret) {
    connector.parseWebhook = (request) =>
      parseWooCommerceWebhook(request, webhookSecret, {
        order: orders.convert,
        product: (p) => products.listingsOf(p),
      });
  }
  return connector;
}
