import { InvalidArgumentError, LeaseHeldError } from '../errors/errors';
import type { Listing } from '../model/listing';
import type { EngineContext } from '../omnisync/engine-context';
import { keepLease } from '../omnisync/keep-lease';
import type { Lease } from '../store/records';
import { explainQuantity, type QuantityExplanation } from './explain-quantity';
import { loadInventoryView } from './inventory-view';
import { type ReportedListing, recordListingReports } from './listing-reports';
import { checkStock, registerStockHook } from './oversell-guard';
import type { PushOptions } from './push-changes';
import { parseQuantityRules, type QuantityRules } from './quantity-rules';
import { type ChannelInventoryReport, type InventoryProgress, runInventoryPass } from './run-inventory-pass';
import { drainStockOutbox, type PendingStockReport, type PushPendingStockOptions } from './stock-outbox';
import { enqueueStock, STOCK_PRIORITY } from './stock-queue';
import { INVALIDATE_VIEW_SERVICE, InventoryViewCache } from './view-cache';

/** Options of `updateInventory`. */
export interface UpdateInventoryOptions extends Pick<PushOptions, 'maxAttempts' | 'retryDelayMs'> {
  /** The channels to update; default every channel whose rules are enabled. */
  channelIds?: readonly string[];
  /** Plan only: return each change with its reason, push nothing. */
  dryRun?: boolean;
  signal?: AbortSignal;
  onProgress?(progress: InventoryProgress): void;
}

/** The report (or, in a dry run, the plan) of `updateInventory`. */
export interface InventoryReport {
  dryRun: boolean;
  startedAt: string;
  finishedAt: string;
  channels: ChannelInventoryReport[];
  totals: { changes: number; pushed: number; failed: number; unchanged: number; skipped: number; requests: number };
}

/** What a host reports when POS stock changed. `sale` checks for last units (pushed first). */
export type StockChangeReason = 'sale' | 'adjustment' | 'transfer' | 'restock' | 'other';

/** Inventory sync: quantity rules, planned pushes, the stock outbox and the oversell guard. */
export interface InventoryApi {
  /**
   * Compute every matched listing's quantity, compare it with what the channel
   * is known to hold (last scan or last push, whichever is newer) and push only
   * the differences. Unmatched and conflicting SKUs are reported, never pushed.
   * Throws `LeaseHeldError` when another worker is updating one of the channels.
   */
  updateInventory(options?: UpdateInventoryOptions): Promise<InventoryReport>;
  /**
   * Why a listing shows the quantity it does, by listing key or by SKU:
   * e.g. `7 = 12 on hand - 2 reserved - 2 buffer - 1 share`.
   */
  explainQuantity(
    channelId: string,
    listing: string | { sku: string },
    options?: { signal?: AbortSignal },
  ): Promise<QuantityExplanation>;
  /**
   * Tell omnisync that POS stock of these items changed (a sale, an adjustment,
   * a transfer): they go to the stock outbox, where bursts coalesce, and are
   * pushed by `pushPendingStock`. Returns how many items were queued and how
   * many of them urgently (some channel now shows 0).
   */
  stockChanged(itemIds: readonly string[], reason?: StockChangeReason): Promise<{ queued: number; urgent: number }>;
  /** Drain the stock outbox (safe with several workers on one store). */
  pushPendingStock(options?: PushPendingStockOptions): Promise<PendingStockReport>;
  /** The parsed quantity rules of a channel. */
  quantityRules(channelId: string): QuantityRules;
  /**
   * Record listings a channel reported outside a scan (a listing webhook) and
   * classify each quantity: our own push's `echo`, `unchanged`, a
   * `channel-edit` (logged; corrected by the next update), or `new`.
   */
  listingsReported(channelId: string, listings: readonly Listing[]): Promise<ReportedListing[]>;
}

const LEASE_TTL_MS = 15 * 60_000;

/** The service (a `(extra: number) => void`) that adds `extra` units to every channel's safety buffer. */
export const EXTRA_BUFFER_SERVICE = 'inventory.setExtraBuffer';

/** Build the inventory feature of the facade; parses every channel's quantity rules now. */
export function createInventoryApi(ctx: EngineContext): InventoryApi {
  const rules = new Map<string, QuantityRules>();
  for (const [id, channel] of ctx.channels) rules.set(id, parseQuantityRules(id, channel.config.inventory));
  registerStockHook(ctx, rules);
  const warned = new Set<string>();
  const enabled = [...rules.keys()].filter((id) => rules.get(id)?.enabled);
  const cache = new InventoryViewCache(ctx, rules, enabled);
  ctx.services.set(INVALIDATE_VIEW_SERVICE, () => cache.invalidate());
  // Event mode (auto-sync on sale days) raises every channel's safety buffer by `extra` units.
  const baseRules = new Map(rules);
  ctx.services.set(EXTRA_BUFFER_SERVICE, (extra: number) => {
    for (const [id, base] of baseRules) rules.set(id, { ...base, buffer: base.buffer + extra });
    cache.invalidate();
  });
  // A scan may have changed SKUs, statuses or quantities of listings the cached view holds.
  const onScanDone = () => cache.invalidate();
  ctx.events.on('scan:done', onScanDone);
  ctx.onClose(() => {
    ctx.events.off('scan:done', onScanDone);
  });

  async function warnUnsupported(channelIds: readonly string[]): Promise<void> {
    for (const id of channelIds) {
      const channel = ctx.channel(id);
      if (warned.has(id) || !rules.get(id)?.deactivateAtZero || channel.connector.capabilities.deactivateListing)
        continue;
      warned.add(id);
      await ctx.notice({
        kind: 'setting-unsupported',
        channelId: id,
        message: `Channel "${id}" (${channel.connector.connector}) cannot deactivate listings: "deactivateAtZero" is ignored there; its listings get quantity 0 instead.`,
        details: { setting: `channels.${id}.inventory.deactivateAtZero`, capability: 'deactivateListing' },
      });
    }
  }

  return {
    quantityRules(channelId) {
      ctx.channel(channelId);
      return rules.get(channelId) as QuantityRules;
    },

    async updateInventory(options = {}) {
      const startedAt = ctx.now().toISOString();
      const channelIds = options.channelIds
        ? [...new Set(options.channelIds)].map((id) => ctx.channel(id).id)
        : enabled;
      await warnUnsupported(channelIds);
      if (!options.dryRun) cache.invalidate();
      const leases = options.dryRun ? [] : await takeLeases(ctx, channelIds);
      // Renewed while the pass runs; a lease lost to another worker (this one stalled past its
      // expiry) cancels the pass before it pushes over the new holder's work.
      const controller = new AbortController();
      const cancel = () => controller.abort(options.signal?.reason);
      options.signal?.addEventListener('abort', cancel, { once: true });
      if (options.signal?.aborted) cancel();
      const held = leases.map((lease) =>
        keepLease({ ctx, lease, ttlMs: LEASE_TTL_MS, what: 'An inventory update', onLost: (e) => controller.abort(e) }),
      );
      try {
        const signal = controller.signal;
        const view = await loadInventoryView(ctx, rules, channelIds, signal);
        const channels = await runInventoryPass(ctx, view, { ...options, channelIds, signal });
        return {
          dryRun: !!options.dryRun,
          startedAt,
          finishedAt: ctx.now().toISOString(),
          channels,
          totals: totalsOf(channels),
        };
      } finally {
        options.signal?.removeEventListener('abort', cancel);
        for (const lease of held) await lease.release();
      }
    },

    explainQuantity(channelId, listing, options = {}) {
      ctx.channel(channelId);
      return explainQuantity(ctx, rules.get(channelId) as QuantityRules, channelId, listing, options.signal);
    },

    async stockChanged(itemIds, reason = 'other') {
      if (!Array.isArray(itemIds) || itemIds.some((id) => typeof id !== 'string' || id.length === 0)) {
        throw new InvalidArgumentError('stockChanged expects an array of POS item ids (non-empty strings).');
      }
      const ids = [...new Set(itemIds)];
      const urgent = reason === 'sale' ? (await checkStock(ctx, rules, ids)).lastUnits : new Set<string>();
      const priority = reason === 'restock' ? STOCK_PRIORITY.restock : STOCK_PRIORITY.routine;
      const payload = { reason };
      await ctx.store.transaction(async (tx) => {
        await enqueueStock(tx, ctx.tenantId, [...urgent], payload, STOCK_PRIORITY.lastUnits);
        await enqueueStock(
          tx,
          ctx.tenantId,
          ids.filter((id) => !urgent.has(id)),
          payload,
          priority,
        );
      });
      return { queued: ids.length, urgent: urgent.size };
    },

    listingsReported: (channelId, listings) => recordListingReports(ctx, channelId, listings),

    async pushPendingStock(options = {}) {
      await warnUnsupported([...rules.keys()]);
      return drainStockOutbox(ctx, cache, options);
    },
  };
}

async function takeLeases(ctx: EngineContext, channelIds: readonly string[]): Promise<Lease[]> {
  const leases: Lease[] = [];
  for (const id of channelIds) {
    const key = `inventory:${id}`;
    const lease = await ctx.store.acquireLease({
      tenantId: ctx.tenantId,
      key,
      owner: ctx.workerId,
      ttlMs: LEASE_TTL_MS,
    });
    if (!lease) {
      for (const held of leases) await ctx.store.releaseLease(held);
      const other = await ctx.store.getLease(ctx.tenantId, key);
      throw new LeaseHeldError(key, other?.expiresAt ?? null, `An inventory update of channel "${id}"`);
    }
    leases.push(lease);
  }
  return leases;
}

function totalsOf(channels: readonly ChannelInventoryReport[]): InventoryReport['totals'] {
  const sum = (f: (c: ChannelInventoryReport) => number) => channels.reduce((n, c) => n + f(c), 0);
  return {
    changes: sum((c) => c.changes.length),
    pushed: sum((c) => c.pushed),
    failed: sum((c) => c.failed.length),
    unchanged: sum((c) => c.unchanged),
    skipped: sum((c) => c.skipped.length),
    requests: sum((c) => c.requests),
  };
}
