import { type Listing, listingKey, type SnapshotListing } from '@omnisync/core';
import { fromJson, fromNullableJson, toJson } from './json-column';
import { decodePageToken, encodePageToken } from './page-token';
import { SqlFilter } from './sql-filter';
import type { SqliteContext } from './sqlite-context';
import type { OperationsOf, Row } from './sync-operations';

const COLUMNS = `tenant_id, channel_id, key, listing_id, variant_id, sku, title, status, quantity, price, attributes,
  updated_at, raw, seen_in_scan, seen_at, pushed_quantity, pushed_at`;

/** Scan data is replaced; what omnisync pushed is kept; a write without a scan id keeps the last sighting. */
const UPSERT = `INSERT INTO listings (tenant_id, channel_id, key, listing_id, variant_id, sku, title, status, quantity,
    price, attributes, updated_at, raw, seen_in_scan, seen_at)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
  ON CONFLICT (tenant_id, channel_id, key) DO UPDATE SET
    listing_id = excluded.listing_id, variant_id = excluded.variant_id, sku = excluded.sku, title = excluded.title,
    status = excluded.status, quantity = excluded.quantity, price = excluded.price, attributes = excluded.attributes,
    updated_at = excluded.updated_at, raw = excluded.raw,
    seen_in_scan = coalesce(excluded.seen_in_scan, listings.seen_in_scan),
    seen_at = coalesce(excluded.seen_at, listings.seen_at)`;

function toSnapshot(row: Row): SnapshotListing {
  const snapshot: SnapshotListing = {
    tenantId: row.tenant_id as string,
    channelId: row.channel_id as string,
    key: row.key as string,
    listingId: row.listing_id as string,
    variantId: row.variant_id as string | null,
    sku: row.sku as string | null,
    title: row.title as string,
    status: row.status as SnapshotListing['status'],
    quantity: row.quantity as number | null,
    price: fromNullableJson(row.price as string | null),
    attributes: fromJson(row.attributes as string),
    updatedAt: row.updated_at as string,
    seenInScan: row.seen_in_scan as string | null,
    seenAt: row.seen_at as string | null,
    pushedQuantity: row.pushed_quantity as number | null,
    pushedAt: row.pushed_at as string | null,
  };
  if (row.raw !== null) snapshot.raw = fromJson(row.raw as string);
  return snapshot;
}

/** Listing snapshots: upserted in one transaction per call, however many listings it carries. */
export function listingOps(
  ctx: SqliteContext,
): OperationsOf<
  'upsertListings' | 'markUnseenListingsDeleted' | 'getListing' | 'listListings' | 'countListings' | 'setPushedQuantity'
> {
  const upsertOne = (tenantId: string, channelId: string, l: Listing, scanId: string | null, now: string) => {
    const key = listingKey(l);
    ctx
      .stmt(UPSERT)
      .run(
        tenantId,
        channelId,
        key,
        l.listingId,
        l.variantId ?? null,
        l.sku ?? null,
        l.title,
        l.status,
        l.quantity ?? null,
        l.price ? toJson(l.price, `the price of listing ${key}`) : null,
        toJson(l.attributes ?? {}, `the attributes of listing ${key}`),
        l.updatedAt,
        l.raw === undefined ? null : toJson(l.raw, `the raw payload of listing ${key}`),
        scanId,
        scanId ? now : null,
      );
  };

  return {
    upsertListings: (tenantId, channelId, listings, scanId) => {
      ctx.write(() => {
        const now = ctx.nowIso();
        for (const listing of listings) upsertOne(tenantId, channelId, listing, scanId, now);
      });
    },
    markUnseenListingsDeleted: (tenantId, channelId, scanId) =>
      ctx.write(
        () =>
          ctx
            .stmt(
              `UPDATE listings SET status = 'deleted'
               WHERE tenant_id = ? AND channel_id = ? AND seen_in_scan IS NOT ? AND status <> 'deleted'`,
            )
            .run(tenantId, channelId, scanId).changes as number,
      ),
    getListing: (tenantId, channelId, key) => {
      const row = ctx
        .stmt(`SELECT ${COLUMNS} FROM listings WHERE tenant_id = ? AND channel_id = ? AND key = ?`)
        .get(tenantId, channelId, key);
      return row ? toSnapshot(row) : null;
    },
    listListings: ({ tenantId, channelId, sku, statuses, after, limit = 1000 }) => {
      const from = decodePageToken(after);
      const filter = new SqlFilter()
        .add(true, 'tenant_id = ?', tenantId)
        .add(sku !== undefined, 'sku IS ?', sku ?? null)
        .add(channelId, 'channel_id = ?', channelId ?? null)
        .add(statuses, 'status IN (SELECT value FROM json_each(?))', JSON.stringify(statuses))
        .add(from, '(channel_id, key) > (?, ?)', ...(from ?? []));
      const rows = ctx
        .stmt(`SELECT ${COLUMNS} FROM listings WHERE ${filter.sql} ORDER BY channel_id, key LIMIT ?`)
        .all(...filter.params, limit + 1);
      const items = rows.slice(0, limit).map(toSnapshot);
      const last = items[items.length - 1];
      return { items, next: rows.length > limit && last ? encodePageToken(last.channelId, last.key) : null };
    },
    countListings: (tenantId, channelId) => {
      const filter = new SqlFilter()
        .add(true, 'tenant_id = ?', tenantId)
        .add(channelId, 'channel_id = ?', channelId ?? null);
      return ctx.stmt(`SELECT count(*) AS n FROM listings WHERE ${filter.sql}`).get(...filter.params)?.n as number;
    },
    setPushedQuantity: (tenantId, channelId, key, quantity, at) => {
      ctx.write(() =>
        ctx
          .stmt(
            'UPDATE listings SET pushed_quantity = ?, pushed_at = ? WHERE tenant_id = ? AND channel_id = ? AND key = ?',
          )
          .run(quantity, at, tenantId, channelId, key),
      );
    },
  };
}
