import type {
  ChannelStatistics,
  ClassificationSummary,
  DownloadReport,
  InventoryReport,
  ReconcileReport,
} from '@omnisync/core';
import type { Reporter } from '../output/reporter';

/** The classification tabs per channel and the Channel Statistic table. */
export function printClassification(
  reporter: Reporter,
  summary: ClassificationSummary,
  statistics: readonly ChannelStatistics[],
): void {
  reporter.table(
    `Classification (${summary.items} POS items in the In POS tab)`,
    [
      'channel',
      'sold in channel',
      'not in POS',
      'empty SKU',
      'unknown SKU',
      'SKU conflict',
      'not in channel',
      'multiple listing',
    ],
    summary.channels.map((c) => [
      c.name,
      c.tabs.soldInChannel,
      c.tabs.notInPos,
      c.counts.notInPosByReason['empty-sku'] ?? 0,
      c.counts.notInPosByReason['unknown-sku'] ?? 0,
      c.counts.notInPosByReason.conflict ?? 0,
      c.tabs.notInChannel,
      c.tabs.multipleListing,
    ]),
  );
  reporter.table(
    'Channel statistics',
    ['channel', 'live products', 'sold in channel', 'not in POS', 'multiple-listed SKUs', 'last scan'],
    statistics.map((s) => [
      s.name,
      s.liveProducts,
      s.soldInChannel,
      s.notInPos,
      s.multipleListedSkus,
      s.lastScan ? `${s.lastScan.type} ${s.lastScan.outcome} ${s.lastScan.durationMs} ms` : 'never',
    ]),
  );
}

/** One row per channel download. */
export function printOrders(reporter: Reporter, reports: readonly DownloadReport[]): void {
  reporter.table(
    'Orders downloaded',
    ['channel', 'seen', 'imported', 'updated', 'unchanged', 'waiting', 'failed', 'cursor'],
    reports.map((r) => [
      r.channelId,
      r.seen,
      r.imported,
      r.updated,
      r.unchanged,
      r.waiting,
      r.failed,
      r.cursorAfter ?? '',
    ]),
  );
}

/** One row per channel inventory pass. */
export function printInventory(reporter: Reporter, report: InventoryReport): void {
  reporter.table(
    report.dryRun ? 'Inventory plan (dry run)' : 'Inventory pushed',
    ['channel', 'changes', 'pushed', 'unchanged', 'skipped (unmatched)', 'failed', 'requests'],
    report.channels.map((c) => [
      c.channelId,
      c.changes.length,
      c.pushed,
      c.unchanged,
      c.skipped.length,
      c.failed.length,
      c.requests,
    ]),
  );
}

/** The reconcile routine, one row per channel, and its problems. */
export function printReconcile(reporter: Reporter, report: ReconcileReport): void {
  reporter.table(
    report.dryRun ? 'Reconcile plan (dry run)' : 'Reconcile',
    ['channel', 'scan', 'orders checked', 'missing', 'stale', 'repaired'],
    report.channels.map((c) => {
      const scan =
        'failure' in c.scan
          ? `failed: ${c.scan.failure.code}`
          : `${c.scan.type} ${c.scan.counts.listingsWritten} written`;
      if ('failure' in c.orders) return [c.channelId, scan, `failed: ${c.orders.failure.code}`, '', '', ''];
      const r = c.orders.reconcile;
      return [c.channelId, scan, r.checked, r.missing, r.stale, r.repaired];
    }),
  );
  if (!('failure' in report.inventory)) printInventory(reporter, report.inventory);
  for (const problem of report.problems) reporter.warn(problem);
}
