import type { SnapshotListing } from '../store/records';

/** What omnisync believes a channel holds for one listing, and where that belief comes from. */
export interface KnownQuantity {
  /** Null when the channel never reported a quantity and omnisync never pushed one. */
  quantity: number | null;
  /** `scan`: the last scan (or webhook) report; `push`: our last successful push; `none`: nothing known. */
  source: 'scan' | 'push' | 'none';
  /** The channel reported, after our push, exactly what we pushed: our own echo, not an edit. */
  echo: boolean;
  /** The channel reported, after our push, another quantity: a sale or an edit made on the channel. */
  channelEdit: boolean;
  /** When that quantity was known: the push time, or when the channel reported it. */
  at: string | null;
}

/** The fields of a snapshot listing that `knownQuantity` reads. */
export type Observed = Pick<SnapshotListing, 'quantity' | 'seenAt' | 'updatedAt' | 'pushedQuantity' | 'pushedAt'>;

/** When the channel last told us this listing's quantity: the later of the scan time and the channel's own update time. */
function observedAt(listing: Observed): number | null {
  const times = [listing.seenAt, listing.updatedAt].filter((t): t is string => !!t).map((t) => Date.parse(t));
  return times.length > 0 ? Math.max(...times) : null;
}

/**
 * What the channel holds: the newer of the last report (scan or webhook) and
 * our last successful push. A report of exactly the quantity we pushed is our
 * own echo; a report of another quantity after our push is a channel-side
 * change, which the next push corrects (the POS is the truth).
 */
export function knownQuantity(listing: Observed): KnownQuantity {
  const reported = listing.quantity;
  const seen = observedAt(listing);
  const seenAt = seen === null ? null : new Date(seen).toISOString();
  if (listing.pushedQuantity === null || listing.pushedAt === null) {
    const source = reported === null ? 'none' : 'scan';
    return { quantity: reported, source, echo: false, channelEdit: false, at: seenAt };
  }
  const reportIsNewer = seen !== null && seen > Date.parse(listing.pushedAt) && reported !== null;
  if (!reportIsNewer) {
    return { quantity: listing.pushedQuantity, source: 'push', echo: false, channelEdit: false, at: listing.pushedAt };
  }
  const echo = reported === listing.pushedQuantity;
  return { quantity: reported, source: 'scan', echo, channelEdit: !echo, at: seenAt };
}

/**
 * Is a quantity a channel reports (a webhook, an updated scan) the echo of
 * our own push? Use it where reports arrive, so an echo is not taken for an
 * edit made on the channel.
 */
export function isPushEcho(listing: Pick<SnapshotListing, 'pushedQuantity'>, reportedQuantity: number | null): boolean {
  return listing.pushedQuantity !== null && reportedQuantity === listing.pushedQuantity;
}
