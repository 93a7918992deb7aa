/**
 * `@omnisync/webhook`: any POS over a signed webhook API. The sender
 * (`createWebhookPos`, a `PosConnectorV1`) and the receiver's helpers
 * (`verifyWebhook`, `parseOrderExport`, `createStatusCallback`), with the
 * versioned JSON bodies as zod schemas and JSON Schema files (`schema/`).
 *
 * @packageDocumentation
 */
export * from './receiver';
export * from './standard-webhooks';
export { VERSION } from './version';
export { createWebhookPos } from './webhook-connector';
export * from './webhook-payloads';
export { WebhookPosSettings, type WebhookPosSettingsInput } from './webhook-settings';
