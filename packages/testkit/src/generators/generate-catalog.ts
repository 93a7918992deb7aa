import type { Listing, PosItem, StockLevel } from '@omnisync/core';
import { createRandom } from './random';

/** How a generated catalog is shaped. Shares are fractions in [0, 1]. */
export interface CatalogSpec {
  seed: number;
  /** POS products; each may have variants (each variant is one PosItem). */
  products: number;
  /** Share of products that have 2–4 variants. */
  variantShare?: number;
  /** Share of POS items whose SKU repeats another item's (a conflict). */
  duplicateSkuShare?: number;
  /** Channels and the share of POS items each lists. */
  channels?: { id: string; coverage: number }[];
  /** Share of listings with no SKU. */
  emptySkuShare?: number;
  /** Share of listings whose SKU differs only in case, or in outer/inner whitespace. */
  caseVariantShare?: number;
  whitespaceVariantShare?: number;
  /** Share of listings with no POS item behind them (a SKU the POS does not know). */
  unknownSkuShare?: number;
  /** Share of listed items listed twice on one channel (multiple listing). */
  multipleListingShare?: number;
  /** Share of listings that are inactive. */
  inactiveShare?: number;
  warehouses?: string[];
  currency?: string;
  /** ISO time all records are stamped with. */
  at?: string;
}

/** A generated POS catalog, its stock, and each channel's listings. */
export interface GeneratedCatalog {
  items: PosItem[];
  stock: StockLevel[];
  listings: Record<string, Listing[]>;
}

const SIZES = ['S', 'M', 'L', 'XL'];

/**
 * Generate a seeded catalog with the messy parts real merchants have:
 * variants, duplicate SKUs, listings with no SKU, SKUs differing only in case
 * or whitespace, unknown SKUs, multiple listings, inactive listings.
 */
export function generateCatalog(spec: CatalogSpec): GeneratedCatalog {
  const r = createRandom(spec.seed);
  const at = spec.at ?? '2026-11-01T00:00:00.000Z';
  const currency = spec.currency ?? 'IDR';
  const warehouses = spec.warehouses ?? ['main'];
  const items: PosItem[] = [];
  for (let p = 0; p < spec.products; p++) {
    const variants = r.chance(spec.variantShare ?? 0.2) ? r.int(2, 4) : 1;
    for (let v = 0; v < variants; v++) {
      const base = `P${String(p).padStart(6, '0')}`;
      items.push({
        id: `item-${p}-${v}`,
        sku: variants > 1 ? `${base}-${SIZES[v]}` : base,
        barcode: null,
        name: `Product ${p}${variants > 1 ? ` ${SIZES[v]}` : ''}`,
        parentId: variants > 1 ? `product-${p}` : null,
        attributes: variants > 1 ? { size: SIZES[v]! } : {},
        price: { amount: `${r.int(10, 500)}000.00`, currency },
        externalIds: {},
        modifiers: [],
        components: [],
        active: true,
        updatedAt: at,
      });
    }
  }
  const duplicates = Math.floor(items.length * (spec.duplicateSkuShare ?? 0));
  for (let d = 0; d < duplicates; d++) {
    const a = r.pick(items);
    const b = r.pick(items);
    if (a !== b) b.sku = a.sku;
  }
  const stock: StockLevel[] = items.flatMap((item) =>
    warehouses.map((warehouseId) => ({ itemId: item.id, warehouseId, onHand: r.int(0, 40), reserved: 0 })),
  );
  const listings: Record<string, Listing[]> = {};
  for (const channel of spec.channels ?? []) {
    const out: Listing[] = [];
    let n = 0;
    const add = (sku: string | null, title: string, price: PosItem['price']) => {
      n++;
      out.push({
        channelId: channel.id,
        listingId: `${channel.id}-${n}`,
        variantId: null,
        sku,
        title,
        status: r.chance(spec.inactiveShare ?? 0.05) ? 'inactive' : 'live',
        quantity: r.int(0, 40),
        price: price ?? null,
        attributes: {},
        updatedAt: at,
      });
    };
    for (const item of items) {
      if (!r.chance(channel.coverage)) continue;
      let sku: string | null = item.sku;
      if (r.chance(spec.emptySkuShare ?? 0)) sku = r.chance(0.5) ? null : '  ';
      else if (r.chance(spec.caseVariantShare ?? 0)) sku = (sku ?? '').toLowerCase();
      else if (r.chance(spec.whitespaceVariantShare ?? 0)) sku = ` ${(sku ?? '').replace('-', '  -')} `;
      add(sku, item.name, item.price);
      if (r.chance(spec.multipleListingShare ?? 0)) add(item.sku, `${item.name} (bundle page)`, item.price);
    }
    const unknown = Math.floor(out.length * (spec.unknownSkuShare ?? 0));
    for (let u = 0; u < unknown; u++) add(`UNKNOWN-${channel.id}-${u}`, `Channel-only ${u}`, null);
    listings[channel.id] = out;
  }
  return { items, stock, listings };
}
