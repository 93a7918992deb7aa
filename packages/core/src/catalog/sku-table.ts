import { IntColumn } from './int-column';
import { newScratch } from './int32-array';
import { StringIndex } from './string-index';

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
  private readonly index = new StringIndex(this.names);
  private readonly packed = new IntColumn();

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
    const packed = new Int32Array(PACKED);
    const hash = hashAndPack(sku, packed, 0);
    const next = this.names.length;
    const id = this.index.getOrAddHashed(sku, hash, next);
    if (id >= 0) return id;
    this.add(sku, packed, 0);
    return next;
  }

  /**
   * The ids (scratch: the caller releases them) of a batch of normalised SKUs (null: `NO_SKU`), interning new
   * ones; `hashes` and `packed` are from `hashAndPack`. In passes, each a
   * tight loop: probe the index for every SKU, compare every candidate, then
   * add what was not found. A lookup in a million-entry index waits on memory
   * at each step; a loop doing one step overlaps the waits of many lookups.
   */
  internAll(names: readonly (string | null)[], hashes: Int32Array, packed: Int32Array): Int32Array {
    const ids = this.names.length === 0 ? newScratch(names.length).fill(-1) : this.index.candidates(hashes);
    const known = this.packed.data;
    for (let j = 0; j < names.length; j++) {
      const id = ids[j]!;
      if (id >= 0 && !samePacked(known, id * PACKED, packed, j * PACKED, this.names[id]!, names[j]!)) ids[j] = -1;
    }
    for (let j = 0; j < names.length; j++) {
      if (ids[j]! >= 0) continue;
      const sku = names[j]!;
      if (sku === null) {
        ids[j] = NO_SKU;
        continue;
      }
      const next = this.names.length;
      const id = this.index.getOrAddHashed(sku, hashes[j]!, next);
      if (id >= 0) {
        ids[j] = id;
      } else {
        this.add(sku, packed, j * PACKED);
        ids[j] = next;
      }
    }
    return ids;
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
 * Two SKUs packed by `hashAndPack` are the same: their ints, or (when too
 * long or not Latin-1 to pack) their strings.
 */
function samePacked(a: Int32Array, i: number, b: Int32Array, j: number, aName: string, bName: string): boolean {
  if (a[i] !== b[j]) return false;
  if (a[i] === NOT_SHORT) return aName === bName;
  return a[i + 1] === b[j + 1] && a[i + 2] === b[j + 2] && a[i + 3] === b[j + 3];
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
