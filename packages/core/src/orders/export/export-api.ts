import type { WebhookRequestV1 } from '../../connector/v1/channel-connector-v1';
import type { PosSaleStatus, PosWebhookEventV1 } from '../../connector/v1/pos-connector-v1';
import type { ChannelOrder, ChannelOrderInput } from '../../model/channel-order';
import type { OrderStatus } from '../../model/order-status';
import type { EngineContext } from '../../omnisync/engine-context';
import {
  type ChangeOrderStatusOptions,
  changeOrderStatus,
  onOrderStatusChanged,
  type StatusChangeResult,
} from './change-status';
import { EXPORT_SUBJECT, type ExportHistoryEntry, toHistoryEntry } from './export-history';
import { type ExportOrderOptions, type ExportResult, exportOrder } from './export-order';
import { type ExportRecord, type OrderRef, orderKey, readExportRecord } from './export-record';
import { type ExportRetryReport, retryExport, runExportRetries, startRetryTimer } from './export-retries';
import { createExportRuntime, getLocation, requireRuntime } from './export-runtime';
import { type MenuDriftReport, menuDrift } from './menu-drift';
import { handlePosWebhook, type PosStatusUpdate, refreshExportStatus } from './pos-status';
import { assertStatusChangeAllowed, type StatusChangeSource } from './status-guard';

/** The service other features use to ask whether a status change is allowed (`ctx.services`). */
export const STATUS_GUARD_SERVICE = 'export.statusGuard';
/** The signature of the status guard service. */
export type StatusGuard = (ref: OrderRef, to: OrderStatus, source?: StatusChangeSource) => Promise<void>;

/** Order export to an external POS (ordering platforms): see `docs/pos-export.md`. */
export interface ExportApi {
  /**
   * Export an order to its location's POS, at most once (pre-flight of external
   * ids first; every attempt in the history; a retryable failure is retried
   * through the outbox). Throws `ExportPreflightError` or `ExportFailedError`.
   */
  exportOrder(order: ChannelOrderInput | ChannelOrder, options?: ExportOrderOptions): Promise<ExportResult>;
  /** Accept an order (host orders); exports it at once when the location's auto-export is on. */
  acceptOrder(order: ChannelOrderInput | ChannelOrder, options?: ChangeOrderStatusOptions): Promise<StatusChangeResult>;
  /** Change an order's status on the host side; refused with `StatusChangeRefusedError` after export. */
  changeOrderStatus(
    order: ChannelOrderInput | ChannelOrder,
    to: OrderStatus,
    options?: ChangeOrderStatusOptions,
  ): Promise<StatusChangeResult>;
  /** Throw `StatusChangeRefusedError` when changing the order to `to` would desynchronise its POS. */
  assertStatusChangeAllowed(ref: OrderRef, to: OrderStatus, source?: StatusChangeSource): Promise<void>;
  /** The export history of one order, oldest first: attempts, requests, results, errors, refusals. */
  exportHistory(ref: OrderRef): Promise<ExportHistoryEntry[]>;
  /** The export record of one order (state, sale id, attempts, last error), or null. */
  exportStatus(ref: OrderRef): Promise<ExportRecord | null>;
  /** Retry one order's export now (same location and idempotency key). */
  retryExport(ref: OrderRef, options?: { signal?: AbortSignal }): Promise<ExportResult>;
  /** Run the export retries that are due (outbox topic `export`). */
  runExportRetries(options?: { limit?: number }): Promise<ExportRetryReport>;
  /** Catalog products and modifiers out of step with a location's POS menu. */
  menuDrift(locationId: string, options?: { signal?: AbortSignal }): Promise<MenuDriftReport>;
  /** Verify and apply a POS webhook delivery for a location (the POS accepted or rejected an order). */
  handlePosWebhook(
    locationId: string,
    request: WebhookRequestV1,
  ): Promise<{ events: PosWebhookEventV1[]; updates: PosStatusUpdate[] }>;
  /** Read an exported order's status back from its POS. */
  refreshExportStatus(ref: OrderRef, options?: { signal?: AbortSignal }): Promise<PosSaleStatus>;
}

/** Build the order export part of the facade; subscribes auto-export to order acceptances. */
export function createExportApi(ctx: EngineContext): ExportApi {
  const runtime = createExportRuntime(ctx);
  const rt = () => requireRuntime(runtime);
  if (runtime) {
    ctx.hooks.orderStatusChanged.push((event) => onOrderStatusChanged(runtime, event));
    const guard: StatusGuard = (ref, to, source) => assertStatusChangeAllowed(runtime, ref, to, source);
    ctx.services.set(STATUS_GUARD_SERVICE, guard);
    startRetryTimer(runtime);
  }
  return {
    exportOrder: async (order, options) => exportOrder(rt(), order, options),
    acceptOrder: async (order, options) => changeOrderStatus(rt(), order, 'accepted', options),
    changeOrderStatus: async (order, to, options) => changeOrderStatus(rt(), order, to, options),
    assertStatusChangeAllowed: async (ref, to, source) => assertStatusChangeAllowed(rt(), ref, to, source),
    async exportHistory(ref) {
      const page = await ctx.store.listActions({
        tenantId: ctx.tenantId,
        subjectType: EXPORT_SUBJECT,
        subjectId: orderKey(ref),
        limit: 1000,
      });
      return page.items.map(toHistoryEntry).reverse();
    },
    exportStatus: async (ref) => readExportRecord(ctx.store, ctx.tenantId, ref),
    retryExport: async (ref, options) => retryExport(rt(), ref, options?.signal),
    runExportRetries: async (options) => runExportRetries(rt(), options),
    menuDrift: async (locationId, options) => menuDrift(rt(), getLocation(rt(), locationId), options?.signal),
    handlePosWebhook: async (locationId, request) => handlePosWebhook(rt(), locationId, request),
    refreshExportStatus: async (ref, options) => refreshExportStatus(rt(), ref, options?.signal),
  };
}
