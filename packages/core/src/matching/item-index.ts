import type { Listing } from '../model/listing';
import { listingKey } from '../model/listing';
import type { PosItem } from '../model/pos-item';
import type { Mapping } from '../store/records';
import { type MatchingOptions, normalizeSku } from './normalize-sku';

/** Why a listing matched no POS item. */
export type UnmatchedReason = 'empty-sku' | 'unknown-sku';

/** How a listing (or an order line) relates to the POS items. */
export type MatchResult =
  | { kind: 'matched'; item: PosItem; via: 'mapping' | 'sku' }
  | { kind: 'unmatched'; reason: UnmatchedReason; sku: string | null }
  | { kind: 'conflict'; sku: string; items: PosItem[] };

/**
 * The POS items indexed for matching: by normalised SKU (several items on one
 * SKU are a conflict, never guessed) and by explicit external id per target
 * (channel or POS id), which wins over SKU.
 */
export interface ItemIndex {
  readonly options: Partial<MatchingOptions>;
  readonly byId: ReadonlyMap<string, PosItem>;
  readonly bySku: ReadonlyMap<string, readonly PosItem[]>;
  /** `${targetId}\u0000${externalId}` → item. */
  readonly byExternalId: ReadonlyMap<string, PosItem>;
}

const externalKey = (targetId: string, externalId: string) => `${targetId}\u0000${externalId}`;

/** Index POS items (and store mappings, which override item `externalIds`) for matching. */
export function buildItemIndex(
  items: Iterable<PosItem>,
  mappings: readonly Mapping[] = [],
  options: Partial<MatchingOptions> = {},
): ItemIndex {
  const byId = new Map<string, PosItem>();
  const bySku = new Map<string, PosItem[]>();
  const byExternalId = new Map<string, PosItem>();
  for (const item of items) {
    byId.set(item.id, item);
    const sku = normalizeSku(item.sku, options);
    if (sku !== null) {
      const list = bySku.get(sku);
      if (list) list.push(item);
      else bySku.set(sku, [item]);
    }
    for (const [targetId, externalId] of Object.entries(item.externalIds)) {
      byExternalId.set(externalKey(targetId, externalId), item);
    }
  }
  for (const m of mappings) {
    const item = m.modifierId === null ? byId.get(m.itemId) : undefined;
    if (item) byExternalId.set(externalKey(m.targetId, m.externalId), item);
  }
  return { options, byId, bySku, byExternalId };
}

/** Match by SKU alone: one item, none, or a conflict. */
export function matchSku(index: ItemIndex, rawSku: string | null | undefined): MatchResult {
  const sku = normalizeSku(rawSku, index.options);
  if (sku === null) return { kind: 'unmatched', reason: 'empty-sku', sku: null };
  const items = index.bySku.get(sku);
  if (!items || items.length === 0) return { kind: 'unmatched', reason: 'unknown-sku', sku };
  if (items.length > 1) return { kind: 'conflict', sku, items: [...items] };
  return { kind: 'matched', item: items[0]!, via: 'sku' };
}

/**
 * Match a channel listing (or an order line carrying listing id, variant id and SKU):
 * an explicit mapping for `listingId:variantId`, then for `listingId`, wins;
 * otherwise the normalised SKU decides.
 */
export function matchListing(
  index: ItemIndex,
  targetId: string,
  ref:
    | Pick<Listing, 'listingId' | 'variantId' | 'sku'>
    | { listingId?: string | null; variantId?: string | null; sku: string | null },
): MatchResult {
  if (ref.listingId) {
    const exact = index.byExternalId.get(
      externalKey(targetId, listingKey({ listingId: ref.listingId, variantId: ref.variantId })),
    );
    const parent = ref.variantId ? undefined : index.byExternalId.get(externalKey(targetId, ref.listingId));
    const item = exact ?? parent;
    if (item) return { kind: 'matched', item, via: 'mapping' };
  }
  return matchSku(index, ref.sku);
}
