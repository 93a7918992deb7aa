/**
 * The integer loops of the classifier's indexes that can run on the helper
 * thread (`helper-thread.ts`) as well as on the caller's.
 *
 * Each is self-contained: no imports, no module constants, nothing but its
 * arguments, because the helper thread runs their source text (a worker
 * cannot read the caller's JS strings or modules, only shared memory). The
 * layouts are those of `StringIndex` (slot `s`: position at `2s`, hash at
 * `2s + 1`, -1 empty, -2 tombstone) and `SkuTable` (4 ints per SKU: length or
 * -1 when not packable, then three ints of characters).
 */

/**
 * Intern SKUs `from … to - 1` of a batch: for each, the id of the SKU in the
 * index with the same hash and packed form, into `ids`; a SKU not there is
 * added under the next id (`grow[0]`, its packed form written to `known`)
 * while there is room (`grow[1]` more; both are updated).
 *
 * Left to the caller (`ids[j]` -1): no SKU (`packed[4j]` 0), a SKU too long
 * to pack (-1: its strings must be compared), and new SKUs past the room.
 */
export function internSkus(
  table: Int32Array,
  mask: number,
  known: Int32Array,
  hashes: Int32Array,
  packed: Int32Array,
  ids: Int32Array,
  from: number,
  to: number,
  grow: Int32Array,
): void {
  // Three passes, each a tight loop so the waits on memory of many SKUs overlap: the first id with each
  // hash; a check of its packed form; then a full probe (and an insert) for what the first two did not settle.
  for (let j = from; j < to; j++) {
    if (packed[j * 4]! <= 0) {
      ids[j] = -1;
      continue;
    }
    const hash = hashes[j]!;
    let slot = hash & mask;
    let id = table[slot * 2]!;
    while (id !== -1 && (id < 0 || table[slot * 2 + 1] !== hash)) {
      slot = (slot + 1) & mask;
      id = table[slot * 2]!;
    }
    ids[j] = id;
  }
  for (let j = from; j < to; j++) {
    const id = ids[j]!;
    if (id < 0) continue;
    const a = id * 4;
    const b = j * 4;
    if (
      known[a] !== packed[b] ||
      known[a + 1] !== packed[b + 1] ||
      known[a + 2] !== packed[b + 2] ||
      known[a + 3] !== packed[b + 3]
    )
      ids[j] = -1;
  }
  let next = grow[0]!;
  let room = grow[1]!;
  for (let j = from; j < to; j++) {
    const b = j * 4;
    const length = packed[b]!;
    if (ids[j]! >= 0 || length <= 0) continue;
    const hash = hashes[j]!;
    let slot = hash & mask;
    let id = table[slot * 2]!;
    while (id !== -1) {
      if (id >= 0 && table[slot * 2 + 1] === hash) {
        const a = id * 4;
        if (
          known[a] === length &&
          known[a + 1] === packed[b + 1] &&
          known[a + 2] === packed[b + 2] &&
          known[a + 3] === packed[b + 3]
        )
          break;
      }
      slot = (slot + 1) & mask;
      id = table[slot * 2]!;
    }
    if (id === -1) {
      if (room === 0) continue;
      id = next++;
      room--;
      table[slot * 2] = id;
      table[slot * 2 + 1] = hash;
      const a = id * 4;
      known[a] = length;
      known[a + 1] = packed[b + 1]!;
      known[a + 2] = packed[b + 2]!;
      known[a + 3] = packed[b + 3]!;
    }
    ids[j] = id;
  }
  grow[0] = next;
  grow[1] = room;
}

/**
 * Fill an empty index table (zeroed memory: every slot is first set empty)
 * with positions `j` of hashes `hashes[j]`, in the order of their home slots
 * (the table is written front to back, not at random).
 *
 * Strings cannot be read here, so each pair of positions with the same hash
 * goes into `pairs` (two ints each) for the caller to compare. Returns the
 * number of pairs, or -1 when `pairs` is too small to hold them all (a key
 * repeated many times makes many pairs; the table is then partly filled and
 * must be discarded).
 */
export function sweepInsert(table: Int32Array, mask: number, hashes: Int32Array, pairs: Int32Array): number {
  const count = hashes.length;
  table.fill(-1);
  const order = slotOrder(hashes, mask);
  let found = 0;
  for (let o = 0; o < count; o++) {
    const j = order[o]!;
    const hash = hashes[j]!;
    let slot = hash & mask;
    for (; ; slot = (slot + 1) & mask) {
      const at = table[slot * 2]!;
      if (at === -1) break;
      if (at >= 0 && table[slot * 2 + 1] === hash) {
        if (found * 2 + 1 >= pairs.length) return -1;
        pairs[found * 2] = at;
        pairs[found * 2 + 1] = j;
        found++;
      }
    }
    table[slot * 2] = j;
    table[slot * 2 + 1] = hash;
  }
  return found;
}

/**
 * Batch positions (0 … hashes.length - 1) sorted by their home slot's high
 * bits: a counting sort, two sequential passes.
 */
export function slotOrder(hashes: Int32Array, mask: number): Int32Array {
  const slotBits = 32 - Math.clz32(mask);
  const shift = Math.max(0, slotBits - 16);
  const starts = new Int32Array((mask >>> shift) + 2);
  for (let j = 0; j < hashes.length; j++) starts[((hashes[j]! & mask) >>> shift) + 1]!++;
  for (let b = 1; b < starts.length; b++) starts[b]! += starts[b - 1]!;
  const order = new Int32Array(hashes.length);
  for (let j = 0; j < hashes.length; j++) order[starts[(hashes[j]! & mask) >>> shift]!++] = j;
  return order;
}
