import type { ChannelConnectorV1 } from '../connector/v1/channel-connector-v1';
import { type Listing, listingKey } from '../model/listing';
import { screenListings } from './screen-listings';

/** What reading a channel's listing pages found. */
export interface PagesRead {
  pages: number;
  listingsSeen: number;
  listingsWritten: number;
  skipped: number;
  malformed: number;
  /** The total the first and the last page reported (null when the channel reports none). */
  firstTotal: number | null;
  lastTotal: number | null;
  /** Distinct listing keys seen (counted for full scans only, else null). */
  distinct: number | null;
  /** Listings seen on two pages (the catalog shifted under offset pagination). */
  repeats: number;
}

/** How to read the pages of one scan. */
export interface ReadPagesArgs {
  connector: ChannelConnectorV1;
  status: 'active' | 'all';
  /** Passed to the connector when it filters server-side. */
  updatedSince: string | null;
  /** Listings older than this are left out (when the connector cannot filter itself). */
  filterSince: string | null;
  /** Count distinct keys (full scans, to tell whether the catalog moved). */
  trackKeys: boolean;
  signal: AbortSignal;
  /** Write one page's listings; at most one write runs while the next page is fetched. */
  write(listings: Listing[]): Promise<void>;
  onPage(read: PagesRead, total: number | null): void;
}

/**
 * Read every page of `listListings`, writing each page as a batch while the
 * next one is fetched (the connector fetches pages concurrently where its API
 * allows, within its rate limit). Stops at once when `signal` aborts.
 */
export async function readListingPages(args: ReadPagesArgs): Promise<PagesRead> {
  const read: PagesRead = {
    pages: 0,
    listingsSeen: 0,
    listingsWritten: 0,
    skipped: 0,
    malformed: 0,
    firstTotal: null,
    lastTotal: null,
    distinct: args.trackKeys ? 0 : null,
    repeats: 0,
  };
  const seen = args.trackKeys ? new Set<string>() : null;
  const filterMs = args.filterSince ? Date.parse(args.filterSince) : null;
  let writing: Promise<void> | null = null;
  const pages = args.connector.listListings({
    status: args.status,
    updatedSince: args.updatedSince,
    signal: args.signal,
    priority: 'catalog',
  });
  try {
    for await (const page of pages) {
      args.signal.throwIfAborted();
      const total = page.total ?? null;
      if (read.pages === 0) read.firstTotal = total;
      read.lastTotal = total;
      read.pages++;
      // Listings the connector rejected (`page.rejected`) count as malformed: a full scan then marks nothing deleted.
      const rejected = page.rejected?.length ?? 0;
      read.listingsSeen += page.items.length + rejected;
      const { valid, malformed } = screenListings(page.items);
      read.malformed += malformed + rejected;
      const kept = filterMs === null ? valid : valid.filter((l) => Date.parse(l.updatedAt) >= filterMs);
      read.skipped += valid.length - kept.length + malformed + rejected;
      if (seen) {
        for (const listing of valid) {
          const key = listingKey(listing);
          if (seen.has(key)) read.repeats++;
          else seen.add(key);
        }
        read.distinct = seen.size;
      }
      if (writing) await writing;
      args.signal.throwIfAborted();
      writing = kept.length > 0 ? args.write(kept) : null;
      writing?.catch(() => {});
      read.listingsWritten += kept.length;
      args.onPage(read, total);
    }
    if (writing) await writing;
  } finally {
    // Never report (or release the lease) while a write could still land.
    await writing?.catch(() => {});
  }
  return read;
}
