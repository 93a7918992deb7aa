import { type ItemIndex, type MatchResult, matchListing } from '../matching/item-index';
import { loadItemIndex } from '../matching/load-item-index';
import type { PosItem } from '../model/pos-item';
import type { StockLevel } from '../model/stock';
import type { ChannelRuntime } from '../omnisync/channel-config';
import type { EngineContext } from '../omnisync/engine-context';
import type { SnapshotListing } from '../store/records';
import type { QuantityRules } from './quantity-rules';

const STOCK_READ_CHUNK = 500;
const LISTING_PAGE = 1000;

/** The store namespace (per channel) of listings omnisync deactivated at zero. */
export const deactivatedNamespace = (channelId: string) => `inventory-deactivated:${channelId}`;

/** One channel as an inventory pass sees it: rules, listings (each with its match), and what we deactivated. */
export interface ChannelView {
  runtime: ChannelRuntime;
  rules: QuantityRules;
  /** The warehouses that count for this channel; null = every warehouse. */
  warehouses: readonly string[] | null;
  listings: SnapshotListing[];
  /** Listing key → the listing (pushes update it in place). */
  byKey: Map<string, SnapshotListing>;
  matches: Map<string, MatchResult>;
  deactivatedByUs: Set<string>;
}

/**
 * What one inventory pass reads once: the POS items (indexed for matching),
 * each channel's listings from the last scan, and the bundles each component
 * belongs to. Pushes update it in place, so a long drain stays consistent.
 */
export interface InventoryView {
  index: ItemIndex;
  channels: Map<string, ChannelView>;
  /** Component item id → the bundles made with it. */
  bundlesOf: Map<string, PosItem[]>;
}

/** Load the view for the given channels. */
export async function loadInventoryView(
  ctx: EngineContext,
  rules: ReadonlyMap<string, QuantityRules>,
  channelIds: readonly string[],
  signal?: AbortSignal,
): Promise<InventoryView> {
  const index = await loadItemIndex(ctx, signal);
  const channels = new Map<string, ChannelView>();
  for (const id of channelIds) {
    const runtime = ctx.channel(id);
    const channelRules = rules.get(id) as QuantityRules;
    const listings = await loadChannelListings(ctx, id);
    const matches = new Map(listings.map((l) => [l.key, matchListing(index, id, l)]));
    const deactivated = await ctx.store.listValues(ctx.tenantId, deactivatedNamespace(id));
    channels.set(id, {
      runtime,
      rules: channelRules,
      warehouses: channelRules.warehouses ?? ctx.pos.defaultWarehouses ?? null,
      listings,
      byKey: new Map(listings.map((l) => [l.key, l])),
      matches,
      deactivatedByUs: new Set(deactivated.map((d) => d.key)),
    });
  }
  return { index, channels, bundlesOf: indexBundles(index) };
}

/** Every listing of a channel in the store with one of these statuses (default live and inactive). */
export async function loadChannelListings(
  ctx: EngineContext,
  channelId: string,
  statuses: readonly string[] = ['live', 'inactive'],
): Promise<SnapshotListing[]> {
  const out: SnapshotListing[] = [];
  let after: string | null = null;
  do {
    const page = await ctx.store.listListings({
      tenantId: ctx.tenantId,
      channelId,
      statuses,
      after,
      limit: LISTING_PAGE,
    });
    out.push(...page.items);
    after = page.next;
  } while (after);
  return out;
}

function indexBundles(index: ItemIndex): Map<string, PosItem[]> {
  const bundlesOf = new Map<string, PosItem[]>();
  for (const item of index.byId.values()) {
    for (const c of item.components) bundlesOf.set(c.itemId, [...(bundlesOf.get(c.itemId) ?? []), item]);
  }
  return bundlesOf;
}

/**
 * The item ids whose quantities change when these items' stock changes:
 * themselves; for a bundle, its components (selling a bundle takes them);
 * and every bundle made with any of those.
 */
export function affectedItemIds(view: InventoryView, itemIds: Iterable<string>): Set<string> {
  const stockMoved = new Set<string>();
  for (const id of itemIds) {
    stockMoved.add(id);
    for (const c of view.index.byId.get(id)?.components ?? []) stockMoved.add(c.itemId);
  }
  const out = new Set(stockMoved);
  for (const id of stockMoved) for (const bundle of view.bundlesOf.get(id) ?? []) out.add(bundle.id);
  return out;
}

/** The ids whose stock must be read to price these items: each item, or a bundle's components. */
export function stockItemIds(items: Iterable<Pick<PosItem, 'id' | 'components'>>): string[] {
  const ids = new Set<string>();
  for (const item of items) {
    if (item.components.length === 0) ids.add(item.id);
    for (const c of item.components) ids.add(c.itemId);
  }
  return [...ids];
}

/**
 * Read stock for these items from the POS, in chunks. `warehouseIds` null
 * asks for every warehouse.
 */
export async function readStock(
  ctx: EngineContext,
  itemIds: readonly string[],
  warehouseIds: readonly string[] | null,
  signal?: AbortSignal,
): Promise<Map<string, StockLevel[]>> {
  const stock = new Map<string, StockLevel[]>();
  for (let i = 0; i < itemIds.length; i += STOCK_READ_CHUNK) {
    const chunk = itemIds.slice(i, i + STOCK_READ_CHUNK);
    const levels = await ctx.pos.getStock({ itemIds: chunk, warehouseIds, signal, priority: 'stock' });
    for (const level of levels) stock.set(level.itemId, [...(stock.get(level.itemId) ?? []), level]);
  }
  return stock;
}

/** The warehouses to read for several channels at once: their union, or null when one counts every warehouse. */
export function warehousesToRead(views: Iterable<Pick<ChannelView, 'warehouses'>>): string[] | null {
  const all = new Set<string>();
  for (const view of views) {
    if (view.warehouses === null) return null;
    for (const w of view.warehouses) all.add(w);
  }
  return [...all];
}
