import { catalogService } from '../catalog/catalog-service';
import { OperationAbortedError } from '../errors/errors';
import { OmnisyncError } from '../errors/omnisync-error';
import type { ScanProgress } from '../events';
import type { Listing } from '../model/listing';
import type { ChannelRuntime } from '../omnisync/channel-config';
import type { EngineContext } from '../omnisync/engine-context';
import type { HeldLease } from '../omnisync/keep-lease';
import { type PagesRead, readListingPages } from './read-listing-pages';
import { ScanFailedError } from './scan-error';
import type { ScanJob } from './scan-job';
import type { ScanSettings } from './scan-settings';
import { type SingleRef, scanSingle } from './scan-single';
import { advanceUpdatedCursor, writeScanRecord } from './scan-store';
import type { DeletionSweep, ScanCounts, ScanOptions, ScanRecord, ScanReport, ScanType } from './scan-types';
import { sweepDeleted } from './sweep-deleted';

/** What a scan was asked to do, settled before it starts. */
export interface ScanPlan {
  type: ScanType;
  requestedType: ScanType;
  /** `updated` scans: the cutoff. */
  since: string | null;
  /** The version of the `updated` cursor when the scan started (compare-and-set). */
  cursorVersion: number | null;
  single: SingleRef | null;
  startedAt: Date;
}

/** Everything one scan run needs. */
export interface ScanRun {
  ctx: EngineContext;
  channel: ChannelRuntime;
  settings: ScanSettings;
  plan: ScanPlan;
  lease: HeldLease;
  onProgress?: ScanOptions['onProgress'];
}

interface Outcome {
  counts: ScanCounts;
  total: number | null;
  sweep: DeletionSweep;
  found?: boolean;
}

/** Run a scan to its end: read, write in batches, sweep, move the cursor, keep the record, announce it. */
export async function runScan(run: ScanRun, job: ScanJob, signal: AbortSignal): Promise<ScanReport> {
  const { ctx, channel, plan } = run;
  ctx.events.emit('scan:started', { scanId: job.id, channelId: channel.id, type: plan.type });
  const outcome: Outcome = { counts: emptyCounts(), total: null, sweep: 'not-full' };
  try {
    await read(run, job, signal, outcome);
    signal.throwIfAborted();
    await run.lease.confirm();
    if (plan.type === 'full' || plan.type === 'updated') {
      const moved = await advanceUpdatedCursor(ctx, channel.id, plan.cursorVersion, plan.startedAt.toISOString());
      if (!moved)
        ctx.logger.warn({ channelId: channel.id, scanId: job.id }, 'updated-scan cursor moved by another worker');
    }
    const record = makeRecord(run, job, outcome, 'ok', null);
    await writeScanRecord(ctx, record);
    await logAction(ctx, record);
    ctx.events.emit('scan:done', { scanId: job.id, channelId: channel.id, type: plan.type, summary: summary(record) });
    catalogService(ctx)?.scanFinished(channel.id, job.id, true);
    return { ...record, outcome: 'ok', joined: false };
  } catch (error) {
    throw await fail(run, job, signal, outcome, error);
  } finally {
    await run.lease.release().catch(() => {});
  }
}

async function read(run: ScanRun, job: ScanJob, signal: AbortSignal, outcome: Outcome): Promise<void> {
  const { ctx, channel, plan } = run;
  const write = async (listings: Listing[]) => {
    const own = listings.map((l) => (l.channelId === channel.id ? l : { ...l, channelId: channel.id }));
    await ctx.store.upsertListings(ctx.tenantId, channel.id, own, plan.type === 'single' ? null : job.id);
    catalogService(ctx)?.listingsWritten(channel.id, own);
  };
  if (plan.single) {
    const single = await scanSingle({
      ctx,
      channelId: channel.id,
      connector: channel.connector,
      ref: plan.single,
      signal,
      write,
    });
    Object.assign(outcome.counts, { pages: 1, listingsSeen: single.found ? 1 : 0, listingsWritten: single.written });
    outcome.counts.malformed = single.malformed;
    outcome.found = single.found;
    progress(run, job, { pages: 1, listingsSeen: outcome.counts.listingsSeen, total: null });
    return;
  }
  const serverSide = channel.connector.capabilities.updatedSinceListings;
  const since = plan.type === 'updated' ? plan.since : null;
  const pages = await readListingPages({
    connector: channel.connector,
    status: plan.type === 'active' ? 'active' : 'all',
    updatedSince: serverSide ? since : null,
    filterSince: serverSide ? null : since,
    trackKeys: plan.type === 'full',
    signal,
    write,
    onPage: (r, total) => {
      copyCounts(outcome, r);
      progress(run, job, { pages: r.pages, listingsSeen: r.listingsSeen, total });
    },
  });
  copyCounts(outcome, pages);
  if (plan.type !== 'full') return;
  // Fence: sweep only while the lease is still ours (a stalled worker may have lost it).
  await run.lease.confirm();
  const swept = await sweepDeleted({
    ctx,
    channelId: channel.id,
    scanId: job.id,
    connector: channel.connector,
    read: pages,
    verifyUpTo: run.settings.verifyDeletionsUpTo,
    signal,
    write,
  });
  outcome.sweep = swept.sweep;
  outcome.counts.deletedMarked = swept.marked;
  if (swept.marked > 0) catalogService(ctx)?.channelChanged(channel.id);
}

function copyCounts(outcome: Outcome, r: PagesRead): void {
  Object.assign(outcome.counts, {
    pages: r.pages,
    listingsSeen: r.listingsSeen,
    listingsWritten: r.listingsWritten,
    skipped: r.skipped,
    malformed: r.malformed,
  });
  outcome.total = r.lastTotal;
}

function progress(run: ScanRun, job: ScanJob, p: Omit<ScanProgress, 'scanId' | 'channelId' | 'type'>): void {
  const event: ScanProgress = { scanId: job.id, channelId: run.channel.id, type: run.plan.type, ...p };
  job.report(event);
  run.ctx.events.emit('scan:progress', event);
  try {
    run.onProgress?.(event);
  } catch (error) {
    run.ctx.logger.warn({ scanId: job.id, error: String(error) }, 'scan onProgress callback threw');
  }
}

/** Record and announce a failed or cancelled scan; returns the error `done` rejects with. */
async function fail(run: ScanRun, job: ScanJob, signal: AbortSignal, outcome: Outcome, error: unknown): Promise<Error> {
  const { ctx, channel, plan } = run;
  const reason = signal.aborted ? signal.reason : error;
  const cancelled = OperationAbortedError.isInstance(reason);
  const failure: OmnisyncError = cancelled
    ? reason
    : new ScanFailedError({
        channelId: channel.id,
        scanId: job.id,
        type: plan.type,
        pages: outcome.counts.pages,
        cause: reason,
      });
  const cause = OmnisyncError.isInstance(reason) ? reason : failure;
  const record = makeRecord(run, job, outcome, cancelled ? 'cancelled' : 'failed', {
    code: cause.code,
    message: failure.message,
  });
  // A lost lease means another worker scans now: its record is the one to keep.
  if (!run.lease.lost) {
    try {
      await writeScanRecord(ctx, record);
      await logAction(ctx, record);
    } catch (storeError) {
      ctx.logger.error({ scanId: job.id, error: String(storeError) }, 'could not record the failed scan');
    }
  }
  if (!run.lease.lost) catalogService(ctx)?.scanFinished(channel.id, job.id, false);
  ctx.events.emit('scan:failed', { scanId: job.id, channelId: channel.id, type: plan.type, error: record.error! });
  return failure;
}

function makeRecord(
  run: ScanRun,
  job: ScanJob,
  outcome: Outcome,
  result: ScanRecord['outcome'],
  error: ScanRecord['error'],
): ScanRecord {
  const finished = run.ctx.now();
  return {
    scanId: job.id,
    channelId: run.channel.id,
    type: run.plan.type,
    requestedType: run.plan.requestedType,
    outcome: result,
    startedAt: run.plan.startedAt.toISOString(),
    finishedAt: finished.toISOString(),
    durationMs: Math.max(0, finished.getTime() - run.plan.startedAt.getTime()),
    counts: { ...outcome.counts },
    total: outcome.total,
    since: run.plan.since,
    sweep: outcome.sweep,
    ...(outcome.found === undefined ? {} : { found: outcome.found }),
    error,
    workerId: run.ctx.workerId,
  };
}

async function logAction(ctx: EngineContext, record: ScanRecord): Promise<void> {
  const c = record.counts;
  await ctx.store.appendAction({
    tenantId: ctx.tenantId,
    channelId: record.channelId,
    subjectType: 'scan',
    subjectId: record.scanId,
    action: `scan:${record.type}`,
    outcome: record.outcome === 'ok' ? 'ok' : record.outcome === 'cancelled' ? 'skipped' : 'error',
    message:
      record.outcome === 'ok'
        ? `${record.type} scan read ${c.pages} page(s), ${c.listingsSeen} listing(s), wrote ${c.listingsWritten}, marked ${c.deletedMarked} deleted`
        : (record.error?.message ?? record.outcome),
    details: summary(record),
    at: record.finishedAt,
  });
}

function summary(record: ScanRecord): Record<string, unknown> {
  const { scanId: _s, channelId: _c, ...rest } = record;
  return rest;
}

function emptyCounts(): ScanCounts {
  return { pages: 0, listingsSeen: 0, listingsWritten: 0, skipped: 0, malformed: 0, deletedMarked: 0 };
}
