import { createHash } from 'node:crypto';
import type { PosSaleStatus } from '../../connector/v1/pos-connector-v1';
import type { ChannelOrder } from '../../model/channel-order';
import type { OrderStatus } from '../../model/order-status';
import type { SyncStoreOperations } from '../../store/sync-store';

/** Identifies an order for export: the channel (or ordering platform) and its id there. */
export interface OrderRef {
  channelId: string;
  externalId: string;
}

/** Where an order stands in the export flow. */
export type ExportState = 'accepted' | 'failed' | 'exported';

/** The error of the last failed attempt, safe to show. */
export interface ExportErrorSummary {
  code: string;
  message: string;
  retryable: boolean;
}

/** The store record of one order's export (namespace `export`), the source of idempotency. */
export interface ExportRecord extends OrderRef {
  number: string;
  locationId: string;
  targetId: string;
  connector: string;
  /** Sent to the POS with every attempt; the same for every retry of this order. */
  idempotencyKey: string;
  state: ExportState;
  /** The order's status on our side, as last set through omnisync. */
  orderStatus: OrderStatus | null;
  saleId: string | null;
  /** The status the POS reported (in its answer or a webhook). */
  posStatus: PosSaleStatus | null;
  attempts: number;
  lastError: ExportErrorSummary | null;
  exportedAt: string | null;
  updatedAt: string;
  /** The order as last handed to the export, for retries. */
  order: ChannelOrder;
}

const NAMESPACE = 'export';

/** The store key of an order's export record. */
export function orderKey(ref: OrderRef): string {
  return `${ref.channelId}:${ref.externalId}`;
}

/**
 * The idempotency key of an order's export: derived from tenant, channel and
 * order id only, so every retry, worker and restart sends the same key. It has
 * no `.` (Standard Webhooks forbids it in a message id).
 */
export function exportIdempotencyKey(tenantId: string, ref: OrderRef): string {
  const digest = createHash('sha256').update(`${tenantId}\u0000${ref.channelId}\u0000${ref.externalId}`).digest();
  return `exp_${digest.toString('base64url').slice(0, 32)}`;
}

/** Read an order's export record. */
export function readExportRecord(
  store: SyncStoreOperations,
  tenantId: string,
  ref: OrderRef,
): Promise<ExportRecord | null> {
  return store.getValue<ExportRecord>(tenantId, NAMESPACE, orderKey(ref));
}

/** Write an order's export record. */
export function writeExportRecord(store: SyncStoreOperations, tenantId: string, record: ExportRecord): Promise<void> {
  return store.putValue(tenantId, NAMESPACE, orderKey(record), record);
}

/**
 * Apply `patch` to the order's current record (or to `base` when there is none)
 * and write it: each writer changes only its own fields, so an attempt's result
 * and a concurrent status change never overwrite each other. Call inside a
 * store transaction.
 */
export async function patchExportRecord(
  tx: SyncStoreOperations,
  tenantId: string,
  base: ExportRecord,
  patch: Partial<ExportRecord>,
): Promise<ExportRecord> {
  const current = (await readExportRecord(tx, tenantId, base)) ?? base;
  const next = { ...current, ...patch };
  await writeExportRecord(tx, tenantId, next);
  return next;
}

const SALES = 'export.sales';

/** Remember which order a POS sale id belongs to (POS webhooks name the sale only). */
export function writeSaleIndex(
  store: SyncStoreOperations,
  tenantId: string,
  locationId: string,
  saleId: string,
  ref: OrderRef,
): Promise<void> {
  return store.putValue(tenantId, SALES, `${locationId}:${saleId}`, {
    channelId: ref.channelId,
    externalId: ref.externalId,
  });
}

/** The order a POS sale id belongs to, or null. */
export function readSaleIndex(
  store: SyncStoreOperations,
  tenantId: string,
  locationId: string,
  saleId: string,
): Promise<OrderRef | null> {
  return store.getValue<OrderRef>(tenantId, SALES, `${locationId}:${saleId}`);
}
