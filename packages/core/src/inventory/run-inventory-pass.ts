import type { PosItem } from '../model/pos-item';
import type { EngineContext } from '../omnisync/engine-context';
import { computeQuantity, type QuantityBreakdown, type StockByItem } from './compute-quantity';
import { type ChannelView, type InventoryView, readStock, stockItemIds, warehousesToRead } from './inventory-view';
import { type ChannelPlan, type PlannedChange, planChannel, type SkippedListing } from './plan-channel';
import { type FailedPush, type PushOptions, pushChanges } from './push-changes';

/** What an inventory pass did (or, in a dry run, would do) on one channel. */
export interface ChannelInventoryReport {
  channelId: string;
  /** False when the channel's rules switch pushing off: the plan is computed, nothing is sent. */
  enabled: boolean;
  /** Each change with its reason; in a dry run, the plan. */
  changes: PlannedChange[];
  /** Listings that already hold the right quantity: not pushed. */
  unchanged: number;
  /** Unmatched or conflicting SKUs: nothing pushed, each with its reason. */
  skipped: SkippedListing[];
  pushed: number;
  failed: FailedPush[];
  /** `updateStock` calls made. */
  requests: number;
  conflicts: number;
  /** Items whose push was dropped because another worker pushed their listings after our stock read (queued again). */
  superseded: number;
}

/** Progress of an inventory pass. */
export interface InventoryProgress {
  channelId: string;
  phase: 'planned' | 'pushed';
  done: number;
  total: number;
}

/** Options of one pass. */
export interface PassOptions extends Omit<PushOptions, 'onPushed'> {
  channelIds: readonly string[];
  /** Only listings of these POS items (null: every listing). */
  itemIds?: ReadonlySet<string> | null;
  dryRun?: boolean;
  onProgress?(progress: InventoryProgress): void;
}

/**
 * Plan and push a set of channels from one stock read: for each listing in
 * scope, the quantity its channel's rules give; only differences are pushed.
 */
export async function runInventoryPass(
  ctx: EngineContext,
  view: InventoryView,
  options: PassOptions,
): Promise<ChannelInventoryReport[]> {
  const channels = options.channelIds.map((id) => view.channels.get(id) as ChannelView);
  const items = itemsInScope(channels, options.itemIds ?? null);
  const warehouses = warehousesToRead(channels);
  const stockReadAt = ctx.now().toISOString();
  const stock = await readStock(ctx, stockItemIds(items), warehouses, options.signal);
  const plans = channels.map((channel) => planFor(channel, stock, options.itemIds ?? null));
  for (const plan of plans) {
    options.onProgress?.({ channelId: plan.channelId, phase: 'planned', done: 0, total: plan.changes.length });
  }
  const pushOptions = { ...options, stockReadAt };
  return Promise.all(channels.map((channel, n) => pushPlan(ctx, channel, plans[n] as ChannelPlan, pushOptions)));
}

function itemsInScope(channels: ChannelView[], itemIds: ReadonlySet<string> | null): PosItem[] {
  const items = new Map<string, PosItem>();
  for (const channel of channels) {
    for (const match of channel.matches.values()) {
      if (match.kind === 'matched' && (!itemIds || itemIds.has(match.item.id))) items.set(match.item.id, match.item);
    }
  }
  return [...items.values()];
}

function planFor(channel: ChannelView, stock: StockByItem, itemIds: ReadonlySet<string> | null): ChannelPlan {
  const quantities = new Map<string, QuantityBreakdown>();
  const listings = itemIds
    ? channel.listings.filter((l) => {
        const match = channel.matches.get(l.key);
        return match?.kind === 'matched' && itemIds.has(match.item.id);
      })
    : channel.listings;
  return planChannel({
    channelId: channel.runtime.id,
    listings,
    match: (l) => channel.matches.get(l.key) as never,
    quantityOf: (item) => {
      const known = quantities.get(item.id);
      if (known) return known;
      const computed = computeQuantity(item, stock, channel.rules, channel.warehouses);
      quantities.set(item.id, computed);
      return computed;
    },
    rules: channel.rules,
    capabilities: channel.runtime.connector.capabilities,
    deactivatedByUs: channel.deactivatedByUs,
  });
}

async function pushPlan(
  ctx: EngineContext,
  channel: ChannelView,
  plan: ChannelPlan,
  options: PassOptions & { stockReadAt: string },
): Promise<ChannelInventoryReport> {
  const report: ChannelInventoryReport = {
    channelId: plan.channelId,
    enabled: channel.rules.enabled,
    changes: plan.changes,
    unchanged: plan.unchanged,
    skipped: plan.skipped,
    pushed: 0,
    failed: [],
    requests: 0,
    conflicts: 0,
    superseded: 0,
  };
  if (options.dryRun || !channel.rules.enabled || plan.changes.length === 0) return report;
  const outcome = await pushChanges(ctx, channel.runtime, plan.changes, {
    ...options,
    onPushed: (change, at) => {
      const listing = channel.byKey.get(change.listingKey);
      if (listing) Object.assign(listing, { pushedQuantity: change.to, pushedAt: at });
      if (change.active === false) channel.deactivatedByUs.add(change.listingKey);
      if (change.active === true) channel.deactivatedByUs.delete(change.listingKey);
      report.pushed++;
      options.onProgress?.({
        channelId: plan.channelId,
        phase: 'pushed',
        done: report.pushed,
        total: plan.changes.length,
      });
    },
  });
  const { failed, requests, conflicts, superseded } = outcome;
  return { ...report, failed, requests, conflicts, superseded };
}
