import { throwIfAborted } from '../http/abortable-sleep';
import type { EngineContext } from '../omnisync/engine-context';
import type { OutboxEntry } from '../store/records';
import { affectedItemIds, type InventoryView } from './inventory-view';
import type { FailedPush, PushOptions } from './push-changes';
import { type ChannelInventoryReport, type InventoryProgress, runInventoryPass } from './run-inventory-pass';
import { STOCK_TOPIC } from './stock-queue';
import type { InventoryViewCache } from './view-cache';

/** Options of `pushPendingStock`. */
export interface PushPendingStockOptions extends Pick<PushOptions, 'maxAttempts' | 'retryDelayMs'> {
  signal?: AbortSignal;
  /** Items claimed per round. Default 5000: large rounds fill every batch. */
  limit?: number;
  /** How long a claim is ours before another worker may take it over. Default 120 s. */
  visibilityTimeoutMs?: number;
  /**
   * How long the POS items and listings read by one drain are reused by the next (the listings a drain
   * touches are re-read every time). Default 30 s; 0 reloads every time.
   */
  viewTtlMs?: number;
  /** Attempts per outbox entry before it is dropped with a `stock-push-failed` notice. Default 8. */
  maxEntryAttempts?: number;
  onProgress?(progress: InventoryProgress): void;
}

/** What draining the outbox did. */
export interface PendingStockReport {
  /** Claim rounds run. */
  rounds: number;
  /** Outbox entries (items) handled. */
  items: number;
  /** Listings pushed, over all channels. */
  pushed: number;
  /** `updateStock` calls, per channel. */
  requests: Record<string, number>;
  failed: FailedPush[];
  /** Entries given back for a later attempt (with backoff). */
  released: number;
  /** Entries dropped after `maxEntryAttempts`. */
  dropped: number;
}

/**
 * Drain the stock outbox: claim pending items (most urgent first) with a
 * visibility timeout, compute their quantities now, push only differences,
 * acknowledge what landed and release what failed with backoff. Several
 * workers may drain one store: an item is held by one worker at a time, and
 * a crash leaves its claim to expire and be taken again.
 */
export async function drainStockOutbox(
  ctx: EngineContext,
  cache: InventoryViewCache,
  options: PushPendingStockOptions = {},
): Promise<PendingStockReport> {
  const report: PendingStockReport = {
    rounds: 0,
    items: 0,
    pushed: 0,
    requests: {},
    failed: [],
    released: 0,
    dropped: 0,
  };
  for (;;) {
    throwIfAborted(options.signal, 'Pushing pending stock');
    const entries = await ctx.store.claim({
      tenantId: ctx.tenantId,
      topic: STOCK_TOPIC,
      owner: ctx.workerId,
      limit: options.limit ?? 5000,
      visibilityTimeoutMs: options.visibilityTimeoutMs ?? 120_000,
    });
    if (entries.length === 0) return report;
    report.rounds++;
    report.items += entries.length;
    const { view, channels } = await passOrRelease(ctx, cache, entries, options);
    for (const c of channels) {
      report.pushed += c.pushed;
      report.requests[c.channelId] = (report.requests[c.channelId] ?? 0) + c.requests;
      report.failed.push(...c.failed);
    }
    await settleEntries(
      ctx,
      view,
      entries,
      channels.flatMap((c) => c.failed),
      report,
      options,
    );
  }
}

/**
 * Run one pass over the claimed entries. Should it fail as a whole (the POS
 * or the store is down, the caller aborted), the entries are given back at
 * once rather than left until their claims expire.
 */
async function passOrRelease(
  ctx: EngineContext,
  cache: InventoryViewCache,
  entries: readonly OutboxEntry[],
  options: PushPendingStockOptions,
): Promise<{ view: InventoryView; channels: ChannelInventoryReport[] }> {
  try {
    // Read after claiming: the claimed items' listings cannot be pushed by another worker meanwhile.
    const keys = entries.map((e) => e.key);
    const view = await cache.forItems(keys, options.viewTtlMs ?? 30_000, options.signal);
    const itemIds = affectedItemIds(view, keys);
    const channelIds = [...view.channels.keys()];
    return { view, channels: await runInventoryPass(ctx, view, { ...options, channelIds, itemIds }) };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    for (const entry of entries) await ctx.store.release(ctx.tenantId, entry.id, ctx.workerId, { error: message });
    throw error;
  }
}

async function settleEntries(
  ctx: EngineContext,
  view: InventoryView,
  entries: readonly OutboxEntry[],
  failed: readonly FailedPush[],
  report: PendingStockReport,
  options: PushPendingStockOptions,
): Promise<void> {
  const done: string[] = [];
  for (const entry of entries) {
    const affected = affectedItemIds(view, [entry.key]);
    const failure = failed.find((f) => affected.has(f.itemId));
    if (!failure) {
      done.push(entry.id);
    } else if (entry.attempts + 1 >= (options.maxEntryAttempts ?? 8)) {
      done.push(entry.id);
      report.dropped++;
      await ctx.notice({
        kind: 'stock-push-failed',
        channelId: failure.channelId,
        message: `Gave up pushing stock of item ${entry.key} after ${entry.attempts + 1} attempts: ${failure.error.message}`,
        subject: { type: 'item', id: entry.key },
        details: { failure },
      });
    } else {
      report.released++;
      const delay = Math.min(300_000, 1000 * 2 ** entry.attempts);
      await ctx.store.release(ctx.tenantId, entry.id, ctx.workerId, {
        error: failure.error.message,
        availableAt: new Date(ctx.now().getTime() + delay).toISOString(),
      });
    }
  }
  if (done.length > 0) await ctx.store.ack(ctx.tenantId, done, ctx.workerId);
}
