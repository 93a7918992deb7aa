import { indexAfter, type ListingRow } from './listing-book';
import type { MockMarketplace } from './marketplace';

/** A listing read's filters. */
export interface ListingQuery {
  status: 'active' | 'all';
  updatedSince?: string | null;
}

// Rows are replaced on every change, so a parsed time can be cached per raw object.
const parsedTimes = new WeakMap<object, number>();
function updatedMs(row: ListingRow): number {
  let ms = parsedTimes.get(row.raw);
  if (ms === undefined) {
    ms = Date.parse(row.raw.update_time);
    parsedTimes.set(row.raw, ms);
  }
  return ms;
}

function filtered(market: MockMarketplace, query: ListingQuery): readonly ListingRow[] {
  const rows = market.listingBook.visible(query.status);
  if (!query.updatedSince) return rows;
  const since = Date.parse(query.updatedSince);
  return rows.filter((r) => updatedMs(r) >= since);
}

/** One offset page of listings over the catalog as it is now (it may have shifted since the last page). */
export function listingOffsetPage(market: MockMarketplace, query: ListingQuery, offset: number, limit: number) {
  const rows = filtered(market, query);
  return { rows: rows.slice(offset, offset + limit), total: rows.length };
}

/** One keyset page: rows after the cursor position. Stable under inserts and deletes. */
export function listingCursorPage(market: MockMarketplace, query: ListingQuery, after: number | null, limit: number) {
  const rows = filtered(market, query);
  const start = after === null ? 0 : indexAfter(rows, after);
  const page = rows.slice(start, start + limit);
  const last = page[page.length - 1];
  const next = start + limit < rows.length && last ? last.position : null;
  return { rows: page, total: rows.length, next };
}
