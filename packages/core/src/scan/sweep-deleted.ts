import pLimit from 'p-limit';
import type { ChannelConnectorV1 } from '../connector/v1/channel-connector-v1';
import type { Listing } from '../model/listing';
import type { EngineContext } from '../omnisync/engine-context';
import type { SnapshotListing } from '../store/records';
import type { PagesRead } from './read-listing-pages';
import type { DeletionSweep } from './scan-types';

const LIVE_STATUSES = ['live', 'inactive', 'archived'] as const;

/** What a complete full scan's sweep needs. */
export interface SweepArgs {
  ctx: EngineContext;
  channelId: string;
  scanId: string;
  connector: ChannelConnectorV1;
  read: PagesRead;
  verifyUpTo: number;
  signal: AbortSignal;
  /** Write listings found alive on a check (as the scan's pages are written). */
  write(listings: Listing[]): Promise<void>;
}

/**
 * Mark the listings a complete full scan did not see as deleted (mark and
 * sweep). When the catalog moved under offset pagination (a listing seen twice,
 * or fewer distinct listings than the channel's total) a live listing may
 * have been skipped, so each unseen listing is first checked with
 * `getListing`; where the channel cannot do that, nothing is marked.
 */
export async function sweepDeleted(args: SweepArgs): Promise<{ sweep: DeletionSweep; marked: number }> {
  const { ctx, channelId, scanId, read } = args;
  if (read.malformed > 0) {
    await ctx.notice({
      kind: 'scan-deletions-skipped',
      channelId,
      message: `The full scan of "${channelId}" met ${read.malformed} malformed listing(s), so it marked nothing deleted.`,
      details: { scanId, malformed: read.malformed },
    });
    return { sweep: 'malformed', marked: 0 };
  }
  if (!catalogMoved(read)) {
    return { sweep: 'marked', marked: await ctx.store.markUnseenListingsDeleted(ctx.tenantId, channelId, scanId) };
  }
  const canCheck = args.connector.capabilities.getListing && typeof args.connector.getListing === 'function';
  const unseen = canCheck ? await findUnseen(ctx, channelId, scanId, args.verifyUpTo + 1) : null;
  if (!unseen || unseen.length > args.verifyUpTo) {
    await ctx.notice({
      kind: 'scan-deletions-skipped',
      channelId,
      message: `The catalog of "${channelId}" changed while the full scan paged through it; listings it did not see were not marked deleted (scan again to settle them).`,
      details: { scanId, repeats: read.repeats, distinct: read.distinct, total: read.lastTotal },
    });
    return { sweep: 'catalog-moved', marked: 0 };
  }
  const alive = await checkStillListed(args, unseen);
  if (alive.length > 0) await args.write(alive);
  args.signal.throwIfAborted();
  return { sweep: 'verified', marked: await ctx.store.markUnseenListingsDeleted(ctx.tenantId, channelId, scanId) };
}

/** True when offset pages may have skipped a listing: repeats, or a total that moved or disagrees. */
export function catalogMoved(read: PagesRead): boolean {
  if (read.repeats > 0) return true;
  if (read.lastTotal === null) return false;
  return read.firstTotal !== read.lastTotal || (read.distinct !== null && read.distinct < read.lastTotal);
}

async function findUnseen(ctx: EngineContext, channelId: string, scanId: string, limit: number) {
  const unseen: SnapshotListing[] = [];
  let after: string | null = null;
  do {
    const page = await ctx.store.listListings({
      tenantId: ctx.tenantId,
      channelId,
      statuses: LIVE_STATUSES,
      after,
      limit: 1000,
    });
    for (const listing of page.items) if (listing.seenInScan !== scanId) unseen.push(listing);
    after = page.next;
  } while (after !== null && unseen.length < limit);
  return unseen;
}

async function checkStillListed(args: SweepArgs, unseen: readonly SnapshotListing[]): Promise<Listing[]> {
  const limit = pLimit(Math.max(1, args.connector.limits.maxConcurrentPages ?? 1));
  const found = await Promise.all(
    unseen.map((l) =>
      limit(() =>
        args.connector.getListing!(
          { listingId: l.listingId, variantId: l.variantId ?? null },
          { signal: args.signal, priority: 'catalog' },
        ),
      ),
    ),
  );
  return found.filter((l): l is Listing => l !== null && l.status !== 'deleted');
}
