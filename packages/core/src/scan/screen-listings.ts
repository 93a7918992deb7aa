import { type Listing, ListingStatus } from '../model/listing';

const STATUSES = new Set<string>(ListingStatus.options);

/**
 * Keep the listings a snapshot can hold: an id, a known status, a SKU that is
 * a string or null, a parseable update time. Connectors parse payloads at
 * their edge; this guards the snapshot against one that let a bad row through.
 */
export function screenListings(items: readonly Listing[]): { valid: Listing[]; malformed: number } {
  let malformed = 0;
  const valid: Listing[] = [];
  for (const item of items) {
    if (isWellFormed(item)) valid.push(item);
    else malformed++;
  }
  return { valid, malformed };
}

function isWellFormed(item: Listing): boolean {
  return (
    typeof item === 'object' &&
    item !== null &&
    typeof item.listingId === 'string' &&
    item.listingId.length > 0 &&
    (item.variantId == null || typeof item.variantId === 'string') &&
    (item.sku === null || item.sku === undefined || typeof item.sku === 'string') &&
    STATUSES.has(item.status) &&
    typeof item.updatedAt === 'string' &&
    !Number.isNaN(Date.parse(item.updatedAt))
  );
}
