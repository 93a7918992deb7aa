import { type CallOptionsV1, InvalidArgumentError, type Listing, type ListingDraft } from '@omnisync/core';
import { z } from 'zod';
import {
  convertWooCommerceProduct,
  convertWooCommerceVariation,
  type WooListingContext,
} from './convert-woocommerce-listing';
import { WooProduct, WooVariation } from './woocommerce-api';
import type { WooCommerceApi } from './woocommerce-client';

const Products = z.array(WooProduct);

/**
 * Upload one listing (product upload from the POS): a simple product with
 * managed stock, or, when the draft has `parentSku`, a variation of that
 * variable product.
 */
export async function createWooListing(
  api: WooCommerceApi,
  draft: ListingDraft,
  ctx: WooListingContext,
  options: CallOptionsV1 = {},
): Promise<Listing> {
  const call = { signal: options.signal, priority: options.priority ?? 'catalog' } as const;
  if (draft.parentSku) return createVariationListing(api, draft, call, ctx);
  // https://woocommerce.github.io/woocommerce-rest-api-docs/#create-a-product
  const response = await api.call({
    method: 'POST',
    path: '/products',
    json: {
      name: draft.title,
      type: 'simple',
      status: 'publish',
      sku: draft.sku,
      regular_price: draft.price?.amount,
      description: draft.description ?? undefined,
      manage_stock: true,
      stock_quantity: draft.quantity,
    },
    schema: WooProduct,
    ...call,
  });
  return convertWooCommerceProduct(response.data, ctx);
}

/**
 * A draft with `parentSku` becomes a variation of the variable product with
 * that SKU (created when missing); the draft's attributes are the variation's
 * options and are added to the parent's attribute options.
 */
async function createVariationListing(
  api: WooCommerceApi,
  draft: ListingDraft,
  call: CallOptionsV1,
  ctx: WooListingContext,
): Promise<Listing> {
  if (Object.keys(draft.attributes).length === 0) {
    throw new InvalidArgumentError(`A variation draft (parentSku "${draft.parentSku}") needs at least one attribute.`);
  }
  const parent = await findOrCreateParent(api, draft, call);
  // https://woocommerce.github.io/woocommerce-rest-api-docs/#create-a-product-variation
  const response = await api.call({
    method: 'POST',
    path: '/products/{id}/variations',
    params: { id: parent.id },
    json: {
      sku: draft.sku,
      regular_price: draft.price?.amount,
      manage_stock: true,
      stock_quantity: draft.quantity,
      attributes: Object.entries(draft.attributes).map(([name, option]) => ({ name, option })),
    },
    schema: WooVariation,
    ...call,
  });
  return convertWooCommerceVariation(parent, response.data, ctx);
}

async function findOrCreateParent(api: WooCommerceApi, draft: ListingDraft, call: CallOptionsV1): Promise<WooProduct> {
  const found = await api.call({ path: '/products', query: { sku: draft.parentSku ?? '' }, schema: Products, ...call });
  const existing = found.data.find((p) => p.sku === draft.parentSku);
  if (existing && existing.type !== 'variable') {
    throw new InvalidArgumentError(
      `The parent SKU "${draft.parentSku}" belongs to a ${existing.type} product, not a variable one.`,
    );
  }
  const attributes = mergeAttributes(existing, draft.attributes);
  if (existing) {
    const updated = await api.call({
      method: 'PUT',
      path: '/products/{id}',
      params: { id: existing.id },
      json: { attributes },
      schema: WooProduct,
      idempotent: true,
      ...call,
    });
    return updated.data;
  }
  const created = await api.call({
    method: 'POST',
    path: '/products',
    json: { name: draft.title, type: 'variable', status: 'publish', sku: draft.parentSku, attributes },
    schema: WooProduct,
    ...call,
  });
  return created.data;
}

const ParentAttribute = z.looseObject({ name: z.string(), options: z.array(z.string()).nullish() });

function mergeAttributes(parent: WooProduct | undefined, wanted: Record<string, string>) {
  const current = (parent?.attributes ?? []).flatMap((a) => {
    const parsed = ParentAttribute.safeParse(a);
    return parsed.success ? [parsed.data] : [];
  });
  const byName = new Map(current.map((a) => [a.name, new Set(a.options ?? [])]));
  for (const [name, option] of Object.entries(wanted)) byName.set(name, (byName.get(name) ?? new Set()).add(option));
  return [...byName].map(([name, options], position) => ({
    name,
    position,
    visible: true,
    variation: true,
    options: [...options],
  }));
}
