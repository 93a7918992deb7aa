import {
  type CallOptionsV1,
  ChannelPayloadError,
  type Listing,
  type ListingDraft,
  type ListingRef,
  type ListListingsArgsV1,
  listingKey,
  type PageV1,
  parsePayload,
  type RejectedItemV1,
  rawItemId,
} from '@omnisync/core';
import { paginatePages } from '@omnisync/core/http';
import { z } from 'zod';
import {
  convertWooCommerceProduct,
  convertWooCommerceVariation,
  isSimpleListingType,
  type WooListingContext,
} from './convert-woocommerce-listing';
import { WooCurrentCurrency, WooProduct, WooVariation } from './woocommerce-api';
import { totalsOf, toWooGmt, type WooCommerceApi } from './woocommerce-client';
import { isNotFound } from './woocommerce-error';
import type { WooCommerceSettings } from './woocommerce-settings';
import { createWooListing } from './woocommerce-upload';

const Products = z.array(WooProduct);
const Variations = z.array(WooVariation);
/** A page envelope only: each product is parsed on its own, so one malformed product is rejected alone. */
const ProductRows = z.array(z.unknown());

/** One raw product of a page: its listings (none for grouped or external products), or why it was rejected. */
type ParsedProduct = { listings: Listing[] } | { rejected: RejectedItemV1 };

/** Products and variations of one store, as listings. */
export interface WooProducts {
  listListings(args: ListListingsArgsV1): AsyncIterable<PageV1<Listing>>;
  getListing(ref: { sku: string } | ListingRef, options?: CallOptionsV1): Promise<Listing | null>;
  createListing(draft: ListingDraft, options?: CallOptionsV1): Promise<Listing>;
  /** Convert a product payload (e.g. from a webhook), reading a variable product's variations. */
  listingsOf(product: WooProduct, options?: CallOptionsV1): Promise<Listing[]>;
}

/** Build the product side of the connector over the store's API. */
export function createWooProducts(api: WooCommerceApi, settings: WooCommerceSettings): WooProducts {
  let currency: Promise<string | null> | null = settings.currency ? Promise.resolve(settings.currency) : null;
  const context = async (signal?: AbortSignal): Promise<WooListingContext> => {
    currency ??= readCurrency(api, signal);
    return { channelId: settings.channelId, currency: await currency };
  };

  const listingsOf = async (product: WooProduct, options: CallOptionsV1 = {}): Promise<Listing[]> => {
    const ctx = await context(options.signal);
    if (product.type === 'variable') {
      const variations = await readVariations(api, product.id, settings.pageSize, options);
      return variations.map((variation) => convertWooCommerceVariation(product, variation, ctx));
    }
    if (product.type === 'variation' || isSimpleListingType(product.type))
      return [convertWooCommerceProduct(product, ctx)];
    return [];
  };

  return {
    listingsOf,
    // https://woocommerce.github.io/woocommerce-rest-api-docs/#list-all-products
    async *listListings(args) {
      const query = {
        per_page: settings.pageSize,
        orderby: 'id',
        order: 'asc',
        status: args.status === 'active' ? 'publish' : 'any',
        // modified_after is strictly after, to the second: one second earlier makes it "at or after".
        modified_after: args.updatedSince ? toWooGmt(args.updatedSince, -1) : undefined,
        dates_are_gmt: args.updatedSince ? true : undefined,
      };
      const read = (concurrency: number) =>
        readProductPages(api, query, concurrency, listingsOf, {
          signal: args.signal,
          priority: args.priority ?? 'catalog',
        });
      const seen = new Set<string>();
      const rejectedIds = new Set<string>();
      const keep = (products: ParsedProduct[]): Pick<PageV1<Listing>, 'items' | 'rejected'> => {
        const listings = products.flatMap((p) => ('listings' in p ? p.listings : []));
        const items = listings.filter((l) => {
          const key = listingKey(l);
          if (seen.has(key) || (args.status === 'active' && l.status !== 'live')) return false;
          seen.add(key);
          return true;
        });
        const rejected = products.flatMap((p) => ('rejected' in p ? [p.rejected] : []));
        // A product rejected on the first read and on the recheck is reported once.
        const fresh = rejected.filter((r) => r.id === null || (!rejectedIds.has(r.id) && !!rejectedIds.add(r.id)));
        return { items, rejected: fresh };
      };
      const totals = { first: null as number | null, last: null as number | null, products: 0 };
      for await (const page of read(settings.concurrentPages)) {
        if (page.page === 1) totals.first = page.total;
        totals.last = page.total;
        totals.products += page.items.length;
        yield { ...keep(page.items), page: page.page, total: null };
      }
      // A product deleted while we paged shifts the later ones back a page: one went unread. Read once more
      // and yield only what was missed, so a full scan never marks a live listing deleted.
      if (totals.first === null || (totals.first === totals.last && totals.products >= totals.last)) return;
      for await (const page of read(1)) yield { ...keep(page.items), page: `recheck-${page.page}`, total: null };
    },
    async getListing(ref, options = {}) {
      const call = { signal: options.signal, priority: options.priority ?? 'catalog' } as const;
      if ('sku' in ref) {
        // https://woocommerce.github.io/woocommerce-rest-api-docs/#list-all-products (sku filter; finds variations too)
        const response = await api.call({ path: '/products', query: { sku: ref.sku }, schema: Products, ...call });
        const match = response.data.find((p) => p.sku === ref.sku);
        if (!match) return null;
        return (await listingsOf(match, call)).find((l) => l.sku === ref.sku) ?? null;
      }
      return readByRef(api, ref, call, await context(options.signal));
    },
    createListing: async (draft, options = {}) => createWooListing(api, draft, await context(options.signal), options),
  };
}

/**
 * Pages of products, each product parsed on its own with its listings (none
 * for grouped or external products); a product that is malformed, or whose
 * variations are, becomes a rejected item naming the field.
 */
function readProductPages(
  api: WooCommerceApi,
  query: Record<string, string | number | boolean | undefined>,
  concurrency: number,
  listingsOf: (product: WooProduct, options: CallOptionsV1) => Promise<Listing[]>,
  options: CallOptionsV1,
) {
  return paginatePages<ParsedProduct>({
    concurrency,
    signal: options.signal,
    fetchPage: async (page, signal) => {
      const response = await api.call({
        path: '/products',
        query: { ...query, page },
        schema: ProductRows,
        ...options,
        signal,
      });
      const items = await Promise.all(
        response.data.map((raw) => parseProduct(raw, listingsOf, { ...options, signal })),
      );
      return { items, ...totalsOf(response.headers) };
    },
  });
}

async function parseProduct(
  raw: unknown,
  listingsOf: (product: WooProduct, options: CallOptionsV1) => Promise<Listing[]>,
  options: CallOptionsV1,
): Promise<ParsedProduct> {
  try {
    return { listings: await listingsOf(parsePayload('woocommerce', 'product', WooProduct, raw), options) };
  } catch (error) {
    if (!ChannelPayloadError.isInstance(error)) throw error;
    return { rejected: { id: rawItemId(raw, 'id'), error } };
  }
}

async function readCurrency(api: WooCommerceApi, signal?: AbortSignal): Promise<string | null> {
  try {
    // https://woocommerce.github.io/woocommerce-rest-api-docs/#retrieve-current-currency
    const response = await api.call({ path: '/data/currencies/current', schema: WooCurrentCurrency, signal });
    return response.data.code.toUpperCase();
  } catch {
    return null;
  }
}

/** Every variation of a variable product, page by page. */
async function readVariations(
  api: WooCommerceApi,
  productId: number,
  perPage: number,
  options: CallOptionsV1,
): Promise<WooVariation[]> {
  const out: WooVariation[] = [];
  // https://woocommerce.github.io/woocommerce-rest-api-docs/#list-all-product-variations
  const pages = paginatePages<WooVariation>({
    signal: options.signal,
    fetchPage: async (page, signal) => {
      const response = await api.call({
        path: '/products/{id}/variations',
        params: { id: productId },
        query: { page, per_page: perPage, orderby: 'id', order: 'asc' },
        schema: Variations,
        priority: options.priority,
        signal,
      });
      return { items: response.data, ...totalsOf(response.headers) };
    },
  });
  for await (const page of pages) out.push(...page.items);
  return out;
}

async function readByRef(
  api: WooCommerceApi,
  ref: ListingRef,
  call: CallOptionsV1,
  ctx: WooListingContext,
): Promise<Listing | null> {
  try {
    const parent = await api.call({
      path: '/products/{id}',
      params: { id: ref.listingId },
      schema: WooProduct,
      ...call,
    });
    if (!ref.variantId)
      return isSimpleListingType(parent.data.type) ? convertWooCommerceProduct(parent.data, ctx) : null;
    const variation = await api.call({
      path: '/products/{id}/variations/{variationId}',
      params: { id: ref.listingId, variationId: ref.variantId },
      schema: WooVariation,
      ...call,
    });
    return convertWooCommerceVariation(parent.data, variation.data, ctx);
  } catch (error) {
    if (isNotFound(error)) return null;
    throw error;
  }
}
