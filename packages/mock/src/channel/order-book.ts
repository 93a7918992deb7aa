import type { RawOrder } from './mock-api';

/** An order as the mock marketplace holds it. */
export interface OrderRow {
  readonly seq: number;
  raw: RawOrder;
}

/** Filters of an order read, as ISO times. */
export interface OrderFilter {
  updatedSince?: string | null;
  createdSince?: string | null;
  updatedBefore?: string | null;
}

/** The mock marketplace's orders, read in update-time order (then creation order). */
export class OrderBook {
  private readonly rows = new Map<string, OrderRow>();
  private sorted: OrderRow[] | null = null;
  private seq = 0;
  private nextId = 2000001;

  /** A fresh order id and number. */
  nextIds(): { id: string; number: string } {
    const id = String(this.nextId++);
    return { id, number: `MK-${id}` };
  }

  add(raw: RawOrder): OrderRow {
    const row = { seq: ++this.seq, raw };
    this.rows.set(raw.order_id, row);
    this.sorted = null;
    return row;
  }

  get(id: string): OrderRow | undefined {
    return this.rows.get(id);
  }

  update(row: OrderRow, patch: Partial<RawOrder>, now: string): void {
    row.raw = { ...row.raw, update_time: now, ...patch };
    this.sorted = null;
  }

  /** Every order in creation order. */
  all(): OrderRow[] {
    return [...this.rows.values()];
  }

  /** Orders matching the filter, oldest update first. */
  query(filter: OrderFilter): OrderRow[] {
    if (!this.sorted) {
      this.sorted = [...this.rows.values()].sort(
        (a, b) => Date.parse(a.raw.update_time) - Date.parse(b.raw.update_time) || a.seq - b.seq,
      );
    }
    const since = filter.updatedSince ? Date.parse(filter.updatedSince) : null;
    const created = filter.createdSince ? Date.parse(filter.createdSince) : null;
    const before = filter.updatedBefore ? Date.parse(filter.updatedBefore) : null;
    if (since === null && created === null && before === null) return this.sorted;
    return this.sorted.filter((r) => {
      const updated = Date.parse(r.raw.update_time);
      if (since !== null && updated < since) return false;
      if (before !== null && updated >= before) return false;
      return created === null || Date.parse(r.raw.create_time) >= created;
    });
  }
}
