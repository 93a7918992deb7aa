import { fromMinorUnits, type PosItem, type PosModifier } from '@omnisync/core';
import type { PosterProduct } from './poster-api';

/** Separates product_id and modificator_id in the id of a product modification (`139:147`). */
export const MODIFICATION_SEPARATOR = ':';

/** The Poster ids behind a PosItem id: `139` or `139:147` (product 139, modification 147). */
export function parsePosterItemId(id: string): { productId: string; modificatorId: string | null } {
  const [productId = id, modificatorId] = id.split(MODIFICATION_SEPARATOR);
  return { productId, modificatorId: modificatorId ?? null };
}

function priceAt(spots: PosterProduct['spots'], spotId: string | null, currency: string) {
  const spot = spots.find((s) => s.spot_id === spotId) ?? spots[0];
  if (spot?.price == null || Number.isNaN(spot.price)) return null;
  return { amount: fromMinorUnits(Math.round(spot.price)), currency };
}

/** A dish modification price is in money (e.g. 99.99), not kopecks. */
function moneyPrice(price: number | null | undefined, currency: string) {
  if (price == null || Number.isNaN(price)) return null;
  return { amount: fromMinorUnits(Math.round(price * 100)), currency };
}

function modifiersOf(product: PosterProduct, currency: string): PosModifier[] {
  return (product.group_modifications ?? [])
    .filter((g) => !g.is_deleted)
    .flatMap((group) =>
      group.modifications.map((m) => ({
        id: m.dish_modification_id,
        name: m.name,
        groupId: group.dish_modification_group_id,
        price: moneyPrice(m.price, currency),
        externalIds: {},
      })),
    );
}

/**
 * A Poster product or dish as PosItems: one item per product, or one per
 * product modification (`product_id:modificator_id`, with `parentId`); the
 * dish modifications of its modifier groups as `modifiers` (their ids are
 * what `modification: [{ m, a }]` takes). Prices are the spot's, in kopecks → decimal.
 */
export function convertPosterProduct(product: PosterProduct, spotId: string | null, currency: string): PosItem[] {
  const base = {
    barcode: product.barcode || null,
    attributes: {},
    externalIds: {},
    components: [],
    active: product.hidden !== '1',
    updatedAt: new Date(0).toISOString(),
  };
  const modifications = product.modifications ?? [];
  if (modifications.length === 0) {
    return [
      {
        ...base,
        id: product.product_id,
        sku: product.product_code || null,
        name: product.product_name,
        price: priceAt(product.spots, spotId, currency),
        modifiers: modifiersOf(product, currency),
      },
    ];
  }
  return modifications.map((m) => ({
    ...base,
    id: `${product.product_id}${MODIFICATION_SEPARATOR}${m.modificator_id}`,
    parentId: product.product_id,
    sku: m.modificator_product_code || null,
    barcode: m.modificator_barcode || base.barcode,
    name: `${product.product_name} ${m.modificator_name}`.trim(),
    attributes: { modification: m.modificator_name.trim() },
    price: priceAt(m.spots, spotId, currency),
    modifiers: [],
  }));
}

/** The ingredient whose leftovers are an item's stock (products and modifications have one; dishes do not). */
export function ingredientOf(product: PosterProduct, modificatorId: string | null): string | null {
  if (modificatorId) {
    const m = product.modifications?.find((x) => x.modificator_id === modificatorId);
    return m?.ingredient_id && m.ingredient_id !== '0' ? m.ingredient_id : null;
  }
  return product.ingredient_id && product.ingredient_id !== '0' ? product.ingredient_id : null;
}
