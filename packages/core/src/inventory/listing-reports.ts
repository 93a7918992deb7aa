import { InvalidArgumentError } from '../errors/errors';
import { type Listing, listingKey } from '../model/listing';
import type { EngineContext } from '../omnisync/engine-context';
import { isPushEcho } from './known-quantity';

/** How a quantity a channel reported relates to what omnisync knew. */
export type ReportedQuantityKind = 'echo' | 'unchanged' | 'channel-edit' | 'new';

/** One listing a channel reported, classified. */
export interface ReportedListing {
  listingKey: string;
  quantity: number | null;
  /** `echo`: the quantity we pushed coming back; `channel-edit`: changed on the channel (a sale or a hand edit). */
  kind: ReportedQuantityKind;
  /** What omnisync knew before (our last push, else the last report). */
  previous: number | null;
}

/**
 * Record listings a channel reported outside a scan (a listing webhook, a
 * single-listing read) in the store's snapshot, and tell our own echo from a
 * change made on the channel. A change is recorded in the action log and is
 * corrected by the next inventory update (the POS is the truth); it is not
 * pushed back at once, because a lower quantity may be a sale whose order
 * has not been imported yet.
 */
export async function recordListingReports(
  ctx: EngineContext,
  channelId: string,
  listings: readonly Listing[],
): Promise<ReportedListing[]> {
  ctx.channel(channelId);
  if (!Array.isArray(listings)) throw new InvalidArgumentError('listingsReported expects an array of listings.');
  const out: ReportedListing[] = [];
  for (const listing of listings) {
    const key = listingKey(listing);
    const before = await ctx.store.getListing(ctx.tenantId, channelId, key);
    const previous = before ? (before.pushedQuantity ?? before.quantity) : null;
    const kind: ReportedQuantityKind = !before
      ? 'new'
      : isPushEcho(before, listing.quantity)
        ? 'echo'
        : listing.quantity === previous
          ? 'unchanged'
          : 'channel-edit';
    await ctx.store.transaction(async (tx) => {
      await tx.upsertListings(ctx.tenantId, channelId, [{ ...listing, channelId }], null);
      if (kind !== 'channel-edit') return;
      await tx.appendAction({
        tenantId: ctx.tenantId,
        channelId,
        subjectType: 'listing',
        subjectId: key,
        action: 'stock:channel-edit',
        outcome: 'ok',
        message: `The channel reports ${listing.quantity ?? 'no quantity'} where omnisync knew ${previous ?? 'nothing'}: a sale or an edit on the channel; the next inventory update sets it from the POS.`,
        details: { previous, reported: listing.quantity },
      });
    });
    out.push({ listingKey: key, quantity: listing.quantity, kind, previous });
  }
  return out;
}
