import { requireCapability } from '../connector/require-capability';
import { InvalidArgumentError } from '../errors/errors';
import { OmnisyncError } from '../errors/omnisync-error';
import { computeQuantity } from '../inventory/compute-quantity';
import { loadChannelListings, readStock, stockItemIds } from '../inventory/inventory-view';
import { parseQuantityRules } from '../inventory/quantity-rules';
import { invalidateStockView } from '../inventory/view-cache';
import { type ItemIndex, matchListing, matchSku } from '../matching/item-index';
import { loadItemIndex } from '../matching/load-item-index';
import { type ListingDraft, listingKey } from '../model/listing';
import type { PosItem } from '../model/pos-item';
import type { EngineContext } from '../omnisync/engine-context';
import { catalogService } from './catalog-service';

/** Which POS items to upload: chosen ones, or (by default) every Not In Channel item. */
export interface UploadProductsOptions {
  /** POS item ids. Default: items listed on another channel but not on this one. */
  itemIds?: readonly string[];
  /** Report what would be created; create nothing. */
  dryRun?: boolean;
  signal?: AbortSignal;
}

/** Why an item was not uploaded. */
export type UploadRefusalReason =
  | 'no-sku'
  | 'sku-conflict'
  | 'already-listed'
  | 'not-found'
  | 'inactive'
  | 'create-failed';

/** An item that was not uploaded, and why. */
export interface RefusedItem {
  itemId: string;
  sku: string | null;
  reason: UploadRefusalReason;
  message: string;
}

/** A listing created on the channel from a POS item. */
export interface UploadedProduct {
  itemId: string;
  sku: string;
  /** The new listing's key; null in a dry run. */
  listingKey: string | null;
  /** The quantity it was created with (the channel's quantity rules). */
  quantity: number;
}

/** What `uploadProducts` did. */
export interface UploadProductsReport {
  channelId: string;
  dryRun: boolean;
  created: UploadedProduct[];
  refused: RefusedItem[];
}

/**
 * Create listings on a channel for POS items it does not list yet (seed
 * 002's upload products), with SKU, name, price, variant attributes and the
 * quantity the channel's rules give. Throws `UnsupportedCapabilityError` when
 * the connector cannot create listings.
 */
export async function uploadProducts(
  ctx: EngineContext,
  channelId: string,
  options: UploadProductsOptions = {},
): Promise<UploadProductsReport> {
  const channel = ctx.channel(channelId);
  if (options.itemIds !== undefined && !Array.isArray(options.itemIds)) {
    throw new InvalidArgumentError(
      'uploadProducts expects { itemIds: [...] } or no item ids (every Not In Channel item).',
    );
  }
  const connector = requireCapability(channel.connector, 'createListing');
  const report: UploadProductsReport = { channelId, dryRun: !!options.dryRun, created: [], refused: [] };
  const index = await loadItemIndex(ctx, options.signal);
  const listedHere = await listedItemIds(ctx, index, [channelId]);
  const candidates = options.itemIds
    ? chosenItems(index, options.itemIds, listedHere, report.refused)
    : await notInChannel(ctx, index, channelId, listedHere);
  const rules = parseQuantityRules(channelId, channel.config.inventory);
  const warehouses = rules.warehouses ?? ctx.pos.defaultWarehouses ?? null;
  const stock = await readStock(ctx, stockItemIds(candidates), warehouses, options.signal);
  for (const item of candidates) {
    const quantity = computeQuantity(item, stock, rules, warehouses).quantity;
    const draft = toDraft(item, index, quantity);
    if (report.dryRun) {
      report.created.push({ itemId: item.id, sku: draft.sku, listingKey: null, quantity });
      continue;
    }
    try {
      const listing = await connector.createListing(draft, { signal: options.signal, priority: 'catalog' });
      const key = listingKey(listing);
      const at = ctx.now().toISOString();
      await ctx.store.transaction(async (tx) => {
        await tx.upsertListings(ctx.tenantId, channelId, [{ ...listing, channelId }], null);
        await tx.setPushedQuantity(ctx.tenantId, channelId, key, quantity, at);
        await tx.appendAction({
          tenantId: ctx.tenantId,
          channelId,
          subjectType: 'item',
          subjectId: item.id,
          action: 'product:upload',
          outcome: 'ok',
          message: `Created listing ${key} for SKU "${draft.sku}" with quantity ${quantity}.`,
          details: { listingKey: key, sku: draft.sku, quantity },
          at,
        });
      });
      report.created.push({ itemId: item.id, sku: draft.sku, listingKey: key, quantity });
      catalogService(ctx)?.listingsWritten(channelId, [{ ...listing, channelId }]);
      invalidateStockView(ctx);
    } catch (error) {
      if (options.signal?.aborted) throw error;
      const message = OmnisyncError.isInstance(error) || error instanceof Error ? error.message : String(error);
      report.refused.push(refused(item, 'create-failed', `The channel refused the listing: ${message}`));
    }
  }
  return report;
}

/** Item ids matched by a live or inactive listing on any of these channels. */
async function listedItemIds(
  ctx: EngineContext,
  index: ItemIndex,
  channelIds: readonly string[],
): Promise<Set<string>> {
  const ids = new Set<string>();
  for (const id of channelIds) {
    for (const listing of await loadChannelListings(ctx, id)) {
      const match = matchListing(index, id, listing);
      if (match.kind === 'matched') ids.add(match.item.id);
    }
  }
  return ids;
}

/** Not In Channel: active items with a unique SKU, listed on another channel but not on this one. */
async function notInChannel(
  ctx: EngineContext,
  index: ItemIndex,
  channelId: string,
  listedHere: Set<string>,
): Promise<PosItem[]> {
  const others = [...ctx.channels.keys()].filter((id) => id !== channelId);
  const listedElsewhere = await listedItemIds(ctx, index, others);
  return [...listedElsewhere]
    .filter((id) => !listedHere.has(id))
    .map((id) => index.byId.get(id) as PosItem)
    .filter((item) => item.active && uniqueSku(index, item));
}

function chosenItems(
  index: ItemIndex,
  itemIds: readonly string[],
  listedHere: Set<string>,
  refusedItems: RefusedItem[],
): PosItem[] {
  const out: PosItem[] = [];
  for (const id of new Set(itemIds)) {
    const item = index.byId.get(id);
    if (!item) refusedItems.push({ itemId: id, sku: null, reason: 'not-found', message: `No POS item "${id}".` });
    else if (!item.sku?.trim())
      refusedItems.push(refused(item, 'no-sku', 'The item has no SKU: channels match on it.'));
    else if (!uniqueSku(index, item)) {
      refusedItems.push(refused(item, 'sku-conflict', `SKU "${item.sku}" belongs to several POS items.`));
    } else if (listedHere.has(id))
      refusedItems.push(refused(item, 'already-listed', 'The channel already lists this item.'));
    else if (!item.active) refusedItems.push(refused(item, 'inactive', 'The item is inactive in the POS.'));
    else out.push(item);
  }
  return out;
}

function uniqueSku(index: ItemIndex, item: PosItem): boolean {
  return matchSku(index, item.sku).kind === 'matched';
}

function toDraft(item: PosItem, index: ItemIndex, quantity: number): ListingDraft {
  const parent = item.parentId ? index.byId.get(item.parentId) : undefined;
  return {
    sku: (item.sku as string).trim(),
    title: item.name,
    price: item.price ?? null,
    quantity,
    attributes: { ...item.attributes },
    parentSku: parent?.sku ?? null,
    description: null,
  };
}

function refused(item: PosItem, reason: UploadRefusalReason, message: string): RefusedItem {
  return { itemId: item.id, sku: item.sku, reason, message };
}
