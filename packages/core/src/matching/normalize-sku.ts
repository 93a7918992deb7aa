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
  let out = sku.trim().replace(/\s+/g, ' ');
  if (options.caseInsensitive) out = out.toLowerCase();
  if (options.normalize) out = options.normalize(out);
  return out.length > 0 ? out : null;
}
