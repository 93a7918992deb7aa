import { z } from 'zod';

/** How SKUs are compared between the POS and the channels. */
export const MatchingOptions = z
  .object({
    caseInsensitive: z.boolean().default(false).describe('Treat "ab-1" and "AB-1" as the same SKU.'),
    normalize: z
      .custom<(sku: string) => string>((v) => typeof v === 'function', 'expected a function (sku) => string')
      .optional()
      .describe('A custom normalisation applied after the default one.'),
  })
  .strict();
export type MatchingOptions = z.output<typeof MatchingOptions>;
export type MatchingOptionsInput = z.input<typeof MatchingOptions>;

/**
 * Normalise a SKU for matching: trim, fold inner whitespace runs to one space,
 * optionally lower-case, then the custom function. Empty SKUs become null.
 */
export function normalizeSku(sku: string | null | undefined, options: Partial<MatchingOptions> = {}): string | null {
  if (sku == null) return null;
  let out = HAS_WHITESPACE.test(sku) ? sku.trim().replace(WHITESPACE_RUN, ' ') : sku;
  if (options.caseInsensitive) out = out.toLowerCase();
  if (options.normalize) out = options.normalize(out);
  return out.length > 0 ? out : null;
}

const HAS_WHITESPACE = /\s/;
const WHITESPACE_RUN = /\s+/g;

/** A SKU normaliser bound to its options: what `normalizeSku` does, for hot loops. */
export type SkuNormalizer = (sku: string | null | undefined) => string | null;

/**
 * Bind `normalizeSku` to options once. Most SKUs hold no whitespace, so the
 * common path is one native regex test and no allocation.
 */
export function createSkuNormalizer(options: Partial<MatchingOptions> = {}): SkuNormalizer {
  if (!options.caseInsensitive && !options.normalize) {
    return (sku) => {
      if (sku == null) return null;
      const out = HAS_WHITESPACE.test(sku) ? sku.trim().replace(WHITESPACE_RUN, ' ') : sku;
      return out.length > 0 ? out : null;
    };
  }
  return (sku) => normalizeSku(sku, options);
}
