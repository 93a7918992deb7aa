import { z } from 'zod';

/** The stock of one POS item in one warehouse. */
export const StockLevel = z.object({
  itemId: z.string().min(1),
  warehouseId: z.string().min(1),
  onHand: z.number().int().describe('Units physically present.'),
  reserved: z.number().int().nonnegative().default(0).describe('Units blocked by orders not yet fulfilled.'),
});
export type StockLevel = z.infer<typeof StockLevel>;

/** A quantity to set on one channel listing. */
export const StockUpdate = z.object({
  listingId: z.string().min(1),
  variantId: z.string().nullish(),
  sku: z.string().nullish(),
  quantity: z.number().int().nonnegative(),
  active: z.boolean().nullish().describe('Set to false to deactivate the listing (at zero), true to reactivate it.'),
  expectedQuantity: z
    .number()
    .int()
    .nullish()
    .describe('Compare-and-set: apply only if the channel still holds this quantity (where supported).'),
});
export type StockUpdate = z.infer<typeof StockUpdate>;

/** The per-item outcome of a stock update: partial failure is normal. */
export interface StockUpdateResult {
  listingId: string;
  variantId?: string | null;
  ok: boolean;
  /** The quantity the channel reports after the write, when it says. */
  quantity?: number | null;
  /** Set when a compare-and-set write found another quantity: the channel's actual quantity. */
  conflict?: { actualQuantity: number } | null;
  error?: { code: string; message: string; retryable: boolean } | null;
}
