import type { OmnisyncError } from '../../errors/omnisync-error';
import type { ChannelOrder, ChannelOrderInput } from '../../model/channel-order';
import type { OrderStatus } from '../../model/order-status';
import type { OrderStatusChangedEvent } from '../../omnisync/engine-context';
import { ExportFailedError, ExportPreflightError } from './export-errors';
import { appendExportAction } from './export-history';
import { type ExportResult, exportOrder, locationOrThrow, parseOrder } from './export-order';
import {
  type ExportRecord,
  exportIdempotencyKey,
  orderKey,
  patchExportRecord,
  readExportRecord,
} from './export-record';
import { type ExportLocation, type ExportRuntime, findLocation } from './export-runtime';
import { assertStatusChangeAllowed, posMayHoldOrder, type StatusChangeSource } from './status-guard';

/** Options of `changeOrderStatus` and `acceptOrder`. */
export interface ChangeOrderStatusOptions {
  locationId?: string | null;
  /** `pos` when the POS reported the change (always allowed). Default `host`. */
  source?: StatusChangeSource;
  signal?: AbortSignal;
}

/** What a status change did, and the export it started (auto-export on acceptance). */
export interface StatusChangeResult {
  from: OrderStatus | null;
  to: OrderStatus;
  /** The export started by an acceptance, when the location auto-exports; null otherwise. */
  export: ExportResult | ExportFailure | null;
}

/** An export started by an acceptance that did not succeed (the acceptance itself stands). */
export interface ExportFailure {
  status: 'failed';
  /** `ExportPreflightError` (ids missing, nothing sent) or `ExportFailedError`. */
  error: OmnisyncError;
  /** When the automatic retry is due, or null when none is scheduled. */
  retryAt: string | null;
}

/**
 * Change an order's status on the host side (for orders that are not channel
 * orders, or that the host accepts itself). Refused after export (see
 * `assertStatusChangeAllowed`). Accepting an order at a location with
 * auto-export on exports it at once.
 */
export async function changeOrderStatus(
  rt: ExportRuntime,
  input: ChannelOrderInput | ChannelOrder,
  to: OrderStatus,
  options: ChangeOrderStatusOptions = {},
): Promise<StatusChangeResult> {
  const order = parseOrder(input);
  await assertStatusChangeAllowed(rt, order, to, options.source ?? 'host');
  const previous = await readExportRecord(rt.ctx.store, rt.ctx.tenantId, order);
  const from = previous?.orderStatus ?? null;
  // Accepting starts the export flow, so it needs a location; other changes only note the status where one is known.
  const location =
    to === 'accepted' ? locationOrThrow(rt, order, options.locationId) : findLocation(rt, order, options.locationId);
  if (location) await saveStatus(rt, { ...order, status: to }, location, previous);
  if (from !== to)
    rt.ctx.events.emit('order:status', { channelId: order.channelId, externalId: order.externalId, from, to });
  const accepted = to === 'accepted' && location?.settings.autoExport === true;
  const result = accepted ? await exportOnAcceptance(rt, { ...order, status: to }, location, options.signal) : null;
  return { from, to, export: result };
}

async function exportOnAcceptance(
  rt: ExportRuntime,
  order: ChannelOrder,
  location: ExportLocation,
  signal?: AbortSignal,
): Promise<ExportResult | ExportFailure> {
  try {
    return await exportOrder(rt, order, { locationId: location.id, signal });
  } catch (error) {
    if (ExportFailedError.isInstance(error)) return { status: 'failed', error, retryAt: error.retryAt };
    if (ExportPreflightError.isInstance(error)) return { status: 'failed', error, retryAt: null };
    throw error;
  }
}

async function saveStatus(
  rt: ExportRuntime,
  order: ChannelOrder,
  location: ExportLocation,
  previous: ExportRecord | null,
): Promise<void> {
  const at = rt.ctx.now().toISOString();
  const base: ExportRecord = previous
    ? { ...previous, orderStatus: order.status, updatedAt: at }
    : {
        channelId: order.channelId,
        externalId: order.externalId,
        number: order.number,
        locationId: location.id,
        targetId: location.targetId,
        connector: location.pos.connector,
        idempotencyKey: exportIdempotencyKey(rt.ctx.tenantId, order),
        state: 'accepted',
        orderStatus: order.status,
        saleId: null,
        posStatus: null,
        attempts: 0,
        lastError: null,
        exportedAt: null,
        updatedAt: at,
        order,
      };
  await rt.ctx.store.transaction((tx) =>
    patchExportRecord(tx, rt.ctx.tenantId, base, { orderStatus: order.status, updatedAt: at }),
  );
}

/**
 * The acceptance hook: when the orders feature applies a transition to
 * `accepted`, export the order if its location auto-exports. Failures are in
 * the history (and retried through the outbox); they never break the import.
 */
export async function onOrderStatusChanged(rt: ExportRuntime, event: OrderStatusChangedEvent): Promise<void> {
  const { ctx } = rt;
  const record = await readExportRecord(ctx.store, ctx.tenantId, event.order);
  if (record && posMayHoldOrder(record) && event.to !== record.orderStatus) {
    await ctx.notice({
      kind: 'export-desync',
      channelId: event.channelId,
      message: `Order ${orderKey(event.order)} changed to "${event.to}" on ${event.channelId} after it was exported to ${record.connector}; check the POS terminal.`,
      subject: { type: 'order', id: orderKey(event.order) },
    });
  }
  if (event.to !== 'accepted' || event.from === 'accepted') return;
  const location = findLocation(rt, event.order);
  if (!location) {
    await ctx.notice({
      kind: 'export-no-location',
      channelId: event.channelId,
      message: `Order ${orderKey(event.order)} was accepted, but no export location can be told for it; export it by hand with { locationId }.`,
      subject: { type: 'order', id: orderKey(event.order) },
    });
    return;
  }
  if (!location.settings.autoExport) {
    await appendExportAction(ctx.store, ctx.tenantId, event.order, {
      at: ctx.now().toISOString(),
      action: 'export:skipped',
      outcome: 'skipped',
      message: `Accepted; auto-sync on acceptance is off for ${location.name}, so the order waits for a manual export.`,
      attempt: null,
      request: null,
      result: null,
      error: null,
    });
    return;
  }
  await exportQuietly(rt, event.order, location);
}

async function exportQuietly(rt: ExportRuntime, order: ChannelOrder, location: ExportLocation): Promise<void> {
  try {
    await exportOrder(rt, order, { locationId: location.id });
  } catch (error) {
    if (ExportFailedError.isInstance(error)) return; // in the history, and retried when it can help
    const preflight = ExportPreflightError.isInstance(error);
    await rt.ctx.notice({
      kind: preflight ? 'export-preflight' : 'export-failed',
      channelId: order.channelId,
      message: error instanceof Error ? error.message : String(error),
      subject: { type: 'order', id: orderKey(order) },
    });
  }
}
