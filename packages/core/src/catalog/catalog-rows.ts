import type { Listing } from '../model/listing';
import type { PosItem } from '../model/pos-item';
import type { EngineContext } from '../omnisync/engine-context';
import type { CatalogTab, ItemRowRef, MultipleListingRowRef, NotInPosRowRef } from './catalog-tabs';
import type { NotInPosReason } from './channel-state';

/** A POS item as the tabs show it. */
export interface CatalogItem {
  id: string;
  sku: string | null;
  name: string;
  barcode: string | null;
  parentId: string | null;
  active: boolean;
}

/** A listing as the tabs show it (from the snapshot). */
export interface CatalogListing {
  channelId: string;
  key: string;
  listingId: string;
  variantId: string | null;
  sku: string | null;
  title: string;
  status: Listing['status'];
  quantity: number | null;
  price: Listing['price'];
  updatedAt: string;
}

/** A row of In POS, Sold In Channel or Not In Channel. */
export interface ItemRow {
  item: CatalogItem;
  /** Channels the item has a listing on (not deleted). */
  channelIds: string[];
  /** Configured channels it has no listing on. */
  missingChannelIds: string[];
  /** Other POS items with the same SKU: a conflict to fix in the POS (listings on that SKU match neither). */
  conflictWith: CatalogItem[];
}

/** A row of Not In POS: a live listing that matches no single POS item, and why. */
export interface NotInPosRow {
  channelId: string;
  listing: CatalogListing;
  reason: NotInPosReason;
  /** The POS items sharing the SKU when the reason is `conflict`. */
  conflictItems: CatalogItem[];
}

/** A row of Multiple Listing: listings of one channel that all get the same stock. */
export interface MultipleListingRow {
  channelId: string;
  sku: string | null;
  item: CatalogItem | null;
  listings: CatalogListing[];
}

/** Row types by tab. */
export interface CatalogTabRows {
  'in-pos': ItemRow;
  'sold-in-channel': ItemRow;
  'not-in-channel': ItemRow;
  'not-in-pos': NotInPosRow;
  'multiple-listing': MultipleListingRow;
}

/** Turn a page of row references into rows with item and listing details. */
export async function describeRows<T extends CatalogTab>(
  ctx: EngineContext,
  tab: T,
  refs: readonly unknown[],
  itemOf: (id: string) => PosItem | undefined,
): Promise<CatalogTabRows[T][]> {
  const item = (id: string): CatalogItem => describeItem(id, itemOf(id));
  const listing = (channelId: string, key: string) => describeListing(ctx, channelId, key);
  if (tab === 'not-in-pos') {
    return (await Promise.all(
      (refs as NotInPosRowRef[]).map(async (r) => ({
        channelId: r.channelId,
        listing: await listing(r.channelId, r.key),
        reason: r.reason,
        conflictItems: (r.conflictItemIds ?? []).map(item),
      })),
    )) as CatalogTabRows[T][];
  }
  if (tab === 'multiple-listing') {
    return (await Promise.all(
      (refs as MultipleListingRowRef[]).map(async (r) => ({
        channelId: r.channelId,
        sku: r.sku,
        item: r.itemId === null ? null : item(r.itemId),
        listings: await Promise.all(r.keys.map((key) => listing(r.channelId, key))),
      })),
    )) as CatalogTabRows[T][];
  }
  return (refs as ItemRowRef[]).map((r) => ({
    item: item(r.itemId),
    channelIds: r.channelIds,
    missingChannelIds: r.missingChannelIds,
    conflictWith: (r.conflictWith ?? []).map(item),
  })) as CatalogTabRows[T][];
}

function describeItem(id: string, item: PosItem | undefined): CatalogItem {
  return {
    id,
    sku: item?.sku ?? null,
    name: item?.name ?? id,
    barcode: item?.barcode ?? null,
    parentId: item?.parentId ?? null,
    active: item?.active ?? true,
  };
}

async function describeListing(ctx: EngineContext, channelId: string, key: string): Promise<CatalogListing> {
  const l = await ctx.store.getListing(ctx.tenantId, channelId, key);
  return {
    channelId,
    key,
    listingId: l?.listingId ?? key,
    variantId: l?.variantId ?? null,
    sku: l?.sku ?? null,
    title: l?.title ?? '',
    status: l?.status ?? 'deleted',
    quantity: l?.quantity ?? null,
    price: l?.price ?? null,
    updatedAt: l?.updatedAt ?? '',
  };
}
