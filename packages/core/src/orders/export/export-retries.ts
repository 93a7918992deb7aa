import { InvalidArgumentError } from '../../errors/errors';
import { ExportFailedError } from './export-errors';
import { type ExportResult, exportOrder } from './export-order';
import { type OrderRef, orderKey, readExportRecord } from './export-record';
import type { ExportRuntime } from './export-runtime';

/** What one run of due export retries did. */
export interface ExportRetryReport {
  claimed: number;
  exported: number;
  rescheduled: number;
  /** Entries dropped because the error cannot be fixed by retrying or the attempts ran out (a notice says so). */
  gaveUp: number;
}

/**
 * Run the export retries that are due (outbox topic `export`): each one is a
 * normal export attempt, recorded in the order's history; a retryable failure
 * goes back with a longer delay, anything else gives up with a notice.
 */
export async function runExportRetries(
  rt: ExportRuntime,
  options: { limit?: number } = {},
): Promise<ExportRetryReport> {
  const { ctx } = rt;
  const report: ExportRetryReport = { claimed: 0, exported: 0, rescheduled: 0, gaveUp: 0 };
  const entries = await ctx.store.claim({
    tenantId: ctx.tenantId,
    topic: 'export',
    owner: ctx.workerId,
    limit: options.limit ?? 20,
    visibilityTimeoutMs: rt.settings.leaseMs,
  });
  report.claimed = entries.length;
  for (const entry of entries) {
    const ref = entry.payload as OrderRef;
    const record = await readExportRecord(ctx.store, ctx.tenantId, ref);
    if (!record || record.state === 'exported') {
      await ctx.store.ack(ctx.tenantId, [entry.id], ctx.workerId);
      continue;
    }
    try {
      const result = await exportOrder(rt, record.order, { locationId: record.locationId }, 'outbox');
      if (result.status === 'in-progress') {
        await ctx.store.release(ctx.tenantId, entry.id, ctx.workerId, { availableAt: nextTry(rt) });
        report.rescheduled++;
        continue;
      }
      await ctx.store.ack(ctx.tenantId, [entry.id], ctx.workerId);
      report.exported++;
    } catch (error) {
      if (ExportFailedError.isInstance(error) && error.retryAt) {
        await ctx.store.release(ctx.tenantId, entry.id, ctx.workerId, {
          error: error.message,
          availableAt: error.retryAt,
        });
        report.rescheduled++;
        continue;
      }
      await ctx.store.ack(ctx.tenantId, [entry.id], ctx.workerId);
      report.gaveUp++;
      await ctx.notice({
        kind: 'export-failed',
        channelId: ref.channelId,
        message: `Export of order ${orderKey(ref)} stopped retrying: ${error instanceof Error ? error.message : String(error)}`,
        subject: { type: 'order', id: orderKey(ref) },
      });
    }
  }
  return report;
}

const nextTry = (rt: ExportRuntime) => new Date(rt.ctx.now().getTime() + rt.settings.retryBackoffMs).toISOString();

/** Retry an order's export now, by hand (after fixing what failed): same location, same idempotency key. */
export async function retryExport(rt: ExportRuntime, ref: OrderRef, signal?: AbortSignal): Promise<ExportResult> {
  const record = await readExportRecord(rt.ctx.store, rt.ctx.tenantId, ref);
  if (!record) throw new InvalidArgumentError(`Order ${orderKey(ref)} has no export to retry; call exportOrder first.`);
  return exportOrder(rt, record.order, { locationId: record.locationId, signal });
}

/** Run due retries every `retryIntervalMs` in the background, until the instance closes. */
export function startRetryTimer(rt: ExportRuntime): void {
  const interval = rt.settings.retryIntervalMs;
  if (!interval) return;
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    runExportRetries(rt)
      .catch((error: unknown) => rt.ctx.logger.error({ error: String(error) }, 'export retries failed'))
      .finally(() => {
        running = false;
      });
  }, interval);
  timer.unref?.();
  rt.ctx.onClose(() => clearInterval(timer));
}
