import { InvalidArgumentError } from '../errors/errors';
import { type MatchResult, matchListing, matchSku } from '../matching/item-index';
import { loadItemIndex } from '../matching/load-item-index';
import type { EngineContext } from '../omnisync/engine-context';
import type { SnapshotListing } from '../store/records';
import { computeQuantity, type QuantityBreakdown } from './compute-quantity';
import { readStock, stockItemIds } from './inventory-view';
import { type KnownQuantity, knownQuantity } from './known-quantity';
import { type SkipReason, skipFor } from './plan-channel';
import type { QuantityRules } from './quantity-rules';

/** Why a listing shows (or would show) the quantity it does. */
export interface QuantityExplanation {
  channelId: string;
  /** The listing explained; null when asked by SKU and the channel has no listing of it. */
  listingKey: string | null;
  sku: string | null;
  itemId: string | null;
  /** The quantity the rules give now; null when the SKU matches no single POS item. */
  quantity: number | null;
  /** E.g. `7 = 12 on hand - 2 reserved - 2 buffer - 1 share`, or why nothing is pushed. */
  sentence: string;
  /** Every term: stock per warehouse, reservations, buffer, share, components of a bundle. */
  breakdown: QuantityBreakdown | null;
  /** What the channel is known to hold (last scan or last push). */
  known: KnownQuantity | null;
  /** True when the next push would change this listing's quantity (its channel pushes, and it holds another). */
  wouldPush: boolean;
  /** Set when the listing is never pushed to: an unmatched or conflicting SKU. */
  skipped: { reason: SkipReason; message: string } | null;
}

/** Explain one listing's quantity on one channel, by listing key or by SKU. */
export async function explainQuantity(
  ctx: EngineContext,
  rules: QuantityRules,
  channelId: string,
  ref: string | { sku: string },
  signal?: AbortSignal,
): Promise<QuantityExplanation> {
  ctx.channel(channelId);
  const index = await loadItemIndex(ctx, signal);
  let listing: SnapshotListing | null;
  let match: MatchResult;
  if (typeof ref === 'string') {
    listing = await ctx.store.getListing(ctx.tenantId, channelId, ref);
    if (!listing) {
      throw new InvalidArgumentError(`No listing "${ref}" on channel "${channelId}" in the last scan: scan it first.`);
    }
    match = matchListing(index, channelId, listing);
  } else {
    match = matchSku(index, ref.sku);
    listing =
      match.kind === 'matched'
        ? await findListingOf(ctx, channelId, match.item.id, (l) => matchListing(index, channelId, l))
        : null;
  }
  const sku = listing?.sku ?? (typeof ref === 'string' ? null : ref.sku);
  const base = { channelId, listingKey: listing?.key ?? null, sku, known: listing ? knownQuantity(listing) : null };
  if (match.kind !== 'matched') return unexplainable(base, match);
  const warehouses = rules.warehouses ?? ctx.pos.defaultWarehouses ?? null;
  const stock = await readStock(ctx, stockItemIds([match.item]), warehouses, signal);
  const breakdown = computeQuantity(match.item, stock, rules, warehouses);
  return {
    ...base,
    itemId: match.item.id,
    quantity: breakdown.quantity,
    sentence: breakdown.sentence,
    breakdown,
    wouldPush: rules.enabled && base.known !== null && base.known.quantity !== breakdown.quantity,
    skipped: null,
  };
}

async function findListingOf(
  ctx: EngineContext,
  channelId: string,
  itemId: string,
  match: (l: SnapshotListing) => MatchResult,
): Promise<SnapshotListing | null> {
  let after: string | null = null;
  do {
    const page = await ctx.store.listListings({
      tenantId: ctx.tenantId,
      channelId,
      statuses: ['live', 'inactive'],
      after,
    });
    const found = page.items.find((l) => {
      const m = match(l);
      return m.kind === 'matched' && m.item.id === itemId;
    });
    if (found) return found;
    after = page.next;
  } while (after);
  return null;
}

function unexplainable(
  base: Pick<QuantityExplanation, 'channelId' | 'listingKey' | 'sku' | 'known'>,
  match: Exclude<MatchResult, { kind: 'matched' }>,
): QuantityExplanation {
  const { reason, message } = skipFor(match);
  return {
    ...base,
    itemId: null,
    quantity: null,
    sentence: message,
    breakdown: null,
    wouldPush: false,
    skipped: { reason, message },
  };
}
