export type { DownloadOrdersOptions, DownloadProgress, DownloadReport } from './download-orders';
export { type OrderRef, orderIdempotencyKey } from './idempotency-key';
export type { OrderOutcome } from './import-order';
export {
  CustomerMatchKey,
  OrderImportRules,
  type OrderImportRulesInput,
  parseOrderImportRules,
} from './import-rules';
export type { ListingWebhookOutcome } from './ingest-listing-events';
export type { WebhookReport } from './ingest-webhook';
export { OrderImportError, OrderRuleError } from './order-errors';
export type { OrderLedgerData, OrderLedgerState } from './order-ledger';
export type { ChannelMethods, MappedChannelMethod, OrderHistory, OrdersApi } from './orders-api';
export type { ReconcileStep } from './plan-reconciliation';
export type { Transition } from './plan-transitions';
export type { OrdersReconcileReport, ReconcileOrdersOptions, ReconcileStepResult } from './reconcile-orders';
export type { RuleProblem, RuleProblemKind } from './resolve-sale';
export type { RetryOptions } from './retry';
export type { RetryReport } from './retry-waiting';
export type { SaleRef, SaleStatusResult, StatusPushReport } from './status-write-back';
