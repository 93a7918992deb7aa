import type { EngineContext } from '../omnisync/engine-context';
import type { Cursor } from '../store/records';
import type { LastScan, ScanRecord } from './scan-types';

const NAMESPACE = 'scan';

/** The store lease that keeps one scan per channel account at a time, across processes. */
export const scanLeaseKey = (channelId: string) => `scan:${channelId}`;

/** The cursor `updated` scans start from: the start time of the last successful full or updated scan. */
export const updatedCursorKey = (channelId: string) => `scan:updated:${channelId}`;

interface StoredHistory {
  last: ScanRecord;
  lastSuccessful: ScanRecord | null;
}

/** A channel's last scan, last successful scan and `updated` cursor (null when it was never scanned). */
export async function readLastScan(ctx: EngineContext, channelId: string): Promise<LastScan | null> {
  const history = await ctx.store.getValue<StoredHistory>(ctx.tenantId, NAMESPACE, channelId);
  if (!history) return null;
  const cursor = await ctx.store.getCursor(ctx.tenantId, updatedCursorKey(channelId));
  return { channelId, ...history, updatedCursor: cursor?.value ?? null };
}

/** Every channel's scan history, by channel id (one store read). */
export async function readAllScanHistories(ctx: EngineContext): Promise<Map<string, StoredHistory>> {
  const rows = await ctx.store.listValues<StoredHistory>(ctx.tenantId, NAMESPACE);
  return new Map(rows.map((r) => [r.key, r.value]));
}

/** Keep a finished scan's record (only the lease holder writes it). */
export async function writeScanRecord(ctx: EngineContext, record: ScanRecord): Promise<void> {
  const previous = await ctx.store.getValue<StoredHistory>(ctx.tenantId, NAMESPACE, record.channelId);
  const history: StoredHistory = {
    last: record,
    lastSuccessful: record.outcome === 'ok' ? record : (previous?.lastSuccessful ?? null),
  };
  await ctx.store.putValue(ctx.tenantId, NAMESPACE, record.channelId, history);
}

export function readUpdatedCursor(ctx: EngineContext, channelId: string): Promise<Cursor | null> {
  return ctx.store.getCursor(ctx.tenantId, updatedCursorKey(channelId));
}

/** Move the `updated` cursor by compare-and-set; false when another worker moved it first. */
export async function advanceUpdatedCursor(
  ctx: EngineContext,
  channelId: string,
  expectedVersion: number | null,
  value: string,
): Promise<boolean> {
  const moved = await ctx.store.compareAndSetCursor(ctx.tenantId, updatedCursorKey(channelId), expectedVersion, value);
  return moved !== null;
}
