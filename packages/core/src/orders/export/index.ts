export type * from './change-status';
export * from './export-api';
export * from './export-errors';
export type * from './export-history';
export type * from './export-order';
export {
  type ExportErrorSummary,
  type ExportRecord,
  type ExportState,
  exportIdempotencyKey,
  type OrderRef as ExportOrderRef,
} from './export-record';
export type * from './export-retries';
export type { ExportLocation, ExportRuntime } from './export-runtime';
export * from './export-settings';
export type * from './menu-drift';
export type * from './pos-status';
export type * from './status-guard';
