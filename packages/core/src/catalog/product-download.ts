import { requirePosCapability } from '../connector/require-capability';
import { InvalidArgumentError } from '../errors/errors';
import { OmnisyncError } from '../errors/omnisync-error';
import { loadChannelListings } from '../inventory/inventory-view';
import { invalidateStockView } from '../inventory/view-cache';
import { type ItemIndex, matchListing } from '../matching/item-index';
import { loadItemIndex } from '../matching/load-item-index';
import { normalizeSku } from '../matching/normalize-sku';
import type { PosItem } from '../model/pos-item';
import type { EngineContext } from '../omnisync/engine-context';
import type { SnapshotListing } from '../store/records';

/** Which listings to download: chosen ones, or every Not In POS listing. */
export type DownloadProductsOptions = (
  | { listingKeys: readonly string[]; all?: undefined }
  | { all: true; listingKeys?: undefined }
) & {
  /** Report what would be created; create nothing. */
  dryRun?: boolean;
  signal?: AbortSignal;
};

/** Why a listing was not downloaded. */
export type DownloadRefusalReason =
  | 'no-sku'
  | 'sku-conflict'
  | 'already-in-pos'
  | 'not-found'
  | 'not-live'
  | 'create-failed';

/** A listing that was not downloaded, and why. */
export interface RefusedListing {
  listingKey: string;
  sku: string | null;
  reason: DownloadRefusalReason;
  message: string;
}

/** A POS item created from one or more listings sharing a SKU (a multiple listing becomes one item). */
export interface DownloadedProduct {
  /** The new POS item id; null in a dry run. */
  itemId: string | null;
  sku: string;
  name: string;
  listingKeys: string[];
}

/** What `downloadProducts` did. */
export interface DownloadProductsReport {
  channelId: string;
  dryRun: boolean;
  created: DownloadedProduct[];
  refused: RefusedListing[];
}

/**
 * Create POS items from Not In POS listings (seed 002's download products):
 * SKU, title, price and variant attributes. Listings with no SKU, or whose SKU
 * conflicts (several POS items, or listings of one SKU that disagree on their
 * variant attributes), are refused with the reason. Needs the POS's
 * `createItem` capability.
 */
export async function downloadProducts(
  ctx: EngineContext,
  channelId: string,
  options: DownloadProductsOptions,
): Promise<DownloadProductsReport> {
  ctx.channel(channelId);
  if (!options || (options.all !== true && !Array.isArray(options.listingKeys))) {
    throw new InvalidArgumentError('downloadProducts needs { listingKeys: [...] } or { all: true }.');
  }
  const pos = requirePosCapability(ctx.pos, 'createItem');
  const report: DownloadProductsReport = { channelId, dryRun: !!options.dryRun, created: [], refused: [] };
  const index = await loadItemIndex(ctx, options.signal);
  const candidates = await selectCandidates(ctx, channelId, index, options, report.refused);
  for (const group of groupBySku(candidates, index, report.refused)) {
    const first = group[0] as SnapshotListing;
    const draft = toPosItem(first);
    const keys = group.map((l) => l.key);
    if (report.dryRun) {
      report.created.push({ itemId: null, sku: draft.sku as string, name: draft.name, listingKeys: keys });
      continue;
    }
    try {
      const item = await pos.createItem(draft, { signal: options.signal, priority: 'catalog' });
      report.created.push({ itemId: item.id, sku: draft.sku as string, name: draft.name, listingKeys: keys });
      invalidateStockView(ctx);
      await log(ctx, channelId, first.key, 'ok', `Created POS item ${item.id} for SKU "${draft.sku}".`, {
        itemId: item.id,
        listingKeys: keys,
      });
    } catch (error) {
      if (options.signal?.aborted) throw error;
      const message = OmnisyncError.isInstance(error) || error instanceof Error ? error.message : String(error);
      for (const l of group) report.refused.push(refusal(l, 'create-failed', `The POS refused the item: ${message}`));
    }
  }
  for (const r of report.refused) {
    if (!report.dryRun) await log(ctx, channelId, r.listingKey, 'skipped', r.message, { reason: r.reason, sku: r.sku });
  }
  return report;
}

async function selectCandidates(
  ctx: EngineContext,
  channelId: string,
  index: ItemIndex,
  options: DownloadProductsOptions,
  refused: RefusedListing[],
): Promise<SnapshotListing[]> {
  if (options.all) {
    const live = await loadChannelListings(ctx, channelId, ['live']);
    return live.filter((l) => isNotInPos(index, channelId, l, refused, false));
  }
  const out: SnapshotListing[] = [];
  for (const key of new Set(options.listingKeys)) {
    const listing = await ctx.store.getListing(ctx.tenantId, channelId, key);
    if (!listing)
      refused.push({
        listingKey: key,
        sku: null,
        reason: 'not-found',
        message: `No listing "${key}" on "${channelId}" in the last scan.`,
      });
    else if (listing.status === 'deleted' || listing.status === 'archived') {
      refused.push(refusal(listing, 'not-live', `The listing is ${listing.status} on the channel.`));
    } else if (isNotInPos(index, channelId, listing, refused, true)) out.push(listing);
  }
  return out;
}

/** True for a listing with a SKU no POS item has; refuses the rest with their reason (matched ones only when asked for by key). */
function isNotInPos(
  index: ItemIndex,
  channelId: string,
  listing: SnapshotListing,
  refused: RefusedListing[],
  chosen: boolean,
): boolean {
  const match = matchListing(index, channelId, listing);
  if (match.kind === 'matched') {
    if (chosen) refused.push(refusal(listing, 'already-in-pos', `Already in the POS as item ${match.item.id}.`));
    return false;
  }
  if (match.kind === 'conflict') {
    const ids = match.items.map((i) => i.id).join(', ');
    refused.push(refusal(listing, 'sku-conflict', `SKU "${match.sku}" already belongs to several POS items (${ids}).`));
    return false;
  }
  if (match.reason === 'empty-sku') {
    refused.push(refusal(listing, 'no-sku', 'The listing has no SKU: give it one on the channel first.'));
    return false;
  }
  return true;
}

/** One group per SKU; a SKU whose listings disagree on variant attributes is a conflict, refused whole. */
function groupBySku(listings: SnapshotListing[], index: ItemIndex, refused: RefusedListing[]): SnapshotListing[][] {
  const groups = new Map<string, SnapshotListing[]>();
  for (const l of listings) {
    const sku = normalizeSku(l.sku, index.options) as string;
    groups.set(sku, [...(groups.get(sku) ?? []), l]);
  }
  const out: SnapshotListing[][] = [];
  for (const [sku, group] of groups) {
    const variants = new Set(group.map((l) => JSON.stringify(Object.entries(l.attributes).sort())));
    if (variants.size === 1) out.push(group);
    else {
      const keys = group.map((l) => l.key).join(', ');
      for (const l of group) {
        refused.push(
          refusal(l, 'sku-conflict', `Listings ${keys} carry SKU "${sku}" with different variant attributes.`),
        );
      }
    }
  }
  return out;
}

function toPosItem(listing: SnapshotListing): Omit<PosItem, 'id' | 'updatedAt'> {
  return {
    sku: (listing.sku as string).trim(),
    barcode: null,
    name: listing.title,
    parentId: null,
    attributes: { ...listing.attributes },
    price: listing.price ?? null,
    externalIds: {},
    modifiers: [],
    components: [],
    active: true,
  };
}

function refusal(listing: SnapshotListing, reason: DownloadRefusalReason, message: string): RefusedListing {
  return { listingKey: listing.key, sku: listing.sku, reason, message };
}

async function log(
  ctx: EngineContext,
  channelId: string,
  listingKey: string,
  outcome: 'ok' | 'skipped',
  message: string,
  details: Record<string, unknown>,
): Promise<void> {
  await ctx.store.appendAction({
    tenantId: ctx.tenantId,
    channelId,
    subjectType: 'listing',
    subjectId: listingKey,
    action: 'product:download',
    outcome,
    message,
    details,
  });
}
