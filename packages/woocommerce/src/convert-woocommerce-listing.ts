import { ChannelPayloadError, DecimalString, type Listing, type ListingStatus } from '@omnisync/core';
import { gmtToIso, type WooProduct, type WooVariation } from './woocommerce-api';

/** What a conversion needs besides the payload. */
export interface WooListingContext {
  channelId: string;
  /** The store currency, or null when unknown (prices are then left out). */
  currency: string | null;
}

/**
 * Product types that are sold as themselves. A `variable` product is sold
 * through its variations (each its own listing); `grouped` products only
 * group other products and `external` ones are sold on another site, so
 * neither is a listing.
 */
export function isSimpleListingType(type: string | null | undefined): boolean {
  return !type || type === 'simple';
}

/** Map a WordPress post status to a listing status: only `publish` is live. */
export function listingStatusOf(status: string | null | undefined): ListingStatus {
  if (status === 'publish') return 'live';
  if (status === 'trash') return 'deleted';
  return 'inactive';
}

/** Convert a simple product into a listing (`listingId` = product id, no variant). */
export function convertWooCommerceProduct(product: WooProduct, ctx: WooListingContext): Listing {
  if (product.type === 'variation' && product.parent_id) return convertSkuSearchVariation(product, ctx);
  return {
    channelId: ctx.channelId,
    listingId: String(product.id),
    variantId: null,
    sku: product.sku || null,
    title: product.name ?? '',
    status: listingStatusOf(product.status),
    quantity: quantityOf(product),
    price: priceOf(product.price || product.regular_price, ctx.currency),
    attributes: {},
    updatedAt: updatedAtOf(product, 'product', String(product.id)),
    raw: product,
  };
}

/**
 * Convert one variation of a variable product: `listingId` is the parent
 * product id, `variantId` the variation id, and the variation's own SKU,
 * stock and price. It is live only when both the parent and the variation
 * are published.
 */
export function convertWooCommerceVariation(
  parent: WooProduct,
  variation: WooVariation,
  ctx: WooListingContext,
): Listing {
  const attributes = attributesOf(variation);
  const parentLive = listingStatusOf(parent.status) === 'live';
  const own = listingStatusOf(variation.status);
  return {
    channelId: ctx.channelId,
    listingId: String(parent.id),
    variantId: String(variation.id),
    sku: variation.sku || null,
    title: variation.name || variationTitle(parent.name ?? '', attributes),
    status: own === 'live' && !parentLive ? listingStatusOf(parent.status) : own,
    quantity: variation.manage_stock === 'parent' ? quantityOf(parent) : quantityOf(variation),
    price: priceOf(variation.price || variation.regular_price, ctx.currency),
    attributes,
    updatedAt: updatedAtOf(variation, 'variation', String(variation.id), parent),
    raw: variation,
  };
}

/** `GET /products?sku=` also finds variations (`type: "variation"`, with `parent_id`). */
function convertSkuSearchVariation(product: WooProduct, ctx: WooListingContext): Listing {
  const variation = { ...product, attributes: undefined } as WooVariation;
  const listing = convertWooCommerceVariation(
    { id: Number(product.parent_id), status: 'publish' } as WooProduct,
    variation,
    ctx,
  );
  return { ...listing, status: listingStatusOf(product.status), title: product.name ?? '', raw: product };
}

function quantityOf(item: Pick<WooProduct, 'manage_stock' | 'stock_quantity'>): number | null {
  return item.manage_stock === true ? (item.stock_quantity ?? 0) : null;
}

function priceOf(amount: string | null | undefined, currency: string | null): Listing['price'] {
  if (!amount || !currency || !DecimalString.safeParse(amount).success) return null;
  return { amount, currency };
}

function attributesOf(variation: WooVariation): Record<string, string> {
  const out: Record<string, string> = {};
  for (const attribute of variation.attributes ?? []) {
    if (attribute.option) out[attribute.name] = attribute.option;
  }
  return out;
}

function variationTitle(parentName: string, attributes: Record<string, string>): string {
  const options = Object.values(attributes);
  return options.length ? `${parentName} - ${options.join(', ')}` : parentName;
}

function updatedAtOf(
  item: Pick<WooProduct, 'date_modified_gmt' | 'date_created_gmt'>,
  subject: string,
  id: string,
  fallback?: Pick<WooProduct, 'date_modified_gmt' | 'date_created_gmt'>,
): string {
  const iso =
    gmtToIso(item.date_modified_gmt) ??
    gmtToIso(item.date_created_gmt) ??
    gmtToIso(fallback?.date_modified_gmt) ??
    gmtToIso(fallback?.date_created_gmt);
  if (iso) return iso;
  throw new ChannelPayloadError(
    'woocommerce',
    subject,
    [{ path: 'date_modified_gmt', message: 'expected a date-time' }],
    {
      details: { id },
    },
  );
}
