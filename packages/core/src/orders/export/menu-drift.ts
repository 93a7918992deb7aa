import type { Money } from '../../model/money';
import { toMinorUnits } from '../../model/money';
import type { PosItem, PosModifier } from '../../model/pos-item';
import type { ExportLocation, ExportRuntime } from './export-runtime';
import { TargetIds } from './resolve-export-order';

/** One product or modifier of the catalog that is out of step with the location's POS. */
export interface MenuDriftEntry {
  kind: 'product' | 'modifier';
  itemId: string;
  modifierId: string | null;
  name: string;
  /** The POS id the catalog holds for it (null in the `unmapped` tab). */
  externalId: string | null;
  catalogPrice: Money | null;
  posPrice: Money | null;
}

/**
 * Menu drift of one location, in tabs like the classification tabs:
 * `unmapped` (no external id: export would fail its pre-flight),
 * `unknownInPos` (the POS no longer knows the id), `priceDiffers`.
 */
export interface MenuDriftReport {
  locationId: string;
  targetId: string;
  checkedAt: string;
  tabs: { unmapped: MenuDriftEntry[]; unknownInPos: MenuDriftEntry[]; priceDiffers: MenuDriftEntry[] };
  counts: { products: number; modifiers: number; unmapped: number; unknownInPos: number; priceDiffers: number };
}

async function readAll(items: AsyncIterable<{ items: PosItem[] }>): Promise<PosItem[]> {
  const out: PosItem[] = [];
  for await (const page of items) out.push(...page.items);
  return out;
}

/** Compare the catalog (the instance's `pos`) with the menu of a location's POS. */
export async function menuDrift(
  rt: ExportRuntime,
  location: ExportLocation,
  signal?: AbortSignal,
): Promise<MenuDriftReport> {
  const { ctx } = rt;
  const [catalog, posItems, mappings] = await Promise.all([
    readAll(ctx.pos.listItems({ signal })),
    readAll(location.pos.listItems({ signal })),
    ctx.store.listMappings(ctx.tenantId, location.targetId),
  ]);
  const ids = new TargetIds(location.targetId, mappings);
  const posById = new Map(posItems.map((i) => [i.id, i]));
  const posModifiers = new Map<string, PosModifier>();
  for (const item of posItems) for (const m of item.modifiers) posModifiers.set(m.id, m);
  const tabs: MenuDriftReport['tabs'] = { unmapped: [], unknownInPos: [], priceDiffers: [] };
  let products = 0;
  let modifiers = 0;
  for (const item of catalog.filter((i) => i.active)) {
    products++;
    const productId = ids.item(item);
    const posItem = productId === null ? undefined : posById.get(productId);
    classify(tabs, entry('product', item, null, productId, item.price), productId !== null && !posItem, posItem?.price);
    for (const m of item.modifiers) {
      modifiers++;
      const modifierId = ids.modifier(item, m);
      const posModifier = modifierId === null ? undefined : posModifiers.get(modifierId);
      const unknown = modifierId !== null && !posModifier;
      classify(tabs, entry('modifier', item, m, modifierId, m.price), unknown, posModifier?.price);
    }
  }
  return {
    locationId: location.id,
    targetId: location.targetId,
    checkedAt: ctx.now().toISOString(),
    tabs,
    counts: {
      products,
      modifiers,
      unmapped: tabs.unmapped.length,
      unknownInPos: tabs.unknownInPos.length,
      priceDiffers: tabs.priceDiffers.length,
    },
  };
}

function entry(
  kind: MenuDriftEntry['kind'],
  item: PosItem,
  modifier: PosModifier | null,
  externalId: string | null,
  price: Money | null | undefined,
): MenuDriftEntry {
  return {
    kind,
    itemId: item.id,
    modifierId: modifier?.id ?? null,
    name: modifier ? `${item.name} / ${modifier.name}` : item.name,
    externalId,
    catalogPrice: price ?? null,
    posPrice: null,
  };
}

function classify(
  tabs: MenuDriftReport['tabs'],
  e: MenuDriftEntry,
  unknown: boolean,
  posPrice: Money | null | undefined,
): void {
  if (e.externalId === null) return void tabs.unmapped.push(e);
  if (unknown) return void tabs.unknownInPos.push(e);
  const withPrice = { ...e, posPrice: posPrice ?? null };
  if (pricesDiffer(e.catalogPrice, posPrice ?? null)) tabs.priceDiffers.push(withPrice);
}

/** Two prices differ when both are known and their currency or amount (in minor units) differs. */
export function pricesDiffer(a: Money | null, b: Money | null): boolean {
  if (!a || !b) return false;
  return a.currency !== b.currency || toMinorUnits(a, 4) !== toMinorUnits(b, 4);
}
