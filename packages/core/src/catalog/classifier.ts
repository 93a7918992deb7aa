import { createSkuNormalizer, type MatchingOptions, type SkuNormalizer } from '../matching/normalize-sku';
import type { ListingStatus } from '../model/listing';
import { BatchReader } from './batch-reader';
import { ChannelState, LISTING_STATUS_CODE, MATCH_CONFLICT, MATCH_EMPTY, MATCH_UNKNOWN } from './channel-state';
import { ExplicitKeys } from './explicit-keys';
import { type HelperJob, HelperThread } from './helper-thread';
import { IntColumn } from './int-column';
import { newScratch, release } from './int32-array';
import { SkuTable } from './sku-table';
import { hashString, StringIndex } from './string-index';

/** What the classifier needs of a POS item. */
export interface ClassifierItem {
  id: string;
  sku: string | null;
  /** Explicit listing keys per channel id (wins over SKU). */
  externalIds?: Readonly<Record<string, string>>;
}

/** What the classifier needs of a listing. */
export interface ClassifierListing {
  /** `listingKey(listing)`: unique within its channel. */
  key: string;
  sku: string | null;
  status: ListingStatus;
  /** Kept (by reference) for text filtering in the tabs. */
  title?: string;
}

/** An explicit mapping of a listing key on a channel to a POS item (store mappings win over item external ids). */
export interface ClassifierMapping {
  targetId: string;
  externalId: string;
  itemId: string;
  modifierId?: string | null;
}

/** How a classifier matches, and whether it may use a second thread. */
export interface ClassifierOptions extends Partial<MatchingOptions> {
  /**
   * Let big batches (4096 listings or items or more, against a SKU table big
   * enough to sit in shared memory) use one helper thread, which interns
   * SKUs and builds key indexes while this thread reads the strings (default
   * true). The results are the same either way; the call stays synchronous.
   * The helper starts in the background on first use.
   */
  parallel?: boolean;
}

/** How one listing relates to the POS items. */
export type ListingMatch =
  | { kind: 'matched'; itemId: string; via: 'mapping' | 'sku' }
  | { kind: 'unmatched'; reason: 'empty-sku' | 'unknown-sku' }
  | { kind: 'conflict'; sku: string; itemIds: string[] };

/** Below this many listings, a first load goes listing by listing (the sorted sweep pays off at scale). */
const BULK_MIN = 1024;
const REMOVED = -2;
/** A batch this big may use the helper thread (see `HelperThread`): below it, handing work over costs more than it saves. */
const PARALLEL_MIN = 1 << 12;
/**
 * The classification engine: POS items and each channel's listings held as
 * columns of integers (SKUs interned once), with every count the tabs and
 * channel statistics need kept up to date as listings, items or mappings
 * change. A full build is a few passes over the data. An update costs time
 * in proportion to what changed, with one exception: the first item change
 * after a load links each channel's rows by SKU, one pass over the rows.
 *
 * Matching rules are those of `matchListing`: a store mapping for the
 * listing's key wins, then an item's `externalIds` (the last item listed wins
 * a key two items claim), then the normalised SKU (two or more items on one
 * SKU are a conflict, never a guess).
 */
export class Classifier {
  readonly normalize: SkuNormalizer;
  private readonly skus = new SkuTable();
  /** Per SKU id: the one item holding it, `MATCH_UNKNOWN` (none) or `MATCH_CONFLICT` (two or more). */
  private readonly skuMatch = new IntColumn();
  /** Items (ascending ordinals) of SKUs held by two or more items. */
  private readonly skuItemsShared = new Map<number, number[]>();

  private itemIds: string[] = [];
  private itemOrd = new StringIndex(this.itemIds);
  private readonly itemSku = new IntColumn();
  /** External ids by item ordinal, for the (few) items that have them. */
  private readonly itemExternal = new Map<number, Readonly<Record<string, string>>>();
  private live = 0;

  /** channel → its explicitly mapped listing keys (store mappings and item external ids). */
  private readonly explicit = new Map<string, ExplicitKeys>();
  /** item id → the [channel, key] pairs store mappings point at it. */
  private readonly storeMappingsByItem = new Map<string, [string, string][]>();
  private readonly channelStates = new Map<string, ChannelState>();

  private readonly parallel: boolean;

  private readonly reader: BatchReader;

  constructor(options: ClassifierOptions = {}) {
    this.normalize = createSkuNormalizer(options);
    this.parallel = options.parallel ?? true;
    this.reader = new BatchReader(this.normalize, this.skus, () =>
      this.skuMatch.extendTo(this.skus.size, MATCH_UNKNOWN),
    );
  }

  // ── items ──

  /** Add or update POS items, re-matching only the listings their SKUs or external ids touch. */
  upsertItems(items: Iterable<ClassifierItem>): void {
    const touched = this.channelStates.size > 0 ? new Touched() : null;
    if (Array.isArray(items)) {
      this.itemSku.reserveMore(items.length);
    }
    if (
      !(
        Array.isArray(items) &&
        this.itemIds.length === 0 &&
        items.length >= BULK_MIN &&
        this.addFirstItems(items, touched)
      )
    ) {
      if (Array.isArray(items)) this.itemOrd.reserve(items.length);
      for (const item of items) {
        const sku = this.reader.internSku(item.sku);
        const ord = this.itemIds.length;
        const existing = this.itemOrd.getOrAdd(item.id, ord);
        if (existing >= 0) {
          this.updateItem(existing, item, sku, touched);
          continue;
        }
        this.itemIds.push(item.id);
        this.addItem(ord, item, sku, touched);
      }
    }
    for (const state of this.channelStates.values()) state.itemCount.extendTo(this.itemIds.length, 0);
    if (touched) this.reevaluate(touched);
  }

  /**
   * A first load of items: their SKUs interned (on the helper thread for a
   * big batch, as they are read), their ids indexed in one slot-sorted sweep
   * (item `j` gets ordinal `j`), then the items added. False, with no item
   * added, when an id repeats.
   */
  private addFirstItems(items: readonly ClassifierItem[], touched: Touched | null): boolean {
    this.skus.reserve(items.length);
    const claim = this.claimHelper(items.length);
    try {
      const { names, interning, idHashes } = this.reader.readItems(items, claim?.helper ?? null);
      let unique: boolean;
      let skus: Int32Array;
      try {
        unique = this.addItemIds(items, idHashes);
        skus = interning.finish(names);
      } catch (error) {
        interning.abort();
        throw error;
      }
      if (unique) for (let ord = 0; ord < items.length; ord++) this.addItem(ord, items[ord]!, skus[ord]!, touched);
      release(idHashes, interning.skuHashes, interning.skuPacked, skus);
      return unique;
    } finally {
      claim?.free();
    }
  }

  /** Item ids (`hashes`: theirs), into a new index; false, with nothing changed, when an id repeats. */
  private addItemIds(items: readonly ClassifierItem[], hashes: Int32Array): boolean {
    const ids = new Array<string>(items.length);
    for (let j = 0; j < items.length; j++) ids[j] = items[j]!.id;
    const index = StringIndex.build(ids, hashes, null).finish();
    if (index === null) return false;
    this.itemIds = ids;
    this.itemOrd = index;
    return true;
  }

  /** Remove POS items by id (unknown ids are ignored). */
  removeItems(ids: Iterable<string>): void {
    const touched = new Touched();
    for (const id of ids) {
      const ord = this.itemOrd.get(id);
      if (ord < 0) continue;
      const sku = this.itemSku.data[ord]!;
      this.removeFromSku(ord, sku);
      touched.sku(sku);
      this.setClaims(ord, this.itemExternal.get(ord), undefined, touched);
      this.itemExternal.delete(ord);
      this.itemSku.data[ord] = REMOVED;
      this.itemOrd.delete(id);
      this.live--;
      this.touchStoreMappings(id, touched);
    }
    this.reevaluate(touched);
  }

  /** Replace the POS catalog: add and update `items`, remove every item not in it. */
  replaceItems(items: readonly ClassifierItem[]): void {
    const keep = new Set<string>();
    for (const item of items) keep.add(item.id);
    const gone: string[] = [];
    for (let ord = 0; ord < this.itemIds.length; ord++) {
      if (this.hasItemAt(ord) && !keep.has(this.itemIds[ord]!)) gone.push(this.itemIds[ord]!);
    }
    if (gone.length > 0) this.removeItems(gone);
    this.upsertItems(items);
  }

  /** Add item `ord` (its id is in `itemIds` and the index already). */
  private addItem(ord: number, item: ClassifierItem, sku: number, touched: Touched | null): void {
    this.itemSku.push(sku);
    if (hasEntries(item.externalIds)) this.itemExternal.set(ord, item.externalIds!);
    this.live++;
    this.addToSku(ord, sku);
    if (hasEntries(item.externalIds)) this.setClaims(ord, undefined, item.externalIds, touched);
    if (touched) {
      touched.sku(sku);
      this.touchStoreMappings(item.id, touched);
    }
  }

  private touchStoreMappings(itemId: string, touched: Touched): void {
    for (const [channelId, key] of this.storeMappingsByItem.get(itemId) ?? []) touched.key(channelId, key);
  }

  private updateItem(ord: number, item: ClassifierItem, sku: number, touched: Touched | null): void {
    const before = this.itemSku.data[ord]!;
    if (before !== sku) {
      this.removeFromSku(ord, before);
      this.addToSku(ord, sku);
      this.itemSku.data[ord] = sku;
      touched?.sku(before);
      touched?.sku(sku);
    }
    const previous = this.itemExternal.get(ord);
    if (!sameRecord(previous, item.externalIds)) {
      this.setClaims(ord, previous, item.externalIds, touched);
      if (hasEntries(item.externalIds)) this.itemExternal.set(ord, item.externalIds!);
      else this.itemExternal.delete(ord);
    }
  }

  private setClaims(
    ord: number,
    before: Readonly<Record<string, string>> | undefined,
    after: Readonly<Record<string, string>> | undefined,
    touched: Touched | null,
  ): void {
    for (const [channelId, key] of Object.entries(before ?? {})) {
      this.explicitKeys(channelId).removeClaim(key, ord);
      touched?.key(channelId, key);
    }
    for (const [channelId, key] of Object.entries(after ?? {})) {
      this.explicitKeys(channelId).addClaim(key, ord);
      touched?.key(channelId, key);
    }
  }

  private explicitKeys(channelId: string): ExplicitKeys {
    let keys = this.explicit.get(channelId);
    if (!keys) {
      keys = new ExplicitKeys();
      this.explicit.set(channelId, keys);
    }
    return keys;
  }

  private addToSku(ord: number, sku: number): void {
    if (sku < 0) return;
    const holder = this.skuMatch.data[sku]!;
    if (holder === MATCH_UNKNOWN) {
      this.skuMatch.data[sku] = ord;
      return;
    }
    if (holder >= 0)
      this.skuItemsShared.set(
        sku,
        [holder, ord].sort((a, b) => a - b),
      );
    else insertSorted(this.skuItemsShared.get(sku)!, ord);
    this.skuMatch.data[sku] = MATCH_CONFLICT;
  }

  private removeFromSku(ord: number, sku: number): void {
    if (sku < 0) return;
    if (this.skuMatch.data[sku]! >= 0) {
      this.skuMatch.data[sku] = MATCH_UNKNOWN;
      return;
    }
    const list = this.skuItemsShared.get(sku)!;
    list.splice(list.indexOf(ord), 1);
    if (list.length === 1) {
      this.skuItemsShared.delete(sku);
      this.skuMatch.data[sku] = list[0]!;
    }
  }

  // ── mappings ──

  /** Replace every store mapping (item-level ones; modifier mappings are ignored). */
  setMappings(mappings: Iterable<ClassifierMapping>): void {
    const touched = new Touched();
    for (const [channelId, keys] of this.explicit)
      for (const key of keys.clearStoreItems()) touched.key(channelId, key);
    this.storeMappingsByItem.clear();
    for (const m of mappings) {
      if (m.modifierId != null) continue;
      this.explicitKeys(m.targetId).setStoreItem(m.externalId, m.itemId);
      const pairs = this.storeMappingsByItem.get(m.itemId);
      if (pairs) pairs.push([m.targetId, m.externalId]);
      else this.storeMappingsByItem.set(m.itemId, [[m.targetId, m.externalId]]);
      touched.key(m.targetId, m.externalId);
    }
    this.reevaluate(touched);
  }

  // ── listings ──

  /**
   * Add or update listings of a channel (a scan's pages), re-matching only
   * them. The batch goes through in passes, each one tight loop over it
   * (SKUs, keys, taking back old counts, writing rows, matching, counting):
   * at millions of rows each step of a listing waits on memory, and in a
   * loop that does nothing else the processor overlaps the waits of the next
   * few listings.
   */
  upsertListings(channelId: string, listings: Iterable<ClassifierListing>): void {
    const batch = Array.isArray(listings) ? (listings as readonly ClassifierListing[]) : [...listings];
    const state = this.channelState(channelId);
    if (batch.length === 0) return;
    const claim = this.claimHelper(batch.length);
    try {
      this.applyListings(state, batch, claim?.helper ?? null);
    } finally {
      claim?.free();
    }
  }

  private applyListings(state: ChannelState, batch: readonly ClassifierListing[], helper: HelperThread | null): void {
    const firstLoad = state.size === 0 && batch.length >= BULK_MIN;
    const { skuNames, interning, keyHashes, keys } = this.reader.readListings(batch, helper, firstLoad);
    let keysAdded: HelperJob<boolean> | null = null;
    let update: ReturnType<Classifier['updatedRows']> | null = null;
    let skus: Int32Array;
    try {
      keysAdded = keys && state.beginAddKeys(keys, keyHashes, helper);
      // An update finds its rows (and what they were) here, while the helper (if any) interns the SKUs.
      if (keysAdded === null) update = this.updatedRows(state, batch, keyHashes);
      skus = interning.finish(skuNames);
    } catch (error) {
      interning.abort();
      throw error;
    }
    const bySku = this.skuMatches(skus);
    // A first load puts its keys in the index in one sorted sweep (not when a key repeats in the batch).
    if (keysAdded !== null && !keysAdded.finish()) update = this.updatedRows(state, batch, keyHashes);
    const explicit = this.explicit.get(state.channelId);
    if (update === null) this.applyFirstLoad(state, batch, skus, bySku, keyHashes, explicit);
    else this.applyUpdate(state, batch, update, skus, bySku, keyHashes, explicit);
    release(interning.skuHashes, interning.skuPacked, keyHashes, skus, bySku);
  }

  /**
   * For an update: each listing's row (`rowsFor`), which listings to apply
   * (the last of each row: a later listing updates an earlier one), and
   * what each of their rows was (`readRows`). Scratch: `applyUpdate` releases it.
   */
  private updatedRows(state: ChannelState, batch: readonly ClassifierListing[], keyHashes: Int32Array) {
    const rows = state.rowsFor(batch, keyHashes);
    const order = state.lastOfEachRow(rows);
    return { rows, order, before: state.readRows(rows, order) };
  }

  /** A first load's rows, all new, in batch order: written with their SKU's match, then mappings, then counts. */
  private applyFirstLoad(
    state: ChannelState,
    batch: readonly ClassifierListing[],
    skus: Int32Array,
    bySku: Int32Array,
    keyHashes: Int32Array,
    explicit: ExplicitKeys | undefined,
  ): void {
    const first = state.rowCount;
    state.appendRows(batch, skus, bySku);
    if (explicit !== undefined) {
      for (let j = 0; j < batch.length; j++) {
        const mapped = this.mappedItem(state, first + j, keyHashes[j]!, explicit);
        if (mapped >= 0) state.setMatch(first + j, mapped, true);
      }
    }
    for (let j = 0; j < batch.length; j++) state.contribute(first + j, 1);
  }

  /** An update (`updatedRows`): each row moves its counts from what it was to what it is. */
  private applyUpdate(
    state: ChannelState,
    batch: readonly ClassifierListing[],
    { rows, order, before }: ReturnType<Classifier['updatedRows']>,
    skus: Int32Array,
    bySku: Int32Array,
    keyHashes: Int32Array,
    explicit: ExplicitKeys | undefined,
  ): void {
    // Rows below this existed before the batch (finding rows adds keys, never rows).
    const existing = state.rowCount;
    for (let o = 0; o < order.length; o++) {
      const j = order[o]!;
      const listing = batch[j]!;
      const i = rows[j]!;
      const status = LISTING_STATUS_CODE[listing.status];
      if (i < existing) state.update(i, skus[j]!, status, listing.title);
      else state.appendRow(skus[j]!, status, listing.title);
    }
    for (let o = 0; o < order.length; o++) {
      const j = order[o]!;
      this.resolve(state, rows[j]!, explicit, keyHashes[j]!, bySku[j]!);
    }
    for (let o = 0; o < order.length; o++) {
      const i = rows[order[o]!]!;
      if (i < existing) state.recount(i, before, o * 3);
      else state.contribute(i, 1);
    }
    release(rows, order, before);
  }

  /** The helper thread for a batch this big, when it is worth one and there is one free. */
  private claimHelper(size: number) {
    if (!this.parallel || size < PARALLEL_MIN) return null;
    return HelperThread.get()?.claim() ?? null;
  }

  /** Forget a channel's listings, then load `listings` (a rebuild from the snapshot). */
  replaceListings(channelId: string, listings: Iterable<ClassifierListing>): void {
    this.channelStates.delete(channelId);
    this.upsertListings(channelId, listings);
  }

  private channelState(channelId: string): ChannelState {
    let state = this.channelStates.get(channelId);
    if (!state) {
      state = new ChannelState(channelId);
      state.itemCount.extendTo(this.itemIds.length, 0);
      this.channelStates.set(channelId, state);
    }
    return state;
  }

  /** Each SKU's match (`skuMatch`, or `MATCH_EMPTY` for no SKU), gathered in one tight loop. */
  private skuMatches(skus: Int32Array): Int32Array {
    const out = newScratch(skus.length);
    const skuMatch = this.skuMatch.data;
    for (let j = 0; j < skus.length; j++) {
      const sku = skus[j]!;
      out[j] = sku < 0 ? MATCH_EMPTY : skuMatch[sku]!;
    }
    return out;
  }

  /**
   * Resolve listing `i`'s match (and whether a mapping made it): a mapping of
   * its key (`keyHash`) wins, else `bySku`, its SKU's match.
   */
  private resolve(state: ChannelState, i: number, explicit: ExplicitKeys | undefined, keyHash: number, bySku: number) {
    if (explicit !== undefined) {
      const mapped = this.mappedItem(state, i, keyHash, explicit);
      if (mapped >= 0) {
        state.setMatch(i, mapped, true);
        return;
      }
    }
    state.setMatch(i, bySku, false);
  }

  /** `resolve` for one listing, looking its key's hash and its SKU's match up. */
  private resolveOne(state: ChannelState, i: number, explicit: ExplicitKeys | undefined): void {
    const sku = state.skuOf(i);
    const keyHash = explicit ? hashString(state.keys[i]!) : 0;
    this.resolve(state, i, explicit, keyHash, sku < 0 ? MATCH_EMPTY : this.skuMatch.data[sku]!);
  }

  /** The item listing `i` is mapped to, or -1. Its key is read only when a mapped key has its hash. */
  private mappedItem(state: ChannelState, i: number, keyHash: number, explicit: ExplicitKeys): number {
    if (!explicit.mayHold(keyHash)) return -1;
    const slot = explicit.findHashed(state.keys[i]!, keyHash);
    if (slot < 0) return -1;
    const itemId = explicit.storeItem(slot);
    if (itemId !== undefined) {
      const ord = this.itemOrd.get(itemId);
      if (ord >= 0) return ord;
    }
    const claimants = explicit.claimants(slot);
    return claimants && claimants.length > 0 ? claimants[claimants.length - 1]! : -1;
  }

  private reevaluate(touched: Touched): void {
    for (const [channelId, state] of this.channelStates) {
      const explicit = this.explicit.get(channelId);
      const redo = (i: number) => {
        state.contribute(i, -1);
        this.resolveOne(state, i, explicit);
        state.contribute(i, 1);
      };
      for (const sku of touched.skus) state.forEachWithSku(sku, redo);
      for (const key of touched.keys.get(channelId) ?? []) {
        const i = state.rowOf(key);
        if (i >= 0) redo(i);
      }
    }
  }

  // ── reading ──

  /** The channel ids that have listings loaded. */
  channelIds(): string[] {
    return [...this.channelStates.keys()];
  }

  /** The state of one channel (empty when nothing was loaded for it). */
  channel(channelId: string): ChannelState {
    return this.channelStates.get(channelId) ?? this.channelState(channelId);
  }

  /** How many item ordinals exist (removed items leave a gap: check `hasItemAt`). */
  get itemSlots(): number {
    return this.itemIds.length;
  }

  /** How many POS items are loaded. */
  get itemCount(): number {
    return this.live;
  }

  hasItemAt(ord: number): boolean {
    return this.itemSku.data[ord] !== REMOVED;
  }

  itemIdAt(ord: number): string {
    return this.itemIds[ord]!;
  }

  /** The ordinal of item `id`, or -1. */
  itemOrdinal(id: string): number {
    return this.itemOrd.get(id);
  }

  /** The items sharing item `ord`'s SKU, when two or more do (a POS conflict); else null. */
  itemConflict(ord: number): string[] | null {
    const sku = this.itemSku.data[ord]!;
    const shared = sku >= 0 ? this.skuItemsShared.get(sku) : undefined;
    return shared ? shared.map((o) => this.itemIds[o]!) : null;
  }

  /** The normalised SKU of listing `i` of a channel, or null. */
  listingSku(state: ChannelState, i: number): string | null {
    const sku = state.skuOf(i);
    return sku >= 0 ? this.skus.names[sku]! : null;
  }

  /** How listing `i` of a channel matches. */
  listingMatch(state: ChannelState, i: number): ListingMatch {
    const match = state.matchOf(i);
    if (match >= 0)
      return { kind: 'matched', itemId: this.itemIds[match]!, via: state.viaMapping(i) ? 'mapping' : 'sku' };
    if (match === MATCH_CONFLICT) {
      const sku = state.skuOf(i);
      return {
        kind: 'conflict',
        sku: this.skus.names[sku]!,
        itemIds: this.skuItemsShared.get(sku)!.map((o) => this.itemIds[o]!),
      };
    }
    return { kind: 'unmatched', reason: match === MATCH_EMPTY ? 'empty-sku' : 'unknown-sku' };
  }
}

/** What an update touched: SKUs whose listings and listing keys that must be re-matched. */
class Touched {
  readonly skus = new Set<number>();
  readonly keys = new Map<string, Set<string>>();
  sku(sku: number): void {
    if (sku >= 0) this.skus.add(sku);
  }
  key(channelId: string, key: string): void {
    let set = this.keys.get(channelId);
    if (!set) {
      set = new Set();
      this.keys.set(channelId, set);
    }
    set.add(key);
  }
}

function hasEntries(record: Readonly<Record<string, string>> | undefined): boolean {
  for (const _ in record) return true;
  return false;
}

function insertSorted(list: number[], value: number): void {
  let at = list.length;
  while (at > 0 && list[at - 1]! > value) at--;
  list.splice(at, 0, value);
}

function sameRecord(a: Readonly<Record<string, string>> | undefined, b: Readonly<Record<string, string>> | undefined) {
  if (a === b) return true;
  const ak = Object.keys(a ?? {});
  const bk = Object.keys(b ?? {});
  return ak.length === bk.length && ak.every((k) => a![k] === b?.[k]);
}
