/** Below this many values a column lives in ordinary memory (cheaper to make; its garbage is counted). */
const SHARED_FROM = 4096;

/**
 * A zeroed `Int32Array` for a long-lived column or index table, backed by a
 * `SharedArrayBuffer` when it is big.
 *
 * Why shared memory: V8 counts every `ArrayBuffer` as external memory and
 * starts a full garbage collection for each 64 MB of it, whatever the heap
 * holds. A first load of 1M items and 3 × 1M listings keeps about 200 MB of
 * columns for as long as the classifier lives, so it paid three or four
 * collections of the host's whole heap (100–330 ms each at a few million
 * live objects, see `bench/classify.ts`), freeing nothing. Memory of a
 * `SharedArrayBuffer` is not counted that way; it is read and written exactly
 * as an `ArrayBuffer` is. The price: when a column is dropped, V8 frees it
 * only when a full collection happens for another reason. So only columns
 * live here; scratch for one call is `newScratch` and is released at once.
 * Being shared also lets the classifier's helper thread (`helper-thread.ts`)
 * work on the big columns and tables.
 */
export function newColumn(length: number): Int32Array {
  if (length < SHARED_FROM || typeof SharedArrayBuffer !== 'function') return new Int32Array(length);
  return new Int32Array(new SharedArrayBuffer(length * 4));
}

/** A zeroed `Int32Array` for the duration of one call: give it back with `release` when done. */
export function newScratch(length: number): Int32Array {
  return new Int32Array(length);
}

/**
 * Free arrays now (scratch from `newScratch`, or a column's outgrown
 * ordinary array): their memory goes back at once and never counts toward a
 * collection. An array must not be read after it is released. Shared memory
 * cannot be freed this way and is left to the collector.
 */
export function release(...arrays: (Int32Array | null | undefined)[]): void {
  for (const array of arrays) {
    const buffer = array?.buffer as { detached?: boolean; transfer?: (length: number) => unknown } | undefined;
    if (!buffer || buffer.detached || (typeof SharedArrayBuffer === 'function' && buffer instanceof SharedArrayBuffer))
      continue;
    buffer.transfer?.(0);
  }
}

/** True when `array` is on a `SharedArrayBuffer` (another thread can work on it). */
export function isShared(array: Int32Array): boolean {
  return typeof SharedArrayBuffer === 'function' && array.buffer instanceof SharedArrayBuffer;
}
