/** Below this many values a plain `Int32Array` is as good (and cheaper to make). */
const SHARED_FROM = 4096;

/**
 * A zeroed `Int32Array` of `length` values for the classifier's columns and
 * tables, backed by a `SharedArrayBuffer` when it is big.
 *
 * Why shared memory: V8 counts every `ArrayBuffer` as external memory and
 * starts a full garbage collection for each 64 MB of it, whatever the heap
 * holds. A first load of 1M items and 3 × 1M listings allocates about 200 MB
 * of columns that live as long as the classifier, so it paid three or four
 * collections of the host's whole heap (about 100–300 ms each at a few
 * million live objects, see `bench/classify.ts`), freeing nothing. Memory of
 * a `SharedArrayBuffer` is not counted that way; it is read and written
 * exactly as an `ArrayBuffer` is, and freed with its last reference.
 */
export function newInt32Array(length: number): Int32Array {
  if (length < SHARED_FROM || typeof SharedArrayBuffer !== 'function') return new Int32Array(length);
  return new Int32Array(new SharedArrayBuffer(length * 4));
}
