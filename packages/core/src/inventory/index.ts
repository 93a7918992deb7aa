export {
  type ComponentBasis,
  computeQuantity,
  type QuantityBreakdown,
  type StockBasis,
  type StockByItem,
} from './compute-quantity';
export type { QuantityExplanation } from './explain-quantity';
export type {
  InventoryApi,
  InventoryReport,
  StockChangeReason,
  UpdateInventoryOptions,
} from './inventory-api';
export { isPushEcho, type KnownQuantity, knownQuantity, type Observed } from './known-quantity';
export type { ReportedListing, ReportedQuantityKind } from './listing-reports';
export {
  type ChannelPlan,
  type PlanChannelInput,
  type PlannedChange,
  planChannel,
  type SkippedListing,
  type SkipReason,
} from './plan-channel';
export type { FailedPush, PushOptions } from './push-changes';
export { parseQuantityRules, QuantityRules, type QuantityRulesInput } from './quantity-rules';
export type { ChannelInventoryReport, InventoryProgress } from './run-inventory-pass';
export type { PendingStockReport, PushPendingStockOptions } from './stock-outbox';
export { STOCK_PRIORITY, STOCK_TOPIC, type StockOutboxPayload } from './stock-queue';
