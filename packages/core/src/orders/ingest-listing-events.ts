import type { ChannelWebhookEventV1 } from '../connector/v1/channel-connector-v1';
import { type ReportedQuantityKind, recordListingReports } from '../inventory/listing-reports';
import { type Listing, listingKey } from '../model/listing';
import { type SnapshotListing, snapshotListing } from '../store/records';
import type { OrdersEnv } from './orders-env';

/** A listing event of a webhook delivery. */
export type ListingWebhookEvent = Extract<ChannelWebhookEventV1, { type: 'listing' | 'listing.deleted' }>;

/** What one listing event did to the snapshot. */
export interface ListingWebhookOutcome {
  /** `listingKey` of the listing (for a deletion of an unknown listing: its listing id). */
  listingKey: string;
  /**
   * Inventory's classification of the reported quantity (`echo` of our push,
   * `unchanged`, `channel-edit`, `new`); `deleted` for a deletion recorded;
   * `stale`: older than the snapshot, ignored; `not-found`: a deletion of a listing never seen.
   */
  outcome: ReportedQuantityKind | 'deleted' | 'stale' | 'not-found';
}

/**
 * Apply listing webhook events to the listing snapshot through inventory's
 * listing reports (the same path as `omni.listingsReported`): the snapshot is
 * updated outside a scan (scan id null), so classification and inventory see
 * the change, and our own push's echo is told from an edit on the channel. An
 * event older than the snapshot (a late or out-of-order delivery) is ignored;
 * a duplicate is a no-op. A deletion marks every variant of the listing deleted.
 */
export async function ingestListingEvents(
  env: OrdersEnv,
  channelId: string,
  events: readonly ListingWebhookEvent[],
): Promise<ListingWebhookOutcome[]> {
  const out: ListingWebhookOutcome[] = [];
  for (const event of events) {
    if (event.type === 'listing') out.push(await reportListing(env, channelId, { ...event.listing, channelId }));
    else out.push(...(await reportDeleted(env, channelId, event.listingId)));
  }
  return out;
}

async function reportListing(env: OrdersEnv, channelId: string, listing: Listing): Promise<ListingWebhookOutcome> {
  const { ctx } = env;
  const key = listingKey(listing);
  const before = await ctx.store.getListing(ctx.tenantId, channelId, key);
  if (before && Date.parse(before.updatedAt) > Date.parse(listing.updatedAt))
    return { listingKey: key, outcome: 'stale' };
  const [reported] = await recordListingReports(ctx, channelId, [listing]);
  return { listingKey: key, outcome: reported?.kind ?? 'unchanged' };
}

async function reportDeleted(env: OrdersEnv, channelId: string, listingId: string): Promise<ListingWebhookOutcome[]> {
  const { ctx } = env;
  const variants = await snapshotVariants(env, channelId, listingId);
  if (variants.length === 0) return [{ listingKey: listingId, outcome: 'not-found' }];
  const at = ctx.now().toISOString();
  const out: ListingWebhookOutcome[] = [];
  for (const snapshot of variants) {
    if (snapshot.status !== 'deleted') {
      await recordListingReports(ctx, channelId, [{ ...snapshotListing(snapshot), status: 'deleted', updatedAt: at }]);
    }
    out.push({ listingKey: snapshot.key, outcome: 'deleted' });
  }
  return out;
}

/** Every snapshot row of a listing: the listing itself, or each of its variants. */
async function snapshotVariants(env: OrdersEnv, channelId: string, listingId: string): Promise<SnapshotListing[]> {
  const { ctx } = env;
  const direct = await ctx.store.getListing(ctx.tenantId, channelId, listingId);
  if (direct) return [direct];
  const found: SnapshotListing[] = [];
  let after: string | null = null;
  do {
    const page = await ctx.store.listListings({ tenantId: ctx.tenantId, channelId, after, limit: 500 });
    found.push(...page.items.filter((l) => l.listingId === listingId));
    after = page.next;
  } while (after);
  return found;
}
