import { type ItemIndex, matchListing } from '../../matching/item-index';
import type { ChannelOrder, OrderLine, OrderLineModifier } from '../../model/channel-order';
import type { PosItem, PosModifier } from '../../model/pos-item';
import type { Mapping } from '../../store/records';
import type { MissingExternalId } from './export-errors';

/** The order translated into the target POS's ids, or every id that is missing. */
export type ResolvedExport =
  | { ok: true; order: ChannelOrder; itemIds: Record<string, string> }
  | { ok: false; missing: MissingExternalId[] };

/** External ids of one target: store mappings win over the ids stored on items and modifiers. */
export class TargetIds {
  private readonly mapped = new Map<string, string>();
  constructor(
    readonly targetId: string,
    mappings: readonly Mapping[],
  ) {
    for (const m of mappings) if (m.targetId === targetId) this.mapped.set(key(m.itemId, m.modifierId), m.externalId);
  }
  /** The target's id for a catalog item, or null. */
  item(item: PosItem): string | null {
    return this.mapped.get(key(item.id, null)) ?? item.externalIds[this.targetId] ?? null;
  }
  /** The target's id for a modifier of a catalog item, or null. */
  modifier(item: PosItem, modifier: PosModifier): string | null {
    return this.mapped.get(key(item.id, modifier.id)) ?? modifier.externalIds[this.targetId] ?? null;
  }
}

const key = (itemId: string, modifierId: string | null) => `${itemId}\u0000${modifierId ?? ''}`;

/**
 * Find the catalog item of an order line: `externalProductId` naming a catalog
 * item id (orders of the platform itself); otherwise the channel's listing
 * mapping, then a unique SKU match (orders imported from a channel).
 */
export function findLineItem(index: ItemIndex, channelId: string, line: OrderLine): PosItem | null {
  const own = line.externalProductId ? index.byId.get(line.externalProductId) : undefined;
  if (own) return own;
  const match = matchListing(index, channelId, { listingId: line.listingId, variantId: line.variantId, sku: line.sku });
  return match.kind === 'matched' ? match.item : null;
}

/** Find the catalog modifier of a line modifier: by id (`externalId`), else by exact name. */
export function findModifier(item: PosItem, modifier: OrderLineModifier): PosModifier | null {
  if (modifier.externalId) return item.modifiers.find((m) => m.id === modifier.externalId) ?? null;
  return item.modifiers.find((m) => m.name === modifier.name) ?? null;
}

/**
 * Pre-flight of an export: every line's product and every modifier must have
 * an external id for the target. Returns the order rewritten with the target's
 * ids (`lines[].externalProductId`, `lines[].modifiers[].externalId`) and the
 * `itemIds` for `createSale`, or the full list of what is missing.
 */
export function resolveExportOrder(order: ChannelOrder, index: ItemIndex, ids: TargetIds): ResolvedExport {
  const missing: MissingExternalId[] = [];
  const itemIds: Record<string, string> = {};
  const lines = order.lines.map((line) => {
    const item = findLineItem(index, order.channelId, line);
    if (!item) {
      missing.push(gap(line, 'product', 'unknown-item', line.title, null, null));
      return line;
    }
    const productId = ids.item(item);
    if (productId) itemIds[line.lineId] = productId;
    else missing.push(gap(line, 'product', 'no-external-id', line.title, item.id, null));
    const modifiers = line.modifiers.map((m) => {
      const found = findModifier(item, m);
      if (!found) {
        missing.push(gap(line, 'modifier', 'unknown-modifier', m.name, item.id, null));
        return m;
      }
      const modifierId = ids.modifier(item, found);
      if (!modifierId) missing.push(gap(line, 'modifier', 'no-external-id', m.name, item.id, found.id));
      return { ...m, externalId: modifierId };
    });
    return { ...line, externalProductId: productId, modifiers };
  });
  if (missing.length > 0) return { ok: false, missing };
  return { ok: true, order: { ...order, lines }, itemIds };
}

function gap(
  line: OrderLine,
  kind: MissingExternalId['kind'],
  reason: MissingExternalId['reason'],
  name: string,
  itemId: string | null,
  modifierId: string | null,
): MissingExternalId {
  return { lineId: line.lineId, kind, reason, name, itemId, modifierId };
}
