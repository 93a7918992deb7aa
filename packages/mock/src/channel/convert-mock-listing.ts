import { type Listing, type ListingStatus, parsePayload } from '@omnisync/core';
import { RawListing, type RawListingStatus } from './mock-api';

const STATUS: Record<RawListingStatus, ListingStatus> = {
  NORMAL: 'live',
  UNLIST: 'inactive',
  ARCHIVED: 'archived',
  DELETED: 'deleted',
};

const RAW_STATUS: Record<ListingStatus, RawListingStatus> = {
  live: 'NORMAL',
  inactive: 'UNLIST',
  archived: 'ARCHIVED',
  deleted: 'DELETED',
};

/** The mock marketplace's spelling of a canonical listing status. */
export function toRawListingStatus(status: ListingStatus): RawListingStatus {
  return RAW_STATUS[status];
}

/** The canonical status of a mock listing status. */
export function fromRawListingStatus(status: RawListingStatus): ListingStatus {
  return STATUS[status];
}

/** Parse a mock wire-format listing row into a canonical `Listing`; a malformed row throws `ChannelPayloadError`. */
export function convertMockListing(channelId: string, payload: unknown): Listing {
  const raw = parsePayload('mock', 'listing', RawListing, payload);
  return {
    channelId,
    listingId: raw.item_id,
    variantId: raw.variant_id ?? null,
    sku: raw.sku ?? null,
    title: raw.name,
    status: STATUS[raw.status],
    quantity: raw.stock,
    price: raw.price && raw.currency ? { amount: raw.price, currency: raw.currency } : null,
    attributes: raw.attributes ?? {},
    updatedAt: raw.update_time,
    raw: payload,
  };
}
