import { type ListingStatus, listingKey, type Money } from '@omnisync/core';
import { mockUsageError } from '../faults/fault-errors';
import { toRawListingStatus } from './convert-mock-listing';
import type { RawListing } from './mock-api';

/** A variant of a listing to seed or create. */
export interface MockVariantInput {
  /** The variant id; on a listing without `variants`, makes that one row a variant of `listingId`. */
  variantId?: string | null;
  sku?: string | null;
  title?: string;
  /** Units on the listing (null or omitted: 0). */
  quantity?: number | null;
  /** A decimal string in the channel currency, or Money. */
  price?: string | Money | null;
  attributes?: Record<string, string>;
  status?: ListingStatus;
}

/**
 * A listing to seed or create: one row, or one row per variant when `variants`
 * is given. A canonical `Listing` (e.g. from `@omnisync/testkit`'s
 * `generateCatalog`) is accepted as is.
 */
export interface MockListingInput extends MockVariantInput {
  listingId?: string;
  variants?: MockVariantInput[];
  /** ISO time of the last change (default: the mock's clock). */
  updatedAt?: string;
}

/** Names a listing row: its SKU, `{ sku }`, or `{ listingId, variantId? }`. */
export type MockListingRef = string | { sku: string } | { listingId: string; variantId?: string | null };

/** One listing row as the mock marketplace holds it. */
export interface ListingRow {
  readonly key: string;
  /** Sort position for offset and cursor pagination (front inserts get lower numbers). */
  readonly position: number;
  raw: RawListing;
}

/** The mock marketplace's listing rows, in pagination order, with lookups by key and SKU. */
export class ListingBook {
  private rows: ListingRow[] = [];
  private readonly byKey = new Map<string, ListingRow>();
  private version = 0;
  private readonly views = new Map<string, { version: number; rows: ListingRow[] }>();
  private nextId = 100001;
  private nextVariant = 500001;
  private frontPosition = 0;
  private backPosition = 0;

  constructor(
    private readonly now: () => string,
    private readonly currency: string,
  ) {}

  /** Add a listing (one row per variant); `front` puts it first in pagination order. */
  add(input: MockListingInput, front = false): ListingRow[] {
    const listingId = input.listingId ?? String(this.nextId++);
    const variants = input.variants?.length ? input.variants : [null];
    const at = input.updatedAt ?? this.now();
    const made = variants.map((v) => this.makeRow(listingId, input, v, at, front));
    // Front rows take decreasing positions, so they go in reverse to keep positions ascending.
    if (front) this.rows = [...[...made].reverse(), ...this.rows];
    else this.rows.push(...made);
    this.version++;
    return made;
  }

  private makeRow(
    listingId: string,
    base: MockListingInput,
    variant: MockVariantInput | null,
    at: string,
    front: boolean,
  ): ListingRow {
    const v = variant ?? base;
    const variantId = variant ? (variant.variantId ?? String(this.nextVariant++)) : (base.variantId ?? null);
    const key = listingKey({ listingId, variantId });
    if (this.byKey.has(key)) throw mockUsageError(`A listing "${key}" already exists on the mock channel.`);
    const price = v.price ?? base.price ?? null;
    const raw: RawListing = {
      item_id: listingId,
      variant_id: variantId,
      sku: v.sku === undefined ? (variant ? null : (base.sku ?? null)) : v.sku,
      name: v.title ?? base.title ?? `Listing ${listingId}`,
      status: toRawListingStatus(v.status ?? base.status ?? 'live'),
      stock: v.quantity ?? base.quantity ?? 0,
      price: price === null ? null : typeof price === 'string' ? price : price.amount,
      currency: price === null ? null : typeof price === 'string' ? this.currency : price.currency,
      attributes: { ...base.attributes, ...(variant ? variant.attributes : {}) },
      create_time: at,
      update_time: at,
    };
    const row: ListingRow = { key, position: front ? --this.frontPosition : ++this.backPosition, raw };
    this.byKey.set(key, row);
    return row;
  }

  /** Every row, deleted ones included, in pagination order. */
  all(): readonly ListingRow[] {
    return this.rows;
  }

  /** The row with this key (`listingId` or `listingId:variantId`). */
  get(key: string): ListingRow | undefined {
    return this.byKey.get(key);
  }

  /** Rows whose SKU is exactly `sku`, deleted ones excluded. */
  withSku(sku: string): ListingRow[] {
    return this.rows.filter((r) => r.raw.sku === sku && r.raw.status !== 'DELETED');
  }

  /** Find one row; a SKU on several listings resolves to the first live one. */
  find(ref: MockListingRef): ListingRow | undefined {
    if (typeof ref === 'string' || 'sku' in ref) {
      const rows = this.withSku(typeof ref === 'string' ? ref : ref.sku);
      return rows.find((r) => r.raw.status === 'NORMAL') ?? rows[0];
    }
    const direct = this.byKey.get(listingKey(ref));
    if (direct || ref.variantId) return direct;
    return this.rows.find((r) => r.raw.item_id === ref.listingId);
  }

  /** Like `find`, but a missing listing throws a usage error naming the ref. */
  require(ref: MockListingRef): ListingRow {
    const row = this.find(ref);
    if (!row) throw mockUsageError(`The mock channel has no listing ${JSON.stringify(ref)}.`);
    return row;
  }

  /** Change a row; the update time moves to now unless the patch sets it. */
  update(row: ListingRow, patch: Partial<RawListing>): void {
    if (patch.status && patch.status !== row.raw.status) this.version++;
    row.raw = { ...row.raw, update_time: this.now(), ...patch };
  }

  /** Rows a listing read returns, in pagination order: `active` = live only; `all` = all but deleted. */
  visible(status: 'active' | 'all'): readonly ListingRow[] {
    const cached = this.views.get(status);
    if (cached && cached.version === this.version) return cached.rows;
    const rows = this.rows.filter((r) =>
      status === 'active' ? r.raw.status === 'NORMAL' : r.raw.status !== 'DELETED',
    );
    this.views.set(status, { version: this.version, rows });
    return rows;
  }
}

/** Binary search: index of the first row whose position is greater than `position`. */
export function indexAfter(rows: readonly ListingRow[], position: number): number {
  let lo = 0;
  let hi = rows.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((rows[mid] as ListingRow).position <= position) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
