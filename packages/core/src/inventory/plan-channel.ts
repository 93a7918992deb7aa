import type { ChannelCapabilitiesV1 } from '../connector/v1/capabilities-v1';
import type { MatchResult } from '../matching/item-index';
import type { PosItem } from '../model/pos-item';
import type { SnapshotListing } from '../store/records';
import type { QuantityBreakdown } from './compute-quantity';
import { type KnownQuantity, knownQuantity } from './known-quantity';
import type { QuantityRules } from './quantity-rules';

/** One listing whose quantity (or active state) will be set. */
export interface PlannedChange {
  channelId: string;
  listingKey: string;
  listingId: string;
  variantId: string | null;
  sku: string | null;
  itemId: string;
  /** What the channel is known to hold (null: unknown). */
  from: number | null;
  /** When `from` was known (our push, or the channel's report). */
  fromAt: string | null;
  to: number;
  /** `false`: deactivate (at zero); `true`: reactivate (restocked); null: leave as is. */
  active: boolean | null;
  /** Compare-and-set: the quantity the channel must still hold (where the channel supports it). */
  expectedQuantity: number | null;
  /** Why, in words: what the channel holds and the rule that gives the new quantity. */
  reason: string;
  breakdown: QuantityBreakdown;
}

/** Why a listing gets no push. */
export type SkipReason = 'empty-sku' | 'unknown-sku' | 'sku-conflict';

/** A listing nothing is pushed to, with the reason (unmatched or conflicting SKUs are never guessed). */
export interface SkippedListing {
  channelId: string;
  listingKey: string;
  sku: string | null;
  reason: SkipReason;
  message: string;
  /** For a conflict: the POS items sharing the SKU. */
  itemIds?: string[];
}

/** The plan for one channel. */
export interface ChannelPlan {
  channelId: string;
  changes: PlannedChange[];
  /** Listings that already hold the right quantity (including echoes of our own pushes). */
  unchanged: number;
  skipped: SkippedListing[];
}

/** What the planner needs about one channel. */
export interface PlanChannelInput {
  channelId: string;
  listings: readonly SnapshotListing[];
  match(listing: SnapshotListing): MatchResult;
  quantityOf(item: PosItem): QuantityBreakdown;
  rules: QuantityRules;
  capabilities: Pick<ChannelCapabilitiesV1, 'compareAndSetStock' | 'deactivateListing'>;
  /** Keys of listings omnisync deactivated at zero (only those are reactivated on restock). */
  deactivatedByUs: ReadonlySet<string>;
}

/**
 * Plan one channel's stock pushes: for every live or inactive listing matched
 * to a POS item, the quantity its rules give, compared with what the channel
 * is known to hold; only differences become changes. Every listing of a
 * multiple-listed SKU gets the same quantity. Pure: no I/O.
 */
export function planChannel(input: PlanChannelInput): ChannelPlan {
  const plan: ChannelPlan = { channelId: input.channelId, changes: [], unchanged: 0, skipped: [] };
  for (const listing of input.listings) {
    if (listing.status !== 'live' && listing.status !== 'inactive') continue;
    const match = input.match(listing);
    if (match.kind !== 'matched') {
      plan.skipped.push(skipped(input.channelId, listing, match));
      continue;
    }
    const change = planListing(input, listing, match.item);
    if (change) plan.changes.push(change);
    else plan.unchanged++;
  }
  return plan;
}

function planListing(input: PlanChannelInput, listing: SnapshotListing, item: PosItem): PlannedChange | null {
  const breakdown = input.quantityOf(item);
  const known = knownQuantity(listing);
  const active = activeChange(input, listing, breakdown.quantity);
  if (known.quantity === breakdown.quantity && active === null) return null;
  return {
    channelId: input.channelId,
    listingKey: listing.key,
    listingId: listing.listingId,
    variantId: listing.variantId ?? null,
    sku: listing.sku,
    itemId: item.id,
    from: known.quantity,
    fromAt: known.at,
    to: breakdown.quantity,
    active,
    expectedQuantity: input.capabilities.compareAndSetStock ? known.quantity : null,
    reason: describeChange(known, breakdown, active),
    breakdown,
  };
}

/** Deactivate a live listing at zero; reactivate on restock only a listing we deactivated. */
function activeChange(input: PlanChannelInput, listing: SnapshotListing, quantity: number): boolean | null {
  if (!input.rules.deactivateAtZero || !input.capabilities.deactivateListing) return null;
  const ours = input.deactivatedByUs.has(listing.key);
  if (quantity === 0 && listing.status === 'live' && !ours) return false;
  if (quantity > 0 && ours) return true;
  return null;
}

function describeChange(known: KnownQuantity, breakdown: QuantityBreakdown, active: boolean | null): string {
  const holds =
    known.quantity === null
      ? 'the channel quantity is unknown'
      : known.channelEdit
        ? `the channel shows ${known.quantity} (changed on the channel since our last push)`
        : `the channel holds ${known.quantity} (${known.source === 'push' ? 'our last push' : 'last scan'})`;
  const toggle = active === false ? '; deactivate at zero' : active === true ? '; reactivate (restocked)' : '';
  return `${holds}; POS gives ${breakdown.sentence}${toggle}`;
}

function skipped(
  channelId: string,
  listing: SnapshotListing,
  match: Exclude<MatchResult, { kind: 'matched' }>,
): SkippedListing {
  return { channelId, listingKey: listing.key, sku: listing.sku, ...skipFor(match) };
}

/** Why a listing (or a SKU) that matches no single POS item gets nothing pushed, in words. */
export function skipFor(match: Exclude<MatchResult, { kind: 'matched' }>): {
  reason: SkipReason;
  message: string;
  itemIds?: string[];
} {
  if (match.kind === 'conflict') {
    const ids = match.items.map((i) => i.id);
    return {
      reason: 'sku-conflict',
      itemIds: ids,
      message: `SKU "${match.sku}" belongs to ${ids.length} POS items (${ids.join(', ')}); nothing pushed until it is unique.`,
    };
  }
  return match.reason === 'empty-sku'
    ? { reason: 'empty-sku', message: 'The listing has no SKU; nothing pushed.' }
    : { reason: 'unknown-sku', message: `No POS item has SKU "${match.sku}"; nothing pushed.` };
}
