import { matchListing } from '../matching/item-index';
import type { EngineContext } from '../omnisync/engine-context';
import { affectedItemIds, deactivatedNamespace, type InventoryView, loadInventoryView } from './inventory-view';
import type { QuantityRules } from './quantity-rules';

interface Cached {
  view: InventoryView;
  loadedAt: number;
  /** Listings per channel when loaded: a scan or an upload that adds listings changes it. */
  counts: Map<string, number>;
}

/**
 * Keeps one inventory view (POS items indexed for matching, every channel's
 * listings) between outbox drains, so that an event-driven drain of a few
 * items does not re-read a whole catalog. The listings a drain touches are
 * always re-read from the store (another worker may have pushed them), and
 * the view is reloaded when it is older than its time to live, when a
 * channel's listing count changed, or when an item is unknown to it.
 */
export class InventoryViewCache {
  private cached: Cached | null = null;

  constructor(
    private readonly ctx: EngineContext,
    private readonly rules: ReadonlyMap<string, QuantityRules>,
    private readonly channelIds: readonly string[],
  ) {}

  /** Forget the view: the next drain reloads it. */
  invalidate(): void {
    this.cached = null;
  }

  /** The view for a drain of these items, fresh where it matters. */
  async forItems(itemIds: readonly string[], ttlMs: number, signal?: AbortSignal): Promise<InventoryView> {
    const counts = await this.listingCounts();
    const c = this.cached;
    const stale =
      !c ||
      this.ctx.now().getTime() - c.loadedAt > ttlMs ||
      itemIds.some((id) => !c.view.index.byId.has(id)) ||
      this.channelIds.some((id) => counts.get(id) !== c.counts.get(id));
    if (stale || !c) {
      const view = await loadInventoryView(this.ctx, this.rules, this.channelIds, signal);
      this.cached = { view, loadedAt: this.ctx.now().getTime(), counts };
      return view;
    }
    await this.refreshListings(c.view, affectedItemIds(c.view, itemIds));
    return c.view;
  }

  private async listingCounts(): Promise<Map<string, number>> {
    const counts = new Map<string, number>();
    for (const id of this.channelIds) counts.set(id, await this.ctx.store.countListings(this.ctx.tenantId, id));
    return counts;
  }

  /** Re-read the listings of these items from the store: quantities, pushes, SKU, status, deactivation. */
  private async refreshListings(view: InventoryView, itemIds: ReadonlySet<string>): Promise<void> {
    const { ctx } = this;
    for (const [channelId, channel] of view.channels) {
      for (const listing of channel.listings) {
        const match = channel.matches.get(listing.key);
        if (match?.kind !== 'matched' || !itemIds.has(match.item.id)) continue;
        const fresh = await ctx.store.getListing(ctx.tenantId, channelId, listing.key);
        Object.assign(listing, fresh ?? { status: 'deleted' });
        channel.matches.set(listing.key, matchListing(view.index, channelId, listing));
        const ours = await ctx.store.getValue(ctx.tenantId, deactivatedNamespace(channelId), listing.key);
        if (ours) channel.deactivatedByUs.add(listing.key);
        else channel.deactivatedByUs.delete(listing.key);
      }
    }
  }
}

/** The `ctx.services` key of the function that makes the next stock drain reload POS items and listings. */
export const INVALIDATE_VIEW_SERVICE = 'inventory.invalidateView';

/** Make the next stock drain reload POS items and listings (call it after creating items or listings). */
export function invalidateStockView(ctx: Pick<EngineContext, 'services'>): void {
  (ctx.services.get(INVALIDATE_VIEW_SERVICE) as (() => void) | undefined)?.();
}
