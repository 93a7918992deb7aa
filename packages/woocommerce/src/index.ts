/**
 * `@omnisync/woocommerce`: a WooCommerce store (REST API wc/v3) as an
 * omnisync sales channel.
 *
 * @packageDocumentation
 */

export {
  mapWooCommerceOrderStatus,
  toWooCommerceOrderStatus,
  WOOCOMMERCE_ORDER_STATUSES,
  WOOCOMMERCE_WRITE_BACK_STATUSES,
} from './map-woocommerce-order-status';
export { VERSION } from './version';
export type { WooCommerceRuntimeOptions } from './woocommerce-client';
export { createWooCommerce, type WooCommerceConnector } from './woocommerce-connector';
export { WooCommerceAuthError } from './woocommerce-error';
export type { WooCommerceOrderStatusCheck, WooCommerceOrderStatusInfo } from './woocommerce-order-statuses';
export {
  parseWooCommerceSettings,
  WooCommerceSettings,
  type WooCommerceSettingsInput,
} from './woocommerce-settings';
export { WOOCOMMERCE_BATCH_LIMIT } from './woocommerce-stock';
export { signWooCommerceWebhook, verifyWooCommerceSignature, WOOCOMMERCE_WEBHOOK_TOPICS } from './woocommerce-webhook';
export type {
  WooCommerceNotice,
  WooCommerceWebhookCheck,
  WooCommerceWebhookHealth,
  WooCommerceWebhookInfo,
  WooCommerceWebhookRepair,
} from './woocommerce-webhook-health';
