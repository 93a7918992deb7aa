import type { SkuNormalizer } from '../matching/normalize-sku';
import { type HelperThread, LANE } from './helper-thread';
import { isShared, newScratch } from './int32-array';
import { hashAndPack, NO_SKU, PACKED, type SkuTable } from './sku-table';
import { hashString } from './string-index';

/** Listings per block of `readListings`: enough misses in flight, few enough strings to stay in cache. */
const READ_BLOCK = 32;
/** How often a read tells the helper how far it has read (a multiple of `READ_BLOCK`). */
const PUBLISH_EVERY = 1 << 11;

/** What a batch reader needs of a listing or an item. */
interface KeyedSku {
  readonly sku: string | null;
}

/**
 * SKUs being interned as a batch is read (the read fills `skuHashes` and
 * `skuPacked` and calls `publish`). `finish` returns the SKU ids (scratch or
 * the helper's: `release` them). A caller that throws between the read and
 * `finish` must call `abort`, which stops the helper's job and forgets what
 * it interned; after `finish`, `abort` does nothing.
 */
export interface SkuIntern {
  skuHashes: Int32Array;
  skuPacked: Int32Array;
  publish: ((done: number) => void) | null;
  finish(names: readonly (string | null)[]): Int32Array;
  abort(): void;
}

/** A batch of listings read: normalised SKUs, their interning under way, and the keys' hashes (and keys, when asked). */
export interface ListingsRead {
  skuNames: (string | null)[];
  interning: SkuIntern;
  keyHashes: Int32Array;
  keys: string[] | null;
}

/**
 * Reads batches of listings and items for the classifier: normalises and
 * hashes their strings (which only this thread can read) and interns their
 * SKUs in `skus`, on the helper thread when one is given. `grown` is told
 * whenever SKUs were added, so per-SKU state can grow with the table.
 */
export class BatchReader {
  /** A sink for `touchStrings`, so the compiler keeps its reads. */
  private touchedChars = 0;

  constructor(
    readonly normalize: SkuNormalizer,
    private readonly skus: SkuTable,
    private readonly grown: () => void,
  ) {}

  /** The id of one raw SKU (`NO_SKU` when it normalises to nothing), interned when new. */
  internSku(raw: string | null | undefined): number {
    const sku = this.normalize(raw);
    if (sku === null) return NO_SKU;
    const id = this.skus.intern(sku);
    this.grown();
    return id;
  }

  /**
   * The first pass over a batch of listings: each one's normalised SKU and
   * the hashes of its SKU and key (and, with `withKeys`, the keys in an array
   * of their own), a block of listings at a time. With a helper, it interns
   * each part of the SKUs as soon as it is read.
   *
   * Why blocks: a listing's strings are often far from the listing.
   * `JSON.parse` interns short strings, so the SKU a channel's page repeats
   * is the string object parsed first, from another channel's page or hours
   * ago (and an updated listing's key is the one parsed when it was new):
   * reading them in listing order is a cache miss or two per listing. A loop
   * that only touches a block's strings has those misses in flight together;
   * hashing then finds the block in cache. In `bench/classify.ts` this halves
   * the pass for a first load's second and third channel, and for updates.
   */
  readListings(
    batch: readonly (KeyedSku & { readonly key: string })[],
    helper: HelperThread | null,
    withKeys: boolean,
  ): ListingsRead {
    const n = batch.length;
    const keyHashes = helper ? helper.lane(LANE.keyHashes, n) : newScratch(n);
    // Sized once: a million pushes would leave twice the array behind as garbage.
    const keys = withKeys ? new Array<string>(n) : null;
    const skuNames = new Array<string | null>(n);
    const interning = this.startIntern(n, helper);
    try {
      this.readBlocks(batch, interning, skuNames, keyHashes, keys);
    } catch (error) {
      interning.abort();
      throw error;
    }
    return { skuNames, interning, keyHashes, keys };
  }

  /** `readListings`' loop: in a method of its own, so its arrays are locals, not a closure's. */
  private readBlocks(
    batch: readonly (KeyedSku & { readonly key: string })[],
    { skuHashes, skuPacked, publish }: SkuIntern,
    skuNames: (string | null)[],
    keyHashes: Int32Array,
    keys: string[] | null,
  ): void {
    const n = batch.length;
    for (let from = 0; from < n; from += READ_BLOCK) {
      const to = Math.min(n, from + READ_BLOCK);
      this.touchedChars += touchStrings(batch, from, to);
      for (let j = from; j < to; j++) {
        const listing = batch[j]!;
        keyHashes[j] = hashString(listing.key);
        if (keys !== null) keys[j] = listing.key;
        this.readSku(listing.sku, j, skuNames, skuHashes, skuPacked);
      }
      if (publish !== null && (to % PUBLISH_EVERY === 0 || to === n)) publish(to);
    }
  }

  /** Items' SKUs (as `readListings` reads listings') and the hashes of their ids (scratch: release it). */
  readItems(items: readonly (KeyedSku & { readonly id: string })[], helper: HelperThread | null) {
    const n = items.length;
    const idHashes = newScratch(n);
    const names = new Array<string | null>(n);
    const interning = this.startIntern(n, helper);
    try {
      this.readItemSkus(items, interning, names, idHashes);
    } catch (error) {
      interning.abort();
      throw error;
    }
    return { names, interning, idHashes };
  }

  private readItemSkus(
    items: readonly (KeyedSku & { readonly id: string })[],
    { skuHashes, skuPacked, publish }: SkuIntern,
    names: (string | null)[],
    idHashes: Int32Array,
  ): void {
    const n = items.length;
    for (let j = 0; j < n; j++) {
      const item = items[j]!;
      idHashes[j] = hashString(item.id);
      this.readSku(item.sku, j, names, skuHashes, skuPacked);
      if (publish !== null && ((j + 1) % PUBLISH_EVERY === 0 || j + 1 === n)) publish(j + 1);
    }
  }

  /**
   * Interning a batch's SKUs as they are read: on the helper thread when
   * there is one (and the SKU table is in shared memory), else all in
   * `finish`.
   */
  private startIntern(n: number, helper: HelperThread | null): SkuIntern {
    const grow = helper?.lane(LANE.internGrow, 2);
    const job = grow && this.skus.internJob(n, grow);
    if (!helper || !job || !isShared(job.table) || !isShared(job.known)) {
      const skuHashes = newScratch(n);
      const skuPacked = newScratch(n * PACKED);
      return {
        skuHashes,
        skuPacked,
        publish: null,
        finish: (names) => this.internAll(names, skuHashes, skuPacked),
        abort: () => {},
      };
    }
    const skuHashes = helper.lane(LANE.skuHashes, n);
    const skuPacked = helper.lane(LANE.skuPacked, n * PACKED);
    const ids = helper.lane(LANE.skuIds, n);
    const interning = helper.intern({ ...job, hashes: skuHashes, packed: skuPacked, ids }, n);
    let settled = false;
    return {
      skuHashes,
      skuPacked,
      publish: interning.publish,
      finish: (names) => {
        let out = ids;
        if (interning.finish()) {
          this.skus.complete(names, skuHashes, skuPacked, ids, job.grow);
          this.grown();
        } else {
          this.skus.rebuild();
          out = this.internAll(names, skuHashes, skuPacked);
        }
        settled = true;
        return out;
      },
      abort: () => {
        if (settled) return;
        settled = true;
        // The helper may have interned SKUs whose names were never recorded: forget them.
        interning.cancel();
        interning.finish();
        this.skus.rebuild();
      },
    };
  }

  private internAll(names: readonly (string | null)[], hashes: Int32Array, packed: Int32Array): Int32Array {
    const ids = this.skus.internAll(names, hashes, packed);
    this.grown();
    return ids;
  }

  /** Normalise SKU `j` of a batch into `names[j]`, its hash into `hashes[j]` and packed form into `packed`. */
  private readSku(
    raw: string | null | undefined,
    j: number,
    names: (string | null)[],
    hashes: Int32Array,
    packed: Int32Array,
  ): void {
    const sku = this.normalize(raw);
    names[j] = sku;
    if (sku !== null) hashes[j] = hashAndPack(sku, packed, j * PACKED);
    // No SKU has length 0: a lookup of this one finds nothing, even in reused memory.
    else packed[j * PACKED] = 0;
  }
}

/** Read the key and SKU strings of `batch[from … to - 1]` (their lengths), to bring them into cache. */
function touchStrings(batch: readonly (KeyedSku & { readonly key: string })[], from: number, to: number): number {
  let chars = 0;
  for (let j = from; j < to; j++) {
    const listing = batch[j]!;
    const sku = listing.sku;
    chars += listing.key.length;
    if (sku !== null) chars += sku.length;
  }
  return chars;
}
