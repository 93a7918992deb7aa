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
/** Matching options with their defaults filled in. */
export type MatchingOptions = z.output<typeof MatchingOptions>;
/** Matching options as passed in, before defaults are filled in. */
export type MatchingOptionsInput = z.input<typeof MatchingOptions>;

/**
 * Normalise a SKU for matching: trim, fold inner whitespace runs to one space,
 * optionally lower-case, then the custom function. Empty SKUs become null.
 */
export function normalizeSku(sku: string | null | undefined, options: Partial<MatchingOptions> = {}): string | null {
  if (sku == null) return null;
  let out = foldWhitespace(sku);
  if (options.caseInsensitive) out = out.toLowerCase();
  if (options.normalize) out = options.normalize(out);
  return out.length > 0 ? out : null;
}

const WHITESPACE_RUN = /\s+/g;

/**
 * Trim and fold inner whitespace runs to one space. Most SKUs are printable
 * ASCII with no space, so a scan of their char codes settles them without a
 * regex: only a code at or below the space (32) or at or above U+00A0 (where
 * `\s`'s other members live) sends the SKU to the regex path.
 */
function foldWhitespace(sku: string): string {
  for (let i = 0; i < sku.length; i++) {
    const c = sku.charCodeAt(i);
    if (c <= 32 || c >= 0xa0) return sku.trim().replace(WHITESPACE_RUN, ' ');
  }
  return sku;
}

/** A SKU normaliser bound to its options: what `normalizeSku` does, for hot loops. */
export type SkuNormalizer = (sku: string | null | undefined) => string | null;

/**
 * Bind `normalizeSku` to options once. Most SKUs hold no whitespace, so the
 * common path is one scan of the char codes and no allocation.
 */
export function createSkuNormalizer(options: Partial<MatchingOptions> = {}): SkuNormalizer {
  if (!options.caseInsensitive && !options.normalize) {
    return (sku) => {
      if (sku == null) return null;
      const out = foldWhitespace(sku);
      return out.length > 0 ? out : null;
    };
  }
  return (sku) => normalizeSku(sku, options);
}
