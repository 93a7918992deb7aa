import { randomUUID } from 'node:crypto';
import { LeaseHeldError } from '../errors/errors';
import type { ChannelRuntime } from '../omnisync/channel-config';
import type { EngineContext } from '../omnisync/engine-context';
import { type HeldLease, keepLease } from '../omnisync/keep-lease';
import { parseSettings } from '../settings/parse-settings';
import { runScan, type ScanPlan } from './run-scan';
import { ScanJob } from './scan-job';
import { covers, parseScanRequest, type ScanRequest } from './scan-request';
import { ScanSettings } from './scan-settings';
import { readLastScan, readUpdatedCursor, scanLeaseKey } from './scan-store';
import type { LastScan, ScanOptions, ScanReport } from './scan-types';

/** Scanning channels, awaited or in the background (seed 000). */
export interface ScanApi {
  /**
   * Scan a channel and wait for it. Resolves with the report; rejects with
   * `ScanFailedError` (nothing marked deleted, cursor unchanged), `OperationAbortedError`
   * (cancelled), `LeaseHeldError` (another worker is scanning this channel account),
   * `UnsupportedCapabilityError` (a single scan where the channel cannot read one listing)
   * or `InvalidArgumentError`. A request that a scan already running in this instance
   * covers joins it (`report.joined`).
   *
   * @example
   * const report = await omni.scan('shopee-main', { type: 'updated' });
   */
  scan(channelId: string, options?: ScanOptions): Promise<ScanReport>;
  /**
   * Start a scan in the background. Resolves once the scan holds its lease, with
   * a job to follow (`progress` events, `done`, `cancel()`); completion also fires
   * `scan:done` or `scan:failed` on `omni.events`. Rejects as `scan()` does when it cannot start.
   */
  startScan(channelId: string, options?: ScanOptions): Promise<ScanJob>;
  /** A channel's last scan (time, type, duration, counts, error) and last successful scan; null if never scanned. */
  lastScan(channelId: string): Promise<LastScan | null>;
  /** The scans running in this instance. */
  runningScans(): ScanJob[];
}

interface Running {
  request: ScanRequest;
  job: Promise<ScanJob>;
  settled?: ScanJob;
}

/** Build the scan part of the facade. */
export function createScanApi(ctx: EngineContext): ScanApi {
  const settings = new Map(
    [...ctx.channels.values()].map((c) => [
      c.id,
      parseSettings(`channels.${c.id}.scan`, ScanSettings, c.config.scan ?? {}),
    ]),
  );
  const running = new Map<string, Running>();

  ctx.onClose(async () => {
    const jobs = [...running.values()].map((r) => r.settled).filter((j): j is ScanJob => j !== undefined);
    for (const job of jobs) job.cancel('the instance is closing');
    await Promise.all(jobs.map((j) => j.done.catch(() => {})));
  });

  async function start(channelId: string, options: ScanOptions): Promise<{ job: ScanJob; joined: boolean }> {
    const channel = ctx.channel(channelId);
    const request = parseScanRequest(channel, options);
    const active = running.get(channelId);
    if (active) {
      const job = await active.job;
      if (!covers({ type: job.type, single: active.request.single }, request)) {
        throw new LeaseHeldError(scanLeaseKey(channelId), null, `A ${job.type} scan of channel "${channelId}"`);
      }
      if (options.onProgress) job.on('progress', options.onProgress);
      return { job, joined: true };
    }
    const entry: Running = { request, job: begin(channel, request, options) };
    running.set(channelId, entry);
    entry.job.then(
      (job) => {
        entry.settled = job;
        job.done.finally(() => running.delete(channelId)).catch(() => {});
      },
      () => running.delete(channelId),
    );
    return { job: await entry.job, joined: false };
  }

  async function begin(channel: ChannelRuntime, request: ScanRequest, options: ScanOptions): Promise<ScanJob> {
    const s = settings.get(channel.id)!;
    const key = scanLeaseKey(channel.id);
    const lease = await ctx.store.acquireLease({
      tenantId: ctx.tenantId,
      key,
      owner: ctx.workerId,
      ttlMs: s.leaseTtlMs,
    });
    if (!lease) {
      const held = await ctx.store.getLease(ctx.tenantId, key);
      throw new LeaseHeldError(key, held?.expiresAt ?? null, `A scan of channel "${channel.id}"`);
    }
    let plan: ScanPlan;
    try {
      plan = await makePlan(channel.id, request, s);
    } catch (error) {
      await ctx.store.releaseLease(lease);
      throw error;
    }
    const holder: { lease?: HeldLease } = {};
    const job = new ScanJob({
      id: `scan-${randomUUID()}`,
      channelId: channel.id,
      type: plan.type,
      requestedType: plan.requestedType,
      run: (j, signal) =>
        runScan({ ctx, channel, settings: s, plan, lease: holder.lease!, onProgress: options.onProgress }, j, signal),
    });
    holder.lease = keepLease({
      ctx,
      lease,
      ttlMs: s.leaseTtlMs,
      what: `The ${plan.type} scan of channel "${channel.id}"`,
      onLost: (error) => job.abortWith(error),
    });
    linkSignal(options.signal, job);
    return job;
  }

  async function makePlan(channelId: string, request: ScanRequest, s: ScanSettings): Promise<ScanPlan> {
    const startedAt = ctx.now();
    const base = { requestedType: request.type, single: request.single, startedAt };
    if (request.type === 'single' || request.type === 'active') {
      return { ...base, type: request.type, since: null, cursorVersion: null };
    }
    const cursor = await readUpdatedCursor(ctx, channelId);
    if (request.type === 'updated' && cursor) {
      const since = new Date(Date.parse(cursor.value) - s.overlapMs).toISOString();
      return { ...base, type: 'updated', since, cursorVersion: cursor.version };
    }
    return { ...base, type: 'full', since: null, cursorVersion: cursor?.version ?? null };
  }

  return {
    async scan(channelId, options = {}) {
      const { job, joined } = await start(channelId, options);
      const report = await job.done;
      return { ...report, joined };
    },
    async startScan(channelId, options = {}) {
      return (await start(channelId, options)).job;
    },
    async lastScan(channelId) {
      ctx.channel(channelId);
      return readLastScan(ctx, channelId);
    },
    runningScans: () => [...running.values()].map((r) => r.settled).filter((j): j is ScanJob => j !== undefined),
  };
}

function linkSignal(signal: AbortSignal | undefined, job: ScanJob): void {
  if (!signal) return;
  if (signal.aborted) job.cancel();
  else signal.addEventListener('abort', () => job.cancel(), { once: true });
}
