import type { ScanType } from '@omnisync/core';
import { EXIT } from '../exit-codes';
import { printClassification, printInventory, printOrders, printReconcile } from '../print/print-reports';
import { type GlobalOptions, runCommand } from '../run-command';
import { pickChannels, withInstance } from './with-instance';

type Opts = GlobalOptions & Record<string, string | boolean | undefined>;

/** `omnisync scan [--channel a,b] [--type full|active|updated|single] [--sku X]` */
export const scanCommand = (o: Opts) =>
  runCommand(o, (reporter) =>
    withInstance(o, async ({ omni }) => {
      const reports = [];
      for (const channelId of pickChannels(omni.channelIds, o.channel as string | undefined)) {
        const bar = reporter.progress(`scan ${channelId}`, null);
        const report = await omni.scan(channelId, {
          type: (o.type as ScanType | undefined) ?? 'updated',
          sku: o.sku as string | undefined,
          onProgress: (p) => bar.update(p.listingsSeen, p.total),
        });
        bar.stop(
          `${report.type}, ${report.counts.listingsWritten} written, ${report.counts.deletedMarked} marked deleted`,
        );
        reports.push(report);
      }
      reporter.result({ ok: true, scans: reports });
      return EXIT.OK;
    }),
  );

/** `omnisync classify [--tab not-in-pos] [--channel a] [--text q]` */
export const classifyCommand = (o: Opts) =>
  runCommand(o, (reporter) =>
    withInstance(o, async ({ omni }) => {
      const summary = await omni.classify();
      const statistics = await omni.channelStatistics();
      printClassification(reporter, summary, statistics);
      let rows: unknown = null;
      if (o.tab) {
        const page = await omni.catalogTab(o.tab as never, {
          channelId: (o.channel as string) ?? null,
          text: (o.text as string) ?? null,
          pageSize: 50,
        });
        rows = page;
        reporter.line(JSON.stringify(page, null, 2));
      }
      reporter.result({ ok: true, summary, statistics, rows });
      return EXIT.OK;
    }),
  );

/** `omnisync orders [--channel a] [--from ISO] [--reconcile-hours 72] [--dry-run]` */
export const ordersCommand = (o: Opts) =>
  runCommand(o, (reporter) =>
    withInstance(o, async ({ omni }) => {
      const channels = pickChannels(omni.channelIds, o.channel as string | undefined);
      const downloads = [];
      if (!o.dryRun)
        for (const id of channels)
          downloads.push(await omni.downloadOrders(id, { from: o.from as string | undefined }));
      printOrders(reporter, downloads);
      const from = new Date(Date.now() - Number(o.reconcileHours ?? 72) * 3_600_000).toISOString();
      const reconciles = [];
      for (const id of channels) reconciles.push(await omni.reconcileOrders(id, { from, dryRun: Boolean(o.dryRun) }));
      reporter.table(
        'Orders compared with the ledger',
        ['channel', 'checked', 'missing', 'stale', 'repaired'],
        reconciles.map((r) => [r.channelId, r.checked, r.missing, r.stale, r.repaired]),
      );
      reporter.result({ ok: true, downloads, reconciles });
      const attention =
        downloads.some((d) => d.waiting + d.failed > 0) ||
        reconciles.some((r) => r.repaired < r.missing + r.stale && !r.dryRun);
      return attention ? EXIT.ATTENTION : EXIT.OK;
    }),
  );

/** `omnisync inventory [--channel a,b] [--dry-run]` */
export const inventoryCommand = (o: Opts) =>
  runCommand(o, (reporter) =>
    withInstance(o, async ({ omni }) => {
      const report = await omni.updateInventory({
        channelIds: pickChannels(omni.channelIds, o.channel as string | undefined),
        dryRun: Boolean(o.dryRun),
      });
      printInventory(reporter, report);
      const pending = o.dryRun ? null : await omni.pushPendingStock();
      reporter.result({ ok: report.totals.failed === 0, report, pending });
      return report.totals.failed > 0 ? EXIT.ATTENTION : EXIT.OK;
    }),
  );

/** `omnisync products download|upload --channel a [--all] [--keys k1,k2]` */
export const productsCommand = (direction: string, o: Opts) =>
  runCommand(o, (reporter) =>
    withInstance(o, async ({ omni }) => {
      const channelId = o.channel as string;
      const keys = o.keys ? String(o.keys).split(',') : undefined;
      const report =
        direction === 'upload'
          ? await omni.uploadProducts(channelId, keys ? { itemIds: keys } : {})
          : await omni.downloadProducts(channelId, keys ? { listingKeys: keys } : { all: true });
      reporter.line(JSON.stringify(report, null, 2));
      reporter.result({ ok: true, report });
      return EXIT.OK;
    }),
  );

/** `omnisync reconcile [--channel a,b] [--dry-run] [--hours 72]` */
export const reconcileCommand = (o: Opts) =>
  runCommand(o, (reporter) =>
    withInstance(o, async ({ omni }) => {
      const report = await omni.reconcile({
        channelIds: pickChannels(omni.channelIds, o.channel as string | undefined),
        dryRun: Boolean(o.dryRun),
        orderWindowHours: o.hours ? Number(o.hours) : undefined,
        onStep: ({ channelId, step }) => reporter.line(`${step}${channelId ? ` ${channelId}` : ''}...`),
      });
      printReconcile(reporter, report);
      reporter.result({ ok: report.problems.length === 0, report });
      return report.problems.length > 0 ? EXIT.ATTENTION : EXIT.OK;
    }),
  );

/** `omnisync status`: last scans, statistics, waiting orders, queued work. */
export const statusCommand = (o: Opts) =>
  runCommand(o, (reporter) =>
    withInstance(o, async ({ omni, store }) => {
      const statistics = await omni.channelStatistics();
      const waiting = await store.listLedgerEntries({
        tenantId: omni.tenantId,
        states: ['waiting', 'failed', 'rejected'],
        limit: 1000,
      });
      const outbox = await store.listOutbox({ tenantId: omni.tenantId, limit: 10_000 });
      const notices = await omni.actions({ outcome: 'notice', limit: 10 });
      reporter.table(
        'Channels',
        ['channel', 'live', 'sold in channel', 'not in POS', 'last scan', 'last successful scan'],
        statistics.map((s) => [
          s.name,
          s.liveProducts,
          s.soldInChannel,
          s.notInPos,
          s.lastScan ? `${s.lastScan.type} ${s.lastScan.outcome}` : 'never',
          s.lastSuccessfulScanAt ?? '',
        ]),
      );
      reporter.table(
        'Queued work',
        ['kind', 'count'],
        [
          ['orders waiting, failed or rejected', waiting.items.length],
          ...countBy(outbox.map((e) => e.topic)).map(([topic, n]) => [`outbox ${topic}`, n]),
        ],
      );
      reporter.table(
        'Latest notices',
        ['at', 'channel', 'message'],
        notices.items.map((n) => [n.at, n.channelId ?? '', n.message]),
      );
      reporter.result({
        ok: true,
        statistics,
        waitingOrders: waiting.items.length,
        outbox: outbox.length,
        notices: notices.items,
      });
      return waiting.items.length > 0 ? EXIT.ATTENTION : EXIT.OK;
    }),
  );

function countBy(values: readonly string[]): [string, number][] {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts];
}
