import { type HelperJob, type HelperThread, LANE } from './helper-thread';
import { isShared, newColumn, newScratch, release } from './int32-array';
import { slotOrder } from './kernels';

const EMPTY = -1;
const TOMBSTONE = -2;
/**
 * Resize above this share of slots in use. A probe reads the slot's hash
 * beside its position, and eight slots share a cache line, so a fuller table
 * costs few extra cache misses while its smaller size costs fewer TLB and
 * cache misses on every lookup.
 */
const MAX_LOAD = 0.75;
/**
 * Ints for the pairs of equal hashes `build` compares: room for 8192
 * pairs, where about 120 are expected among a million distinct keys (a key
 * repeated many times makes more, and the batch is then redone here).
 */
const PAIR_INTS = 1 << 14;

/**
 * A hash index from strings to the positions they hold in an array the owner
 * keeps (`keys[id] === key`): open addressing over two `Int32Array`s.
 *
 * Why not a `Map`: at millions of keys, a `Map` pays for V8's per-string hash
 * on first sight and for pointer-chasing on every probe; this index keeps the
 * hash beside the slot, so a probe reads a string only when the hashes agree.
 * In `bench/classify.ts` it makes the full classification about 3x faster.
 */
export class StringIndex {
  /** Slot `s` holds the position at `2s` (or EMPTY / TOMBSTONE) and the key's hash at `2s + 1`: one cache line per probe. */
  private table: Int32Array;
  private mask: number;
  private used = 0;

  /** `keys` is the owner's array: the index stores positions in it. */
  constructor(
    private readonly keys: readonly string[],
    expected = 16,
    /** False: the table is left zeroed, for `build`'s helper job to fill (its pages are then first touched there). */
    fill = true,
  ) {
    let capacity = 16;
    while (expected > capacity * MAX_LOAD) capacity *= 2;
    this.table = newColumn(capacity * 2);
    if (fill) this.table.fill(EMPTY);
    this.mask = capacity - 1;
  }

  /**
   * A new index of all of `keys` (`hashes[j]` is `hashString(keys[j])`),
   * built in slot order: by `sweepInsert` on the helper thread when there is
   * one and `hashes` is shared, else by `addRange`. `finish` returns it, or
   * null when a key repeats.
   */
  static build(
    keys: readonly string[],
    hashes: Int32Array,
    helper: HelperThread | null,
  ): HelperJob<StringIndex | null> {
    const parallel = helper !== null && isShared(hashes);
    const index = new StringIndex(keys, keys.length, !parallel);
    const here = () => (index.addRange(0, hashes) >= 0 ? null : index);
    if (!parallel || !isShared(index.table)) {
      if (parallel) index.table.fill(EMPTY);
      const result = here();
      return { finish: () => result };
    }
    const pairs = helper.lane(LANE.sweepPairs, PAIR_INTS);
    const job = helper.sweep(index.table, index.mask, hashes, pairs);
    return {
      finish: () => {
        const found = job.finish();
        if (found >= 0) return index.settleRange(keys.length, found, pairs) >= 0 ? null : index;
        // Too many pairs to compare, or the helper failed (and may still write the old table): redo it here.
        index.table = newColumn(index.table.length).fill(EMPTY);
        return here();
      },
    };
  }

  /** How many keys fit before the table must grow. */
  room(): number {
    return Math.floor(this.capacity * MAX_LOAD) - this.used;
  }

  /** Count `count` keys a kernel put in the table (`internSkus`). */
  noteAdded(count: number): void {
    this.used += count;
  }

  /** The table and mask, for a kernel that works on it (`internSkus`); read them afresh after any insert. */
  get probeTarget(): { table: Int32Array; mask: number } {
    return { table: this.table, mask: this.mask };
  }

  /** The position of `key`, or -1. */
  get(key: string): number {
    return this.getHashed(key, hashString(key));
  }

  /** `get` for a key whose `hashString` the caller already has (one pass over the string instead of two). */
  getHashed(key: string, hash: number): number {
    const { table, mask, keys } = this;
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const id = table[slot * 2]!;
      if (id === EMPTY) return -1;
      if (id >= 0 && table[slot * 2 + 1] === hash && keys[id] === key) return id;
    }
  }

  /** True when some key in the index has this hash (its string may still differ). */
  holdsHash(hash: number): boolean {
    const { table, mask } = this;
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const id = table[slot * 2]!;
      if (id === EMPTY) return false;
      if (id >= 0 && table[slot * 2 + 1] === hash) return true;
    }
  }

  /**
   * For each hash (the caller releases the result), the position of the first key in the index with that hash,
   * or -1: what `getHashed` would find, before comparing the strings (the
   * caller checks `keys[candidate] === key`, and asks `getHashed` again when
   * that fails). A batch's lookups split so, the probe of every key and then
   * the comparison of every key, each in a loop of its own: a lookup waits on
   * memory at each step, and a loop doing one step overlaps the waits of
   * many keys.
   */
  candidates(hashes: Int32Array): Int32Array {
    const { table, mask } = this;
    const out = newScratch(hashes.length);
    for (let j = 0; j < hashes.length; j++) {
      const hash = hashes[j]!;
      let slot = hash & mask;
      let id = table[slot * 2]!;
      while (id !== EMPTY && (id < 0 || table[slot * 2 + 1] !== hash)) {
        slot = (slot + 1) & mask;
        id = table[slot * 2]!;
      }
      out[j] = id;
    }
    return out;
  }

  /**
   * The position of `key`; when absent, record it at `id` (the caller then
   * stores `keys[id] = key`) and return -1. One probe instead of two.
   */
  getOrAdd(key: string, id: number): number {
    return this.getOrAddHashed(key, hashString(key), id);
  }

  /** `getOrAdd` for a key whose `hashString` the caller already has. */
  getOrAddHashed(key: string, hash: number, id: number): number {
    if (this.used + 1 > this.capacity * MAX_LOAD) this.resize(this.capacity * 2);
    const { table, mask, keys } = this;
    let free = -1;
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const found = table[slot * 2]!;
      if (found === EMPTY) {
        const at = free >= 0 ? free : slot;
        table[at * 2] = id;
        table[at * 2 + 1] = hash;
        this.used++;
        return -1;
      }
      if (found === TOMBSTONE) {
        if (free < 0) free = slot;
      } else if (table[slot * 2 + 1] === hash && keys[found] === key) {
        return found;
      }
    }
  }

  /**
   * Add the keys at positions `first`, `first + 1`, … of the owner's array
   * (`hashes[j]` is `hashString(keys[first + j])`; none of them in the index
   * yet), visiting them in the order of their home slots so the table is
   * written front to back instead of at random: at millions of keys that
   * turns a cache miss per key into a sequential sweep.
   *
   * Returns -1, or the position of a key equal to an earlier key of the batch;
   * the index is then partly filled and the caller must discard it.
   */
  addRange(first: number, hashes: Int32Array): number {
    const count = hashes.length;
    this.reserve(count);
    const order = slotOrder(hashes, this.mask);
    const { table, mask, keys } = this;
    for (let o = 0; o < count; o++) {
      const j = order[o]!;
      const hash = hashes[j]!;
      let slot = hash & mask;
      for (; ; slot = (slot + 1) & mask) {
        const found = table[slot * 2]!;
        if (found === EMPTY) break;
        // The batch's own key is read only here: at random positions, each read is a cache miss.
        if (found >= 0 && table[slot * 2 + 1] === hash && keys[found] === keys[first + j]) {
          release(order);
          return first + j;
        }
      }
      table[slot * 2] = first + j;
      table[slot * 2 + 1] = hash;
    }
    release(order);
    this.used += count;
    return -1;
  }

  /** After `sweepInsert` added `count` keys: compare the strings of its `found` pairs of equal hashes. */
  private settleRange(count: number, found: number, pairs: Int32Array): number {
    const keys = this.keys;
    for (let p = 0; p < found; p++) {
      if (keys[pairs[p * 2]!] === keys[pairs[p * 2 + 1]!]) return pairs[p * 2 + 1]!;
    }
    this.used += count;
    return -1;
  }

  /** Make room for `extra` more keys without resizing on the way. */
  reserve(extra: number): void {
    let capacity = this.capacity;
    while (this.used + extra > capacity * MAX_LOAD) capacity *= 2;
    if (capacity > this.capacity) this.resize(capacity);
  }

  /** Forget `key` (its slot becomes a tombstone). */
  delete(key: string): void {
    const hash = hashString(key);
    const { table, mask, keys } = this;
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const id = table[slot * 2]!;
      if (id === EMPTY) return;
      if (id >= 0 && table[slot * 2 + 1] === hash && keys[id] === key) {
        table[slot * 2] = TOMBSTONE;
        return;
      }
    }
  }

  private get capacity(): number {
    return this.mask + 1;
  }

  private place(hash: number, id: number): void {
    const { table, mask } = this;
    let slot = hash & mask;
    while (table[slot * 2]! >= 0) slot = (slot + 1) & mask;
    table[slot * 2] = id;
    table[slot * 2 + 1] = hash;
  }

  private resize(capacity: number): void {
    const old = this.table;
    this.table = newColumn(capacity * 2).fill(EMPTY);
    this.mask = capacity - 1;
    this.used = 0;
    for (let slot = 0; slot < old.length; slot += 2) {
      if (old[slot]! < 0) continue;
      this.place(old[slot + 1]!, old[slot]!);
      this.used++;
    }
    release(old);
  }
}

/** FNV-1a over UTF-16 code units, then murmur3's finaliser so the low bits spread. */
export function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}
