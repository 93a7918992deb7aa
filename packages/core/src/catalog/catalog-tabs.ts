import type { ChannelState, NotInPosReason } from './channel-state';
import type { Classifier } from './classifier';

/** The product tabs a merchant works from (seed 002). */
export type CatalogTab = 'in-pos' | 'sold-in-channel' | 'not-in-pos' | 'not-in-channel' | 'multiple-listing';

/** The tab names, in the order a UI shows them. */
export const CATALOG_TABS: readonly CatalogTab[] = [
  'sold-in-channel',
  'not-in-pos',
  'not-in-channel',
  'in-pos',
  'multiple-listing',
];

/** An item row (In POS, Sold In Channel, Not In Channel), by id. */
export interface ItemRowRef {
  itemId: string;
  /** The channels the item has a listing on (not deleted). */
  channelIds: string[];
  /** Configured channels the item has no listing on. */
  missingChannelIds: string[];
  /** Other POS items on the same SKU (a conflict), or null. */
  conflictWith: string[] | null;
}

/** A Not In POS row: a live listing that matches no single POS item. */
export interface NotInPosRowRef {
  channelId: string;
  key: string;
  sku: string | null;
  reason: NotInPosReason;
  /** The POS items sharing the SKU when the reason is `conflict`. */
  conflictItemIds: string[] | null;
}

/** A Multiple Listing row: two or more listings of one channel that get the same stock. */
export interface MultipleListingRowRef {
  channelId: string;
  /** The normalised SKU the listings share (null when they share an item through mappings only). */
  sku: string | null;
  /** The POS item they match, or null when the SKU matches none (or several). */
  itemId: string | null;
  keys: string[];
}

/** Row types by tab. */
export interface CatalogTabRowRefs {
  'in-pos': ItemRowRef;
  'sold-in-channel': ItemRowRef;
  'not-in-channel': ItemRowRef;
  'not-in-pos': NotInPosRowRef;
  'multiple-listing': MultipleListingRowRef;
}

/** What narrows a tab. */
export interface TabFilter {
  /** The configured channels, in display order. */
  channels: readonly string[];
  /** Narrow to one channel. In POS lists every item whatever the channel. */
  channelId?: string | null;
  /** Keep only items this accepts (e.g. a text search over name and SKU). */
  item?: ((itemId: string) => boolean) | null;
  /** Keep only listing rows this accepts. */
  listing?: ((state: ChannelState, i: number) => boolean) | null;
}

/** Every row of a tab, in a stable order (items by POS order, listings by first seen). */
export function* tabRows<T extends CatalogTab>(
  classifier: Classifier,
  tab: T,
  filter: TabFilter,
): Generator<CatalogTabRowRefs[T]> {
  const channels = filter.channelId ? [filter.channelId] : filter.channels;
  switch (tab) {
    case 'in-pos':
    case 'sold-in-channel':
    case 'not-in-channel':
      yield* itemRows(classifier, tab, filter, channels) as Generator<CatalogTabRowRefs[T]>;
      return;
    case 'not-in-pos':
      yield* notInPosRows(classifier, filter, channels) as Generator<CatalogTabRowRefs[T]>;
      return;
    default:
      yield* multipleListingRows(classifier, filter, channels) as Generator<CatalogTabRowRefs[T]>;
  }
}

function* itemRows(
  classifier: Classifier,
  tab: 'in-pos' | 'sold-in-channel' | 'not-in-channel',
  filter: TabFilter,
  scope: readonly string[],
): Generator<ItemRowRef> {
  const states = filter.channels.map((id) => classifier.channel(id));
  for (let ord = 0; ord < classifier.itemSlots; ord++) {
    if (!classifier.hasItemAt(ord)) continue;
    const on: string[] = [];
    const missing: string[] = [];
    for (const state of states) (state.itemCount.data[ord]! > 0 ? on : missing).push(state.channelId);
    if (tab === 'sold-in-channel' && !scope.some((c) => on.includes(c))) continue;
    if (tab === 'not-in-channel' && !scope.some((c) => missing.includes(c))) continue;
    const itemId = classifier.itemIdAt(ord);
    if (filter.item && !filter.item(itemId)) continue;
    const conflict = classifier.itemConflict(ord);
    yield {
      itemId,
      channelIds: on,
      missingChannelIds: missing,
      conflictWith: conflict?.filter((id) => id !== itemId) ?? null,
    };
  }
}

function* notInPosRows(classifier: Classifier, filter: TabFilter, scope: readonly string[]): Generator<NotInPosRowRef> {
  for (const channelId of scope) {
    const state = classifier.channel(channelId);
    for (let i = 0; i < state.size; i++) {
      const reason = state.notInPosReason(i);
      if (reason === null || (filter.listing && !filter.listing(state, i))) continue;
      const match = reason === 'conflict' ? classifier.listingMatch(state, i) : null;
      yield {
        channelId,
        key: state.keys[i]!,
        sku: classifier.listingSku(state, i),
        reason,
        conflictItemIds: match?.kind === 'conflict' ? match.itemIds : null,
      };
    }
  }
}

function* multipleListingRows(
  classifier: Classifier,
  filter: TabFilter,
  scope: readonly string[],
): Generator<MultipleListingRowRef> {
  for (const channelId of scope) {
    const state = classifier.channel(channelId);
    const groups = new Map<string, MultipleListingRowRef>();
    for (let i = 0; i < state.size; i++) {
      if (!state.isMultipleListed(i)) continue;
      const match = state.matchOf(i);
      const groupKey = match >= 0 ? `i${match}` : `s${state.skuOf(i)}`;
      let group = groups.get(groupKey);
      if (!group) {
        const itemId = match >= 0 ? classifier.itemIdAt(match) : null;
        group = { channelId, sku: classifier.listingSku(state, i), itemId, keys: [] };
        groups.set(groupKey, group);
      } else if (group.sku !== classifier.listingSku(state, i)) {
        group.sku = null;
      }
      group.keys.push(state.keys[i]!);
    }
    const filtered = filter.item || filter.listing;
    for (const group of groups.values()) {
      if (
        !filtered ||
        (group.itemId !== null && filter.item?.(group.itemId)) ||
        (filter.listing && group.keys.some((key) => filter.listing!(state, state.rowOf(key))))
      ) {
        yield group;
      }
    }
  }
}

/** One page of rows and how many rows the filter kept in all. */
export interface CatalogPage<T> {
  rows: T[];
  total: number;
  /** 1-based. */
  page: number;
  pageSize: number;
}

/** Take page `page` (1-based) of `pageSize` rows, counting every row. */
export function paginate<T>(rows: Iterable<T>, page: number, pageSize: number): CatalogPage<T> {
  const start = (page - 1) * pageSize;
  const out: T[] = [];
  let total = 0;
  for (const row of rows) {
    if (total >= start && out.length < pageSize) out.push(row);
    total++;
  }
  return { rows: out, total, page, pageSize };
}
