import type { InventoryReport, Omnisync, ReconcileReport, ScanReport } from '@omnisync/core';
import { EXIT, type ExitCode } from '../exit-codes';
import type { Reporter } from '../output/reporter';
import { printClassification, printInventory, printOrders, printReconcile } from '../print/print-reports';
import { advanceOrders, placeShopperOrders } from './demo-shoppers';
import { DEMO_CHANNELS, type DemoOptions, type DemoWorld, startDemoWorld } from './demo-world';
import { checkGroundTruth } from './ground-truth';

/** Scan every channel in the background at once, one progress bar each. */
async function scanAll(omni: Omnisync, reporter: Reporter): Promise<ScanReport[]> {
  const jobs = await Promise.all(DEMO_CHANNELS.map(({ id }) => omni.startScan(id, { type: 'full' })));
  return Promise.all(
    jobs.map(async (job) => {
      const bar = reporter.progress(`scan ${job.channelId}`, null);
      job.on('progress', (p) => bar.update(p.listingsSeen, p.total));
      try {
        const report = await job.done;
        bar.stop(`${report.durationMs} ms`);
        return report;
      } catch (error) {
        bar.stop('failed');
        throw error;
      }
    }),
  );
}

async function downloadAll(omni: Omnisync) {
  const reports = [];
  for (const { id } of DEMO_CHANNELS) reports.push(await omni.downloadOrders(id));
  return reports;
}

/**
 * The newcomer's first five minutes: three mock marketplaces and a mock POS,
 * scanned, matched and classified; orders imported; stock pushed; a
 * reconcile; and a check of every figure against the mocks' ground truth.
 */
export async function runDemo(options: DemoOptions, reporter: Reporter): Promise<ExitCode> {
  const started = Date.now();
  reporter.line(
    `omnisync demo: ${options.items} products, 3 mock channels${options.chaos ? ', chaos on (latency, 429s, 5xx)' : ''}, store ${options.storePath}`,
  );
  const world: DemoWorld = await startDemoWorld(options);
  try {
    const { omni } = world;
    const scans = await scanAll(omni, reporter);
    const summary = await omni.classify();
    const statistics = await omni.channelStatistics();
    printClassification(reporter, summary, statistics);

    const activity = placeShopperOrders(world, options.seed, Math.max(5, Math.round(options.items / 40)));
    reporter.line(`\nShoppers placed ${activity.placed} orders (${activity.cancelled} cancelled before import).`);
    const downloads = await downloadAll(omni);
    printOrders(reporter, downloads);

    const inventory: InventoryReport = await omni.updateInventory();
    printInventory(reporter, inventory);

    const changed = advanceOrders(world.servers, options.seed);
    for (const item of world.pos.items().slice(0, 10)) world.pos.adjustStock({ itemId: item.id }, 3);
    await omni.stockChanged(
      world.pos
        .items()
        .slice(0, 10)
        .map((i) => i.id),
      'restock',
    );
    reporter.line(`\nLater: ${changed} orders changed status on the channels; 10 items restocked in the POS.`);
    const reconcile: ReconcileReport = await omni.reconcile();
    printReconcile(reporter, reconcile);

    const truth = checkGroundTruth(world);
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    reporter.table(
      'Summary',
      ['check', 'result'],
      [
        ['channel orders (imported statuses)', truth.channelOrders],
        ['sales in the POS', truth.posSales],
        ['missing orders', truth.missingOrders],
        ['duplicate sales', truth.duplicateSales],
        ['stale statuses', truth.staleStatuses],
        ['listings checked against POS stock', truth.listingsChecked],
        ['stock mismatches', truth.stockMismatches.length],
        ['HTTP retries needed', `${world.retries.count} ${JSON.stringify(world.retries.byStatus)}`],
        ['duration', `${seconds} s`],
        ['consistent', truth.consistent ? 'yes' : 'NO'],
      ],
    );
    reporter.result({
      ok: truth.consistent,
      options,
      scans: scans.map((s) => ({ channelId: s.channelId, type: s.type, counts: s.counts, durationMs: s.durationMs })),
      classification: summary,
      statistics,
      activity,
      orders: downloads,
      inventory: inventory.totals,
      reconcile: {
        problems: reconcile.problems,
        inventory: 'failure' in reconcile.inventory ? reconcile.inventory : reconcile.inventory.totals,
      },
      groundTruth: truth,
      retries: world.retries,
    });
    return truth.consistent ? EXIT.OK : EXIT.FAILED;
  } finally {
    await world.close();
  }
}
