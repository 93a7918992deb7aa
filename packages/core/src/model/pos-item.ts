import { z } from 'zod';
import { Money } from './money';

/** A modifier of a POS item (an add-on, an option), with its own external ids per POS or channel. */
export const PosModifier = z.object({
  id: z.string().min(1),
  name: z.string(),
  groupId: z.string().nullish(),
  price: Money.nullish(),
  externalIds: z.record(z.string(), z.string()).default({}),
});
export type PosModifier = z.infer<typeof PosModifier>;

/** One component of a bundle or kit: `quantity` units of item `itemId` per unit of the bundle. */
export const BundleComponent = z.object({ itemId: z.string().min(1), quantity: z.number().int().positive() });
export type BundleComponent = z.infer<typeof BundleComponent>;

/** A sellable item (a product or one variant of it) in the POS, the system of record. */
export const PosItem = z.object({
  id: z.string().min(1),
  sku: z.string().nullable().describe('The SKU channels match on; null when the item has none.'),
  barcode: z.string().nullish(),
  name: z.string(),
  parentId: z.string().nullish().describe('The product this variant belongs to, when it is a variant.'),
  attributes: z.record(z.string(), z.string()).default({}).describe('Variant attributes, e.g. { size: "M" }.'),
  price: Money.nullish(),
  externalIds: z
    .record(z.string(), z.string())
    .default({})
    .describe('Explicit mapping per channel (or POS) id: the listing ref there. Wins over SKU matching.'),
  modifiers: z.array(PosModifier).default([]),
  components: z.array(BundleComponent).default([]).describe('For bundles and kits: what one unit is made of.'),
  active: z.boolean().default(true),
  updatedAt: z.iso.datetime({ offset: true }),
});
export type PosItem = z.infer<typeof PosItem>;
/** A `PosItem` as a POS connector builds it: fields with defaults may be left out. */
export type PosItemInput = z.input<typeof PosItem>;
