import { createRandom } from '../random';
import type { MockListingInput } from './listing-book';

/** Options of `generateMockListings`. */
export interface GenerateListingsOptions {
  /** How many listing rows to make. */
  count: number;
  seed?: string | number;
  /** Share (0..1) of listings made as a parent with three size variants (each variant counts as a row). */
  variantShare?: number;
  /** SKU prefix (default `SKU-`). */
  skuPrefix?: string;
}

const SIZES = ['S', 'M', 'L'];

/**
 * A seeded catalog for the mock channel: `count` live rows with SKUs
 * `SKU-000001`..., prices and quantities drawn from the seed. For richer
 * catalogs (duplicate SKUs, missing SKUs) use `@omnisync/testkit`'s generators.
 */
export function generateMockListings(options: GenerateListingsOptions): MockListingInput[] {
  const random = createRandom(options.seed ?? 'catalog');
  const prefix = options.skuPrefix ?? 'SKU-';
  const out: MockListingInput[] = [];
  let rows = 0;
  while (rows < options.count) {
    const n = String(out.length + 1).padStart(6, '0');
    const price = `${random.int(10, 500) * 1000}.00`;
    const withVariants = options.count - rows >= SIZES.length && random.chance(options.variantShare ?? 0);
    if (withVariants) {
      out.push({
        title: `Product ${n}`,
        price,
        variants: SIZES.map((size) => ({
          sku: `${prefix}${n}-${size}`,
          title: `Product ${n} ${size}`,
          quantity: random.int(0, 50),
          attributes: { size },
        })),
      });
      rows += SIZES.length;
    } else {
      out.push({ sku: `${prefix}${n}`, title: `Product ${n}`, price, quantity: random.int(0, 50) });
      rows += 1;
    }
  }
  return out;
}
