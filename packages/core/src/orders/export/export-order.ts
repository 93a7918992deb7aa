import { randomUUID } from 'node:crypto';
import type { CreateSaleArgsV1 } from '../../connector/v1/pos-connector-v1';
import { InvalidArgumentError } from '../../errors/errors';
import { toSchemaIssues } from '../../errors/zod-issues';
import { ChannelOrder, type ChannelOrderInput } from '../../model/channel-order';
import type { Lease } from '../../store/records';
import { ExportFailedError, ExportPreflightError } from './export-errors';
import { appendExportAction, summariseError, summariseRequest } from './export-history';
import {
  type ExportRecord,
  exportIdempotencyKey,
  type OrderRef,
  orderKey,
  patchExportRecord,
  readExportRecord,
  writeSaleIndex,
} from './export-record';
import { catalogIndex, type ExportLocation, type ExportRuntime, findLocation } from './export-runtime';
import { type ResolvedExport, resolveExportOrder, TargetIds } from './resolve-export-order';
import { posMayHoldOrder } from './status-guard';

/** What an export call did. */
export interface ExportResult {
  /** `exported` now; `already-exported` earlier (nothing sent); `in-progress` in another call or worker. */
  status: 'exported' | 'already-exported' | 'in-progress';
  channelId: string;
  externalId: string;
  locationId: string;
  saleId: string | null;
  idempotencyKey: string;
  attempts: number;
}

/** Options of `exportOrder`. */
export interface ExportOrderOptions {
  /** The location (pickup point) whose POS receives the order; see `findLocation` for the default. */
  locationId?: string | null;
  signal?: AbortSignal;
}

/** `call`: a person or the acceptance hook; `outbox`: the retry runner (which reschedules by itself). */
export type ExportMode = 'call' | 'outbox';

/** Parse an order handed to the export, naming bad fields. */
export function parseOrder(input: ChannelOrderInput | ChannelOrder): ChannelOrder {
  const result = ChannelOrder.safeParse(input);
  if (!result.success) {
    const issues = toSchemaIssues(result.error);
    throw new InvalidArgumentError(
      `The order is not valid: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`,
    );
  }
  return result.data;
}

/** The location of an order, or a clear error. */
export function locationOrThrow(rt: ExportRuntime, order: ChannelOrder, locationId?: string | null): ExportLocation {
  const location = findLocation(rt, order, locationId);
  if (!location) {
    throw new InvalidArgumentError(
      `Order ${orderKey(order)} names no export location and none can be inferred: pass { locationId } (known: ${[
        ...rt.locations.keys(),
      ].join(', ')}).`,
    );
  }
  return location;
}

/**
 * Export an order to its location's POS, at most once. A second call (a retry,
 * a duplicate acceptance, another worker) finds the store record and sends
 * nothing; concurrent calls are serialised by a lease; the POS receives the
 * same idempotency key on every attempt. Every attempt lands in the history.
 */
export async function exportOrder(
  rt: ExportRuntime,
  input: ChannelOrderInput | ChannelOrder,
  options: ExportOrderOptions = {},
  mode: ExportMode = 'call',
): Promise<ExportResult> {
  const { ctx } = rt;
  const order = parseOrder(input);
  const location = locationOrThrow(rt, order, options.locationId);
  const done = await alreadyDone(rt, order, location);
  if (done) return done;
  const lease = await ctx.store.acquireLease({
    tenantId: ctx.tenantId,
    key: `export:${orderKey(order)}`,
    owner: `${ctx.workerId}:${randomUUID()}`,
    ttlMs: rt.settings.leaseMs,
  });
  if (!lease) return skipped(rt, order, location, null, 'in-progress', 'Another export of this order is running.');
  const stopRenewing = keepLease(rt, lease);
  try {
    return (await alreadyDone(rt, order, location)) ?? (await attemptExport(rt, order, location, options, mode));
  } finally {
    stopRenewing();
    await ctx.store.releaseLease(lease);
  }
}

/** Renew the order's lease while a slow POS keeps the attempt running, so no second attempt starts beside it. */
function keepLease(rt: ExportRuntime, lease: Lease): () => void {
  const ttlMs = rt.settings.leaseMs;
  const timer = setInterval(
    () => {
      rt.ctx.store.renewLease(lease, ttlMs).catch((error: unknown) => {
        rt.ctx.logger.warn({ key: lease.key, error: String(error) }, 'export lease renewal failed');
      });
    },
    Math.max(1, Math.floor(ttlMs / 3)),
  );
  timer.unref?.();
  return () => clearInterval(timer);
}

async function alreadyDone(rt: ExportRuntime, order: ChannelOrder, location: ExportLocation) {
  const record = await readExportRecord(rt.ctx.store, rt.ctx.tenantId, order);
  if (record?.state === 'exported') {
    return skipped(rt, order, location, record, 'already-exported', `Already exported (sale ${record.saleId}).`);
  }
  if (record && posMayHoldOrder(record) && record.locationId !== location.id) {
    throw new InvalidArgumentError(
      `Order ${orderKey(order)} was already sent to location "${record.locationId}" (outcome unknown); retry it there, not at "${location.id}".`,
    );
  }
  return null;
}

async function skipped(
  rt: ExportRuntime,
  order: ChannelOrder,
  location: ExportLocation,
  record: ExportRecord | null,
  status: 'already-exported' | 'in-progress',
  message: string,
): Promise<ExportResult> {
  const at = rt.ctx.now().toISOString();
  await appendExportAction(rt.ctx.store, rt.ctx.tenantId, order, {
    at,
    action: 'export:skipped',
    outcome: 'skipped',
    message,
    attempt: null,
    request: null,
    result: record?.saleId ? { saleId: record.saleId, posStatus: record.posStatus } : null,
    error: null,
  });
  return {
    status,
    channelId: order.channelId,
    externalId: order.externalId,
    locationId: record?.locationId ?? location.id,
    saleId: record?.saleId ?? null,
    idempotencyKey: exportIdempotencyKey(rt.ctx.tenantId, order),
    attempts: record?.attempts ?? 0,
  };
}

function baseRecord(rt: ExportRuntime, order: ChannelOrder, location: ExportLocation, previous: ExportRecord | null) {
  return {
    channelId: order.channelId,
    externalId: order.externalId,
    number: order.number,
    locationId: location.id,
    targetId: location.targetId,
    connector: location.pos.connector,
    idempotencyKey: exportIdempotencyKey(rt.ctx.tenantId, order),
    orderStatus: previous?.orderStatus ?? order.status,
    saleId: previous?.saleId ?? null,
    posStatus: previous?.posStatus ?? null,
    attempts: previous?.attempts ?? 0,
    exportedAt: null,
    order,
  };
}

async function attemptExport(
  rt: ExportRuntime,
  order: ChannelOrder,
  location: ExportLocation,
  options: ExportOrderOptions,
  mode: ExportMode,
): Promise<ExportResult> {
  const { ctx } = rt;
  const previous = await readExportRecord(ctx.store, ctx.tenantId, order);
  const base = baseRecord(rt, order, location, previous);
  const resolved = await preflight(rt, order, location, options.signal);
  if (!resolved.ok) {
    const error = new ExportPreflightError(orderKey(order), location.targetId, resolved.missing);
    await recordFailure(rt, order, { ...base, state: 'failed', lastError: summariseError(error) }, null, {
      action: 'export:preflight',
      details: { missing: resolved.missing },
      error,
    });
    throw error;
  }
  const currency = order.currency ?? location.settings.currency;
  if (!currency) {
    throw new InvalidArgumentError(
      `Order ${orderKey(order)} has no currency and location "${location.id}" sets no default currency.`,
    );
  }
  const args: CreateSaleArgsV1 = {
    idempotencyKey: base.idempotencyKey,
    itemIds: resolved.itemIds,
    currency,
    locationId: location.id,
    saleNumber: order.number,
    saleDate: order.createdAt,
    signal: options.signal,
  };
  const attempt = base.attempts + 1;
  const request = summariseRequest(resolved.order, args, {
    connector: location.pos.connector,
    targetId: location.targetId,
    locationId: location.id,
  });
  try {
    const sale = await location.pos.createSale(resolved.order, args);
    const at = ctx.now().toISOString();
    const record: ExportRecord = {
      ...base,
      state: 'exported',
      saleId: sale.id,
      posStatus: sale.status,
      attempts: attempt,
      lastError: null,
      exportedAt: at,
      updatedAt: at,
    };
    await ctx.store.transaction(async (tx) => {
      await patchExportRecord(tx, ctx.tenantId, record, attemptFields(record));
      await writeSaleIndex(tx, ctx.tenantId, location.id, sale.id, order);
      await appendExportAction(tx, ctx.tenantId, order, {
        at,
        action: 'export:attempt',
        outcome: 'ok',
        message: `Exported to ${location.name} (${location.pos.connector}) as sale ${sale.id} on attempt ${attempt}.`,
        attempt,
        request,
        result: { saleId: sale.id, posStatus: sale.status },
        error: null,
      });
    });
    ctx.events.emit('order:exported', { ...refOf(order), locationId: location.id, saleId: sale.id });
    return {
      status: 'exported',
      ...refOf(order),
      locationId: location.id,
      saleId: sale.id,
      idempotencyKey: args.idempotencyKey,
      attempts: attempt,
    };
  } catch (error) {
    const summary = summariseError(error);
    const retryAt = summary.retryable && attempt < rt.settings.maxAttempts ? retryTime(rt, attempt) : null;
    const record = { ...base, state: 'failed' as const, attempts: attempt, lastError: summary };
    await recordFailure(rt, order, record, retryAt, { action: 'export:attempt', attempt, request, error, mode });
    if (summary.retryable && !retryAt && mode === 'call') await noticeGaveUp(rt, order, attempt, summary.message);
    throw new ExportFailedError(orderKey(order), location.targetId, attempt, retryAt, {
      cause: error,
      retryable: summary.retryable,
    });
  }
}

const refOf = (ref: OrderRef): OrderRef => ({ channelId: ref.channelId, externalId: ref.externalId });

/** The fields an export attempt owns: everything but the order status, which status changes own. */
function attemptFields(record: ExportRecord): Partial<ExportRecord> {
  const { orderStatus: _owned, ...fields } = record;
  return fields;
}

/** When the retry after `attempt` failed attempts is due: exponential backoff with a cap. */
export function retryTime(rt: ExportRuntime, attempt: number): string {
  const delay = Math.min(rt.settings.retryBackoffMs * 2 ** (attempt - 1), rt.settings.maxBackoffMs);
  return new Date(rt.ctx.now().getTime() + delay).toISOString();
}

async function recordFailure(
  rt: ExportRuntime,
  order: ChannelOrder,
  record: Omit<ExportRecord, 'updatedAt'>,
  retryAt: string | null,
  what: {
    action: string;
    error: unknown;
    attempt?: number;
    request?: ReturnType<typeof summariseRequest>;
    details?: Record<string, unknown>;
    mode?: ExportMode;
  },
): Promise<void> {
  const { ctx } = rt;
  const at = ctx.now().toISOString();
  const error = summariseError(what.error);
  await ctx.store.transaction(async (tx) => {
    const full = { ...record, updatedAt: at };
    await patchExportRecord(tx, ctx.tenantId, full, attemptFields(full));
    await appendExportAction(tx, ctx.tenantId, order, {
      at,
      action: what.action,
      outcome: 'error',
      message: retryAt ? `${error.message} Retry scheduled at ${retryAt}.` : error.message,
      attempt: what.attempt ?? null,
      request: what.request ?? null,
      result: null,
      error,
      details: { retryAt, ...what.details },
    });
    if (retryAt && what.mode === 'call') {
      await tx.enqueue({
        tenantId: ctx.tenantId,
        topic: 'export',
        key: orderKey(order),
        payload: { ...refOf(order), locationId: record.locationId },
        availableAt: retryAt,
      });
    }
  });
  if (what.attempt) {
    ctx.events.emit('order:export-failed', {
      ...refOf(order),
      locationId: record.locationId,
      attempt: what.attempt,
      retryAt,
      error: { code: error.code, message: error.message },
    });
  }
}

async function noticeGaveUp(rt: ExportRuntime, order: ChannelOrder, attempt: number, message: string): Promise<void> {
  await rt.ctx.notice({
    kind: 'export-failed',
    channelId: order.channelId,
    message: `Export of order ${orderKey(order)} stopped retrying after ${attempt} attempts: ${message}`,
    subject: { type: 'order', id: orderKey(order) },
  });
}

/** Resolve the POS ids of an order; a miss against the cached catalog is checked again against a fresh read. */
async function preflight(
  rt: ExportRuntime,
  order: ChannelOrder,
  location: ExportLocation,
  signal?: AbortSignal,
): Promise<ResolvedExport> {
  const { ctx } = rt;
  const ids = new TargetIds(location.targetId, await ctx.store.listMappings(ctx.tenantId, location.targetId));
  const first = resolveExportOrder(order, await catalogIndex(rt, false, signal), ids);
  if (first.ok) return first;
  return resolveExportOrder(order, await catalogIndex(rt, true, signal), ids);
}
