import { IntColumn } from './int-column';
import { newScratch, release } from './int32-array';
import { internSkus } from './kernels';
import { hashString, StringIndex } from './string-index';

/** The id of no SKU (a listing or item without one). */
export const NO_SKU = -1;
/** Ints per SKU in a packed column: see `hashAndPack`. */
export const PACKED = 4;
const SHORT_CHARS = 12;
const NOT_SHORT = -1;

/**
 * The normalised SKUs, interned to dense ids (never removed), each also kept
 * packed: up to 12 Latin-1 characters (most SKUs) fit in three ints beside
 * their length.
 *
 * Why packed: matching a million listings compares each one's SKU with the
 * candidate the index found. Comparing JS strings follows two pointers to
 * wherever the heap put them (the array of names, then the string), cache
 * misses both; comparing packed ints reads one place, indexed by SKU id.
 */
export class SkuTable {
  /** The SKUs by id. */
  readonly names: string[] = [];
  private index = new StringIndex(this.names);
  private packed = new IntColumn();
  /** `intern`'s packed form of one SKU, kept: a typed array per call would be an allocation per item. */
  private readonly one = new Int32Array(PACKED);

  /** How many SKUs are interned. */
  get size(): number {
    return this.names.length;
  }

  /** Make room for `extra` more SKUs without growing on the way. */
  reserve(extra: number): void {
    this.index.reserve(extra);
    this.packed.reserveMore(extra * PACKED);
  }

  /** The id of a normalised SKU, interned when new (a new id is the `size` before). */
  intern(sku: string): number {
    const hash = hashAndPack(sku, this.one, 0);
    const next = this.names.length;
    const id = this.index.getOrAddHashed(sku, hash, next);
    if (id >= 0) return id;
    this.add(sku, this.one, 0);
    return next;
  }

  /**
   * The ids (scratch: the caller releases them) of a batch of normalised
   * SKUs (null: `NO_SKU`), interning new ones; `hashes` and `packed` are from
   * `hashAndPack`. One tight loop does what it can on ints alone
   * (`internSkus`: SKUs that pack), then `complete` does the rest.
   */
  internAll(names: readonly (string | null)[], hashes: Int32Array, packed: Int32Array): Int32Array {
    const ids = newScratch(names.length);
    const job = this.internJob(names.length, newScratch(2));
    internSkus(job.table, job.mask, job.known, hashes, packed, ids, 0, names.length, job.grow);
    this.complete(names, hashes, packed, ids, job.grow);
    release(job.grow);
    return ids;
  }

  /**
   * What `internSkus` needs to intern up to `count` SKUs into this table, with
   * room made for the new ones it may add (`grow`, two ints, is filled: the
   * next id, and the room). Nothing else may change the table until
   * `complete`.
   */
  internJob(count: number, grow: Int32Array) {
    const room = Math.min(count, this.index.room());
    this.packed.reserveMore(room * PACKED);
    grow[0] = this.names.length;
    grow[1] = room;
    return { ...this.index.probeTarget, known: this.packed.data, grow };
  }

  /**
   * After `internSkus` over a whole batch (`ids`, `grow`): record the SKUs it
   * added, then intern what it left (SKUs too long to pack, and new SKUs past
   * its room) comparing strings. Fills `ids`.
   */
  complete(
    names: readonly (string | null)[],
    hashes: Int32Array,
    packed: Int32Array,
    ids: Int32Array,
    grow: Int32Array,
  ) {
    const added = grow[0]! - this.names.length;
    this.index.noteAdded(added);
    this.packed.length += added * PACKED;
    // New ids were given in batch order: the first time a batch position holds one, it is the next name.
    const known = this.names;
    const last = grow[0]!;
    for (let j = 0; j < names.length && known.length < last; j++) if (ids[j] === known.length) known.push(names[j]!);
    for (let j = 0; j < names.length; j++) {
      if (ids[j]! >= 0) continue;
      const sku = names[j]!;
      if (sku === null) {
        ids[j] = NO_SKU;
        continue;
      }
      const next = known.length;
      const id = this.index.getOrAddHashed(sku, hashes[j]!, next);
      if (id >= 0) {
        ids[j] = id;
      } else {
        this.add(sku, packed, j * PACKED);
        ids[j] = next;
      }
    }
  }

  /**
   * Rebuild the index and packed column from the SKUs interned so far, on
   * fresh memory: after a helper failed mid-job, the old ones may hold its
   * half-done inserts (and it may still write to them).
   */
  rebuild(): void {
    const packed = new IntColumn(this.names.length * PACKED);
    packed.data.set(this.packed.data.subarray(0, this.names.length * PACKED));
    packed.length = this.names.length * PACKED;
    this.packed = packed;
    const hashes = newScratch(this.names.length);
    for (let id = 0; id < this.names.length; id++) hashes[id] = hashString(this.names[id]!);
    // Interned SKUs never repeat, so the build always gives an index.
    this.index = StringIndex.build(this.names, hashes, null).finish()!;
    release(hashes);
  }

  private add(sku: string, packed: Int32Array, at: number): void {
    this.names.push(sku);
    const column = this.packed;
    column.reserveMore(PACKED);
    const data = column.data;
    const to = column.length;
    data[to] = packed[at]!;
    data[to + 1] = packed[at + 1]!;
    data[to + 2] = packed[at + 2]!;
    data[to + 3] = packed[at + 3]!;
    column.length = to + PACKED;
  }
}

/**
 * `hashString(sku)` (the same value) and, at `out[at … at + 3]`, the SKU
 * packed: its length and its characters, one byte each, when it has at most
 * 12 and all are Latin-1; else `NOT_SHORT` and zeros.
 */
export function hashAndPack(sku: string, out: Int32Array, at: number): number {
  let h = 0x811c9dc5;
  let short = sku.length <= SHORT_CHARS;
  let w1 = 0;
  let w2 = 0;
  let w3 = 0;
  for (let i = 0; i < sku.length; i++) {
    const c = sku.charCodeAt(i);
    h = Math.imul(h ^ c, 0x01000193);
    if (c > 0xff) short = false;
    if (i < 4) w1 |= c << (i * 8);
    else if (i < 8) w2 |= c << ((i - 4) * 8);
    else w3 |= c << ((i - 8) * 8);
  }
  if (short) {
    out[at] = sku.length;
    out[at + 1] = w1;
    out[at + 2] = w2;
    out[at + 3] = w3;
  } else {
    out[at] = NOT_SHORT;
    out[at + 1] = 0;
    out[at + 2] = 0;
    out[at + 3] = 0;
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}
