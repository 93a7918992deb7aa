import type { OrderStatus } from '../../model/order-status';
import { StatusChangeRefusedError } from './export-errors';
import { appendExportAction } from './export-history';
import { type ExportRecord, type OrderRef, orderKey, readExportRecord } from './export-record';
import type { ExportRuntime } from './export-runtime';

/** Who asks for a status change: `host` (a person or the platform), or `pos` (the POS reported it). */
export type StatusChangeSource = 'host' | 'pos';

/** True when the POS holds, or may hold, the order: exported, or an attempt whose outcome is unknown. */
export function posMayHoldOrder(record: ExportRecord | null): boolean {
  if (!record) return false;
  if (record.state === 'exported') return true;
  return record.attempts > 0 && record.lastError?.retryable === true;
}

/**
 * Refuse a status change that would desynchronise the POS: once an order was
 * exported, it is managed at the POS terminal. Allowed: the same status again,
 * a change the POS itself reported, and the location's
 * `statusesAllowedAfterExport`. A refusal is also written to the order's history.
 */
export async function assertStatusChangeAllowed(
  rt: ExportRuntime,
  ref: OrderRef,
  to: OrderStatus,
  source: StatusChangeSource = 'host',
): Promise<void> {
  const record = await readExportRecord(rt.ctx.store, rt.ctx.tenantId, ref);
  if (!record || !posMayHoldOrder(record) || source === 'pos' || record.orderStatus === to) return;
  const location = rt.locations.get(record.locationId);
  if (location?.settings.statusesAllowedAfterExport.includes(to)) return;
  const where = `${location?.name ?? record.locationId} (${record.connector})`;
  const state =
    record.state === 'exported' ? `was exported to ${where} as sale ${record.saleId}` : `is being exported to ${where}`;
  const message = `Refused to change order ${orderKey(ref)} from "${record.orderStatus ?? 'unknown'}" to "${to}": it ${state}, so it is managed at the POS terminal now; changing it here would desynchronise the POS. Change it in the POS (its status comes back through the POS webhook), or allow "${to}" in statusesAllowedAfterExport.`;
  await appendExportAction(rt.ctx.store, rt.ctx.tenantId, ref, {
    at: rt.ctx.now().toISOString(),
    action: 'status:refused',
    outcome: 'error',
    message,
    attempt: null,
    request: null,
    result: null,
    error: { code: 'STATUS_CHANGE_REFUSED', message, retryable: false },
    details: { from: record.orderStatus, to },
  });
  throw new StatusChangeRefusedError(message, {
    order: orderKey(ref),
    from: record.orderStatus,
    to,
    locationId: record.locationId,
    saleId: record.saleId,
  });
}
