import pLimit from 'p-limit';
import { InvalidArgumentError, LeaseHeldError } from '../errors/errors';
import type { ChannelOrder } from '../model/channel-order';
import type { Lease } from '../store/records';
import { claimNewOrders } from './claim-page';
import { CommitBatch } from './commit-order';
import { CursorWatermark } from './cursor-watermark';
import type { OrderOutcome } from './import-order';
import type { ImportSession, OrdersEnv } from './orders-env';
import { newestVersions } from './plan-reconciliation';
import { processOrder } from './process-order';
import { readOrderPages } from './read-order-pages';
import { recordRejectedOrders } from './record-rejected';
import { type RetryOptions, retryPolicy } from './retry';

/** Options of `downloadOrders`. */
export interface DownloadOrdersOptions {
  /**
   * Read orders updated since this ISO time instead of since the cursor: a
   * back date backfills old sales, of every status. The cursor still only moves forward.
   */
  from?: string;
  signal?: AbortSignal;
  /** Called after each page with the running totals. */
  onProgress?: (progress: DownloadProgress) => void;
  /** Orders of one page processed at once (default 4). */
  concurrency?: number;
  /** Retries of transient failures (429, 5xx) of the channel and the POS. */
  retry?: RetryOptions;
}

/** Running totals of a download. */
export interface DownloadProgress {
  channelId: string;
  pages: number;
  /** Orders read (an order listed twice counts twice). */
  seen: number;
  /** The channel's total, when it reports one. */
  total: number | null;
  imported: number;
  updated: number;
  unchanged: number;
  /** In a status the rules do not import. */
  skipped: number;
  /** A rule could not be applied (see the notices); imports once fixed. */
  waiting: number;
  /** Failed for good this time (see the notices); retried by `retryWaitingOrders`. */
  failed: number;
  /** Not stored yet (transient failure, or another worker has it): read again next time. */
  unfinished: number;
  /**
   * Sent malformed by the channel (`PageV1.rejected`): a notice each, and the
   * ledger entry `rejected` when the id is known; re-read once fixed (see `retryWaitingOrders`).
   */
  rejected: number;
}

/** What a download did. */
export interface DownloadReport extends DownloadProgress {
  /** The time the read started from (null: everything). */
  from: string | null;
  cursorBefore: string | null;
  /** Where the cursor is now (unchanged when nothing new was stored or an order is unfinished). */
  cursorAfter: string | null;
  /** Orders left waiting or failed earlier, tried again at the end of the download. */
  retried: { attempted: number; imported: number; stillWaiting: number };
  durationMs: number;
}

const LEASE_TTL_MS = 120_000;

/** The cursor and lease key of a channel's order download. */
export const ordersKey = (channelId: string) => `orders:${channelId}`;

/**
 * Download a channel's orders since its cursor (or `from`), import each
 * through the one order path, then move the cursor, by compare-and-set, only
 * as far as every order before it is stored. One worker per channel at a time
 * (the `orders:<channelId>` lease); a second gets `LeaseHeldError`.
 */
export async function downloadOrders(
  env: OrdersEnv,
  channelId: string,
  options: DownloadOrdersOptions = {},
  retryWaiting: (
    channelId: string,
    session: ImportSession,
    processed: ReadonlySet<string>,
  ) => Promise<DownloadReport['retried']>,
): Promise<DownloadReport> {
  const { ctx } = env;
  const started = Date.now();
  const runtime = env.channel(channelId);
  const rules = env.rulesOf(channelId);
  if (options.from !== undefined && Number.isNaN(Date.parse(options.from))) {
    throw new InvalidArgumentError(`downloadOrders: "from" must be an ISO date-time.`);
  }
  const key = ordersKey(channelId);
  const lease = await takeLease(env, key, channelId);
  try {
    const cursor = await ctx.store.getCursor(ctx.tenantId, key);
    const from = options.from ?? (cursor ? minusMinutes(cursor.value, rules.overlapMinutes) : rules.startDate);
    const retry = retryPolicy(options.retry);
    const session = await env.session({ fresh: true, signal: options.signal, retry });
    const progress = emptyProgress(channelId);
    const watermark = new CursorWatermark();
    const limit = pLimit(options.concurrency ?? 4);
    const processed = new Set<string>();
    let held = lease;
    await readOrderPages(runtime.connector, { updatedSince: from, signal: options.signal, retry }, async (page) => {
      held = await keepLease(env, held, channelId);
      progress.pages++;
      progress.seen += page.items.length + (page.rejected?.length ?? 0);
      progress.total = page.total ?? progress.total;
      const orders = newestVersions(page.items);
      for (const o of orders) processed.add(o.externalId);
      // A malformed order never holds up the page: it is recorded (notice, ledger) and re-read once fixed.
      const onPage = new Set(orders.map((o) => o.externalId));
      progress.rejected += await recordRejectedOrders(env, channelId, page.rejected ?? [], onPage);
      await claimNewOrders(env, channelId, orders);
      const batch = new CommitBatch();
      const pageSession = { ...session, batch };
      const settled = await Promise.allSettled(
        orders.map((o) => limit(() => processOrder(env, channelId, o, pageSession))),
      );
      const redo = new Set(await batch.flush(env));
      const rejected = settled.find((r) => r.status === 'rejected');
      if (rejected) throw rejected.reason;
      for (const [i, order] of orders.entries()) {
        const result = settled[i] as PromiseFulfilledResult<OrderOutcome>;
        const outcome = redo.has(order.externalId) ? await processOrder(env, channelId, order, session) : result.value;
        count(progress, watermark, order, outcome);
      }
      options.onProgress?.({ ...progress });
    });
    const cursorAfter = await moveCursor(env, key, watermark, cursor?.value ?? null);
    const retried = await retryWaiting(channelId, session, processed);
    return {
      ...progress,
      from,
      cursorBefore: cursor?.value ?? null,
      cursorAfter,
      retried,
      durationMs: Date.now() - started,
    };
  } finally {
    await ctx.store.releaseLease(lease).catch(() => undefined);
  }
}

function count(progress: DownloadProgress, watermark: CursorWatermark, order: ChannelOrder, outcome: OrderOutcome) {
  progress[outcome]++;
  if (outcome === 'unfinished') watermark.unfinished(order.updatedAt);
  else watermark.done(order.updatedAt);
}

async function takeLease(env: OrdersEnv, key: string, channelId: string): Promise<Lease> {
  const { ctx } = env;
  const lease = await ctx.store.acquireLease({ tenantId: ctx.tenantId, key, owner: ctx.workerId, ttlMs: LEASE_TTL_MS });
  if (lease) return lease;
  const held = await ctx.store.getLease(ctx.tenantId, key);
  throw new LeaseHeldError(key, held?.expiresAt ?? null, `An order download of channel "${channelId}"`);
}

async function keepLease(env: OrdersEnv, lease: Lease, channelId: string): Promise<Lease> {
  const renewed = await env.ctx.store.renewLease(lease, LEASE_TTL_MS);
  if (!renewed) throw new LeaseHeldError(lease.key, null, `An order download of channel "${channelId}"`);
  return renewed;
}

/** Move the cursor forward by compare-and-set, re-reading when another worker moved it first. */
async function moveCursor(env: OrdersEnv, key: string, watermark: CursorWatermark, before: string | null) {
  const { ctx } = env;
  for (let attempt = 0; attempt < 5; attempt++) {
    const current = await ctx.store.getCursor(ctx.tenantId, key);
    const next = watermark.next(current?.value ?? null);
    if (next === null) return current?.value ?? before;
    const moved = await ctx.store.compareAndSetCursor(ctx.tenantId, key, current?.version ?? null, next);
    if (moved) return moved.value;
  }
  return (await ctx.store.getCursor(ctx.tenantId, key))?.value ?? before;
}

function minusMinutes(iso: string, minutes: number): string {
  return new Date(Date.parse(iso) - minutes * 60_000).toISOString();
}

function emptyProgress(channelId: string): DownloadProgress {
  return {
    channelId,
    pages: 0,
    seen: 0,
    total: null,
    imported: 0,
    updated: 0,
    unchanged: 0,
    skipped: 0,
    waiting: 0,
    failed: 0,
    unfinished: 0,
    rejected: 0,
  };
}
