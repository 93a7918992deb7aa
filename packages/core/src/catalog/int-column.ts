import { newColumn, release } from './int32-array';

/**
 * A growable column of 32-bit integers: half the memory of a JS number array
 * and no holes, for the classifier's per-listing and per-item state.
 */
export class IntColumn {
  data: Int32Array;
  length = 0;

  constructor(capacity = 16) {
    this.data = newColumn(Math.max(16, capacity));
  }

  /** Append a value; returns its index. */
  push(value: number): number {
    if (this.length === this.data.length) this.reserve(this.length * 2);
    this.data[this.length] = value;
    return this.length++;
  }

  /** Grow to `length`, filling new slots with `fill`. */
  extendTo(length: number, fill: number): void {
    if (length <= this.length) return;
    if (length > this.data.length) this.reserve(Math.max(length, this.data.length * 2));
    this.data.fill(fill, this.length, length);
    this.length = length;
  }

  /** Make room for `extra` more values without growing on the way. */
  reserveMore(extra: number): void {
    const needed = this.length + extra;
    if (needed > this.data.length) this.reserve(Math.max(needed, this.data.length * 2));
  }

  private reserve(capacity: number): void {
    const next = newColumn(capacity);
    next.set(this.data.subarray(0, this.length));
    release(this.data);
    this.data = next;
  }
}
