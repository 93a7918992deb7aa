import type { ListingStatus } from '../model/listing';
import type { HelperJob, HelperThread } from './helper-thread';
import { IntColumn } from './int-column';
import { newScratch, release } from './int32-array';
import { StringIndex } from './string-index';

/** Listing status codes held in the status column. */
export const LISTING_STATUS_CODE: Readonly<Record<ListingStatus, number>> = {
  live: 0,
  inactive: 1,
  archived: 2,
  deleted: 3,
};
/** Status names by code. */
export const LISTING_STATUS_NAME: readonly ListingStatus[] = ['live', 'inactive', 'archived', 'deleted'];
const LIVE = 0;
/** The layout of a row in `ChannelState.rows`. */
const ROW = 4;
const SKU = 0;
const STATUS = 1;
const MATCH = 2;
/** Scratch for `lastOfEachRow`: 0 outside it. */
const MARK = 3;
/** The status code is in the low bits of `STATUS`; this bit is set when a mapping made the match. */
const STATUS_BITS = 3;
const VIA_MAPPING = 4;
const DELETED = 3;

/** Match codes below zero (zero and above are item ordinals). */
export const MATCH_EMPTY = -1;
export const MATCH_UNKNOWN = -2;
export const MATCH_CONFLICT = -3;

/** Why a live listing is in Not In POS. */
export type NotInPosReason = 'empty-sku' | 'unknown-sku' | 'conflict';
const REASONS: readonly NotInPosReason[] = ['empty-sku', 'unknown-sku', 'conflict'];

/** The counts behind one channel's tabs and statistics, kept current by the classifier. */
export interface ChannelCounts {
  /** Listings not marked deleted. */
  listings: number;
  /** Live listings (not inactive, archived or deleted). */
  live: number;
  /** Listings marked deleted (ignored by every tab). */
  deleted: number;
  /** Listings (not deleted) matched to a POS item. */
  matchedListings: number;
  /** POS items with at least one listing (not deleted) on the channel. */
  soldInChannel: number;
  /** Live listings that match no single POS item. */
  notInPos: number;
  notInPosByReason: Record<NotInPosReason, number>;
  /** Groups of two or more listings (not deleted) on one item, or on one unmatched SKU. */
  multipleListingGroups: number;
}

/**
 * One channel's listings as columns (row `i` is one listing), a per-SKU
 * doubly linked chain of rows (to re-match a SKU's listings when an item
 * changes), and the running counts. Owned and driven by `Classifier`.
 */
export class ChannelState {
  /** Listing keys by row (read it afresh: a first load replaces the array). */
  keys: string[] = [];
  private keyIndex = new StringIndex(this.keys);
  private readonly titles: (string | undefined)[] = [];
  /**
   * Four ints per row, side by side so an update reads one cache line: the SKU
   * id (`SKU`), the status code with the `VIA_MAPPING` bit (`STATUS`), the item
   * ordinal or a `MATCH_*` code (`MATCH`), and scratch for a batch (`MARK`).
   */
  readonly rows = new IntColumn();
  /** Listings (not deleted) matched per item ordinal. */
  readonly itemCount = new IntColumn();
  /** Listings (not deleted, unmatched) per SKU id (grown on demand). */
  private readonly unmatchedSkuCount = new IntColumn();
  /** The per-SKU chains, built on first use (a full build never needs them). */
  private chained = false;
  private readonly skuHead = new IntColumn();
  private readonly next = new IntColumn();
  private readonly prev = new IntColumn();

  listings = 0;
  live = 0;
  deleted = 0;
  matchedListings = 0;
  soldInChannel = 0;
  multipleListingGroups = 0;
  readonly notInPosByReason = [0, 0, 0];

  constructor(readonly channelId: string) {}

  /** How many rows exist. */
  get size(): number {
    return this.keys.length;
  }

  /** The row of listing `key`, or -1. */
  rowOf(key: string): number {
    return this.keyIndex.get(key);
  }

  /** How many rows are filled (`appendRow` fills row `rowCount` next). */
  get rowCount(): number {
    return this.rows.length / ROW;
  }

  /**
   * The row of each listing's key (`hashes[j]` is `hashString` of key `j`).
   * A key not seen before is given the next free row, in batch order, for
   * `appendRow` to fill: when filling in batch order, a row equal to
   * `rowCount` is new, any other is there to update.
   */
  rowsFor(listings: readonly { readonly key: string }[], hashes: Int32Array): Int32Array {
    const rows = this.keyIndex.candidates(hashes);
    const keys = this.keys;
    for (let j = 0; j < listings.length; j++) {
      const row = rows[j]!;
      if (row >= 0 && keys[row] !== listings[j]!.key) rows[j] = -1;
    }
    this.keyIndex.reserve(listings.length);
    for (let j = 0; j < listings.length; j++) {
      if (rows[j]! >= 0) continue;
      const key = listings[j]!.key;
      const next = this.keys.length;
      const found = this.keyIndex.getOrAddHashed(key, hashes[j]!, next);
      if (found >= 0) {
        rows[j] = found;
      } else {
        this.keys.push(key);
        rows[j] = next;
      }
    }
    return rows;
  }

  /**
   * Which listings of a batch to apply, given each one's row (from `rowsFor`):
   * the last listing of each row (a later listing updates an earlier one),
   * those of existing rows first, then those of new rows in row order (the
   * order `appendRow` fills them in). Batch positions.
   */
  lastOfEachRow(rows: Int32Array): Int32Array {
    const existing = this.rowCount;
    const fresh = newScratch(this.keys.length - existing).fill(-1);
    const d = this.rows.data;
    for (let j = 0; j < rows.length; j++) {
      const i = rows[j]!;
      if (i < existing) d[i * ROW + MARK] = j + 1;
      else fresh[i - existing] = j;
    }
    const order = newScratch(rows.length);
    let count = 0;
    for (let j = 0; j < rows.length; j++) {
      const i = rows[j]!;
      if (i < existing && d[i * ROW + MARK] === j + 1) order[count++] = j;
    }
    for (let o = 0; o < count; o++) d[rows[order[o]!]! * ROW + MARK] = 0;
    for (let k = 0; k < fresh.length; k++) if (fresh[k]! >= 0) order[count++] = fresh[k]!;
    release(fresh);
    return order.subarray(0, count);
  }

  /**
   * A first load's keys, all at once (`hashes[j]` is `hashString(keys[j])`;
   * the array is kept): rows `0 … keys.length - 1` will be these listings, in
   * order (`appendRow` then fills them). The index is built on the helper
   * thread (when given one) until `finish`, which says false, with nothing
   * changed, when a key repeats. Only for a state with no rows.
   */
  beginAddKeys(keys: string[], hashes: Int32Array, helper: HelperThread | null): HelperJob<boolean> {
    const job = StringIndex.build(keys, hashes, helper);
    return {
      finish: () => {
        const index = job.finish();
        if (index === null) return false;
        this.keys = keys;
        this.keyIndex = index;
        this.rows.reserveMore(keys.length * ROW);
        return true;
      },
    };
  }

  /** Fill the next row (its key is in `keys` already); returns its index. */
  appendRow(sku: number, status: number, title: string | undefined): number {
    const i = this.rows.length / ROW;
    if (title !== undefined || this.titles.length > 0) this.setTitle(i, title);
    this.rows.reserveMore(ROW);
    const at = i * ROW;
    const d = this.rows.data;
    d[at + SKU] = sku;
    d[at + STATUS] = status;
    d[at + MATCH] = MATCH_UNKNOWN;
    d[at + MARK] = 0;
    this.rows.length = at + ROW;
    if (this.chained) this.link(i, sku);
    return i;
  }

  /**
   * Fill the next rows with a batch of listings (their keys are in `keys`
   * already), each with its SKU id and match (`skus[j]`, `matches[j]`); the
   * caller then adds their counts (`contribute`).
   */
  appendRows(
    listings: readonly { readonly status: ListingStatus; readonly title?: string }[],
    skus: Int32Array,
    matches: Int32Array,
  ): void {
    const first = this.rowCount;
    this.rows.reserveMore(listings.length * ROW);
    const d = this.rows.data;
    let titled = this.titles.length > 0;
    for (let j = 0; j < listings.length; j++) {
      const listing = listings[j]!;
      const at = (first + j) * ROW;
      d[at + SKU] = skus[j]!;
      d[at + STATUS] = LISTING_STATUS_CODE[listing.status];
      d[at + MATCH] = matches[j]!;
      d[at + MARK] = 0;
      if (listing.title !== undefined) titled = true;
    }
    this.rows.length = (first + listings.length) * ROW;
    for (let j = 0; titled && j < listings.length; j++) this.setTitle(first + j, listings[j]!.title);
    for (let j = 0; this.chained && j < listings.length; j++) this.link(first + j, skus[j]!);
  }

  /** Change a row's SKU, status and title (match not yet resolved). */
  update(i: number, sku: number, status: number, title: string | undefined): void {
    const d = this.rows.data;
    const before = d[i * ROW + SKU]!;
    if (before !== sku) {
      if (this.chained) this.unlink(i, before);
      d[i * ROW + SKU] = sku;
      if (this.chained) this.link(i, sku);
    }
    d[i * ROW + STATUS] = status;
    if (title !== undefined || this.titles.length > 0) this.setTitle(i, title);
  }

  /** Row `i`'s SKU id (-1: none). */
  skuOf(i: number): number {
    return this.rows.data[i * ROW + SKU]!;
  }

  /** Row `i`'s status code (see `LISTING_STATUS_CODE`). */
  statusOf(i: number): number {
    return this.rows.data[i * ROW + STATUS]! & STATUS_BITS;
  }

  /** Row `i`'s item ordinal, or a `MATCH_*` code. */
  matchOf(i: number): number {
    return this.rows.data[i * ROW + MATCH]!;
  }

  /** True when row `i` matched through an explicit mapping. */
  viaMapping(i: number): boolean {
    return (this.rows.data[i * ROW + STATUS]! & VIA_MAPPING) !== 0;
  }

  /** Set row `i`'s match (the caller takes its counts back first and adds them after). */
  setMatch(i: number, match: number, viaMapping: boolean): void {
    const d = this.rows.data;
    d[i * ROW + MATCH] = match;
    d[i * ROW + STATUS] = (d[i * ROW + STATUS]! & STATUS_BITS) | (viaMapping ? VIA_MAPPING : 0);
  }

  /** The title of row `i`, when listings came with titles. */
  title(i: number): string | undefined {
    return this.titles[i];
  }

  private setTitle(i: number, title: string | undefined): void {
    while (this.titles.length < i) this.titles.push(undefined);
    this.titles[i] = title;
  }

  /** Add (`sign` 1) or take back (`sign` -1) row `i`'s share of every count. */
  contribute(i: number, sign: 1 | -1): void {
    const d = this.rows.data;
    this.count(d[i * ROW + SKU]!, d[i * ROW + STATUS]! & STATUS_BITS, d[i * ROW + MATCH]!, sign);
  }

  /**
   * Each row's SKU, status and match, three ints per row in `order` (batch
   * positions into `rows`), for `recount` after the rows change.
   */
  readRows(rows: Int32Array, order: Int32Array): Int32Array {
    const d = this.rows.data;
    const existing = this.rowCount;
    const out = newScratch(order.length * 3);
    for (let o = 0; o < order.length; o++) {
      const i = rows[order[o]!]!;
      if (i >= existing) continue;
      out[o * 3] = d[i * ROW + SKU]!;
      out[o * 3 + 1] = d[i * ROW + STATUS]! & STATUS_BITS;
      out[o * 3 + 2] = d[i * ROW + MATCH]!;
    }
    return out;
  }

  /**
   * Move row `i`'s share of the counts from what it was (`before[at … at + 2]`,
   * from `readRows`) to what it is. A row that kept its SKU and match (a status
   * change, or the same listing again) touches no per-item or per-SKU count.
   */
  recount(i: number, before: Int32Array, at: number): void {
    const d = this.rows.data;
    const sku = d[i * ROW + SKU]!;
    const status = d[i * ROW + STATUS]! & STATUS_BITS;
    const match = d[i * ROW + MATCH]!;
    const wasSku = before[at]!;
    const wasStatus = before[at + 1]!;
    const wasMatch = before[at + 2]!;
    if (sku === wasSku && match === wasMatch && (status === DELETED) === (wasStatus === DELETED)) {
      const liveChange = (status === LIVE ? 1 : 0) - (wasStatus === LIVE ? 1 : 0);
      if (status === DELETED || liveChange === 0) return;
      this.live += liveChange;
      if (match < 0) this.notInPosByReason[-match - 1]! += liveChange;
      return;
    }
    this.count(wasSku, wasStatus, wasMatch, -1);
    this.count(sku, status, match, 1);
  }

  private count(sku: number, status: number, match: number, sign: 1 | -1): void {
    if (status === DELETED) {
      this.deleted += sign;
      return;
    }
    this.listings += sign;
    const live = status === LIVE;
    if (live) this.live += sign;
    if (match >= 0) {
      this.matchedListings += sign;
      const before = this.itemCount.data[match]!;
      this.itemCount.data[match] = before + sign;
      this.countGroup(before, before + sign, true);
      return;
    }
    if (live) this.notInPosByReason[-match - 1]! += sign;
    if (sku < 0) return;
    this.unmatchedSkuCount.extendTo(sku + 1, 0);
    const before = this.unmatchedSkuCount.data[sku]!;
    this.unmatchedSkuCount.data[sku] = before + sign;
    this.countGroup(before, before + sign, false);
  }

  private countGroup(before: number, after: number, isItem: boolean): void {
    if (isItem) {
      if (before === 0 && after === 1) this.soldInChannel++;
      else if (before === 1 && after === 0) this.soldInChannel--;
    }
    if (before === 1 && after === 2) this.multipleListingGroups++;
    else if (before === 2 && after === 1) this.multipleListingGroups--;
  }

  /** Call `fn` with every row whose SKU id is `sku`. */
  forEachWithSku(sku: number, fn: (i: number) => void): void {
    if (!this.chained) this.buildChains();
    if (sku >= this.skuHead.length) return;
    for (let i = this.skuHead.data[sku]!; i >= 0; i = this.next.data[i]!) fn(i);
  }

  /** Rows in a group of two or more: same matched item, or same unmatched SKU. */
  isMultipleListed(i: number): boolean {
    if (this.statusOf(i) === DELETED) return false;
    const match = this.matchOf(i);
    if (match >= 0) return this.itemCount.data[match]! >= 2;
    const sku = this.skuOf(i);
    return sku >= 0 && sku < this.unmatchedSkuCount.length && this.unmatchedSkuCount.data[sku]! >= 2;
  }

  /** Why live row `i` is in Not In POS, or null when it is not. */
  notInPosReason(i: number): NotInPosReason | null {
    if (this.statusOf(i) !== LIVE) return null;
    const match = this.matchOf(i);
    return match >= 0 ? null : REASONS[-match - 1]!;
  }

  counts(): ChannelCounts {
    const [empty, unknown, conflict] = this.notInPosByReason as [number, number, number];
    return {
      listings: this.listings,
      live: this.live,
      deleted: this.deleted,
      matchedListings: this.matchedListings,
      soldInChannel: this.soldInChannel,
      notInPos: empty + unknown + conflict,
      notInPosByReason: { 'empty-sku': empty, 'unknown-sku': unknown, conflict },
      multipleListingGroups: this.multipleListingGroups,
    };
  }

  private buildChains(): void {
    this.chained = true;
    this.next.extendTo(this.size, -1);
    this.prev.extendTo(this.size, -1);
    for (let i = this.size - 1; i >= 0; i--) this.link(i, this.skuOf(i));
  }

  private link(i: number, sku: number): void {
    this.next.extendTo(i + 1, -1);
    this.prev.extendTo(i + 1, -1);
    if (sku < 0) return;
    this.skuHead.extendTo(sku + 1, -1);
    const head = this.skuHead.data[sku]!;
    this.next.data[i] = head;
    this.prev.data[i] = -1;
    if (head >= 0) this.prev.data[head] = i;
    this.skuHead.data[sku] = i;
  }

  private unlink(i: number, sku: number): void {
    if (sku < 0) return;
    const next = this.next.data[i]!;
    const prev = this.prev.data[i]!;
    if (prev >= 0) this.next.data[prev] = next;
    else this.skuHead.data[sku] = next;
    if (next >= 0) this.prev.data[next] = prev;
  }
}
