import { OmnisyncError } from '../errors/omnisync-error';
import type { InventoryReport } from '../inventory/inventory-api';
import type { EngineContext } from '../omnisync/engine-context';
import type { DownloadReport } from '../orders/download-orders';
import type { OrdersReconcileReport } from '../orders/reconcile-orders';
import type { ScanReport, ScanType } from '../scan/scan-types';
import type { ReconcileFeatures } from './reconcile-features';

/** Options of `omni.reconcile()`. */
export interface ReconcileOptions {
  /** The channels to reconcile (default: all). */
  channelIds?: readonly string[];
  /**
   * Plan only: still scans (reading the channel refreshes the snapshot), then reports the orders
   * that would be imported or repaired and the stock that would be pushed, each with its reason.
   */
  dryRun?: boolean;
  /** How far back the order comparison looks (default 72 hours). */
  orderWindowHours?: number;
  /** The scan to run first (default `updated`, which runs as `full` when a channel was never scanned). */
  scanType?: Extract<ScanType, 'updated' | 'full' | 'active'>;
  signal?: AbortSignal;
  /** Called as each step starts, for progress displays. */
  onStep?: (step: { channelId: string | null; step: ReconcileStepName }) => void;
}

/** The steps of the reconcile routine, reported to `onStep` as each starts. */
export type ReconcileStepName = 'scan' | 'orders' | 'inventory' | 'outbox';

/** A step that failed: the routine records it and goes on with the rest. */
export interface StepFailure {
  code: string;
  message: string;
  retryable: boolean;
}

/** What the routine did for one channel. */
export interface ChannelReconcileReport {
  channelId: string;
  scan: ScanReport | { failure: StepFailure };
  /** The download since the cursor (absent in a dry run) and the comparison of the window with the ledger. */
  orders: { download: DownloadReport | null; reconcile: OrdersReconcileReport } | { failure: StepFailure };
}

/** The report (or, in a dry run, the plan) of `omni.reconcile()`. */
export interface ReconcileReport {
  dryRun: boolean;
  startedAt: string;
  finishedAt: string;
  durationMs: number;
  channels: ChannelReconcileReport[];
  inventory: InventoryReport | { failure: StepFailure };
  /** One line per thing a person should look at (failed steps, missing orders, failed pushes). */
  problems: string[];
}

function failure(error: unknown): StepFailure {
  if (OmnisyncError.isInstance(error)) return { code: error.code, message: error.message, retryable: error.retryable };
  return { code: 'UNKNOWN', message: error instanceof Error ? error.message : String(error), retryable: false };
}

async function attempt<T>(fn: () => Promise<T>, signal?: AbortSignal): Promise<T | { failure: StepFailure }> {
  signal?.throwIfAborted();
  try {
    return await fn();
  } catch (error) {
    if (signal?.aborted) throw error;
    return { failure: failure(error) };
  }
}

const failed = (v: object): v is { failure: StepFailure } => 'failure' in v;

/**
 * Seed 001's recommended routine as one call, per channel: an updated scan,
 * then the orders (download since the cursor, and a comparison of the recent
 * window with the ledger that repairs missing orders and stale statuses),
 * then one inventory update across channels, then the queued write-backs.
 * A step that fails is recorded and the routine goes on.
 */
export async function runReconcile(
  ctx: EngineContext,
  features: ReconcileFeatures,
  options: ReconcileOptions = {},
): Promise<ReconcileReport> {
  const started = ctx.now();
  const dryRun = options.dryRun ?? false;
  const signal = options.signal;
  const channelIds = options.channelIds ?? [...ctx.channels.keys()];
  for (const id of channelIds) ctx.channel(id);
  const from = new Date(started.getTime() - (options.orderWindowHours ?? 72) * 3_600_000).toISOString();
  const channels: ChannelReconcileReport[] = [];
  for (const channelId of channelIds) {
    options.onStep?.({ channelId, step: 'scan' });
    const scan = await attempt(() => features.scan(channelId, { type: options.scanType ?? 'updated', signal }), signal);
    options.onStep?.({ channelId, step: 'orders' });
    const orders = await attempt(async () => {
      const download = dryRun ? null : await features.downloadOrders(channelId, { signal });
      const reconcile = await features.reconcileOrders(channelId, { from, dryRun, signal });
      return { download, reconcile };
    }, signal);
    channels.push({ channelId, scan, orders });
  }
  options.onStep?.({ channelId: null, step: 'inventory' });
  const inventory = await attempt(() => features.updateInventory({ channelIds, dryRun, signal }), signal);
  if (!dryRun) {
    options.onStep?.({ channelId: null, step: 'outbox' });
    await attempt(() => features.pushPendingStock({ signal }), signal);
    await attempt(() => features.pushOrderStatuses(), signal);
  }
  const finished = ctx.now();
  return {
    dryRun,
    startedAt: started.toISOString(),
    finishedAt: finished.toISOString(),
    durationMs: finished.getTime() - started.getTime(),
    channels,
    inventory,
    problems: listProblems(channels, inventory, dryRun),
  };
}

function listProblems(
  channels: ChannelReconcileReport[],
  inventory: ReconcileReport['inventory'],
  dryRun: boolean,
): string[] {
  const problems: string[] = [];
  for (const c of channels) {
    if (failed(c.scan))
      problems.push(`${c.channelId}: scan failed (${c.scan.failure.code}): ${c.scan.failure.message}`);
    if (failed(c.orders))
      problems.push(`${c.channelId}: orders failed (${c.orders.failure.code}): ${c.orders.failure.message}`);
    else {
      const { missing, stale, repaired } = c.orders.reconcile;
      if (dryRun && missing + stale > 0)
        problems.push(`${c.channelId}: ${missing} missing and ${stale} stale orders would be repaired`);
      if (!dryRun && repaired < missing + stale) {
        problems.push(
          `${c.channelId}: ${missing + stale - repaired} of ${missing + stale} missing or stale orders are not repaired yet`,
        );
      }
    }
  }
  if (failed(inventory)) problems.push(`inventory failed (${inventory.failure.code}): ${inventory.failure.message}`);
  else if (inventory.totals.failed > 0) problems.push(`inventory: ${inventory.totals.failed} stock updates failed`);
  return problems;
}
