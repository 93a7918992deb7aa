import { z } from 'zod';
import { Money } from './money';

/** A listing's status on its channel. */
export const ListingStatus = z.enum(['live', 'inactive', 'archived', 'deleted']);
export type ListingStatus = z.infer<typeof ListingStatus>;

/** One sellable listing (or one variant of a listing) on a channel. */
export const Listing = z.object({
  channelId: z.string().min(1),
  listingId: z.string().min(1),
  variantId: z.string().nullish().describe('The variant id when the listing has variants; null otherwise.'),
  sku: z.string().nullable().describe('The seller SKU; null or empty when the channel has none.'),
  title: z.string(),
  status: ListingStatus,
  quantity: z.number().int().nullable(),
  price: Money.nullish(),
  attributes: z.record(z.string(), z.string()).default({}),
  updatedAt: z.iso.datetime({ offset: true }),
  raw: z.unknown().optional().describe('The channel payload this listing came from.'),
});
export type Listing = z.infer<typeof Listing>;
/** A `Listing` as a connector builds it: fields with defaults may be left out. */
export type ListingInput = z.input<typeof Listing>;

/** A listing to create on a channel (product upload). */
export const ListingDraft = z.object({
  sku: z.string().min(1),
  title: z.string().min(1),
  price: Money.nullish(),
  quantity: z.number().int().nonnegative().default(0),
  attributes: z.record(z.string(), z.string()).default({}),
  parentSku: z.string().nullish().describe('Group variants under one parent listing where the channel supports it.'),
  description: z.string().nullish(),
});
export type ListingDraft = z.infer<typeof ListingDraft>;

/** Identifies a listing within its channel. */
export interface ListingRef {
  listingId: string;
  variantId?: string | null;
}

/** A stable string key for a listing within its channel: `listingId` or `listingId:variantId`. */
export function listingKey(ref: ListingRef): string {
  return ref.variantId ? `${ref.listingId}:${ref.variantId}` : ref.listingId;
}

/** Parse a key made by `listingKey` back into a ref. */
export function parseListingKey(key: string): ListingRef {
  const at = key.indexOf(':');
  return at < 0 ? { listingId: key, variantId: null } : { listingId: key.slice(0, at), variantId: key.slice(at + 1) };
}
