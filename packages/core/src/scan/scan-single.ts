import { requireCapability } from '../connector/require-capability';
import type { ChannelConnectorV1 } from '../connector/v1/channel-connector-v1';
import { type Listing, listingKey } from '../model/listing';
import type { EngineContext } from '../omnisync/engine-context';
import { snapshotListing } from '../store/records';
import { screenListings } from './screen-listings';

/** Which listing a single scan reads. */
export type SingleRef = { sku: string } | { listingId: string; variantId: string | null };

/**
 * Read one listing with `getListing` and write it. When the channel no longer
 * has a listing asked for by id, the snapshot's copy is marked deleted; a SKU
 * the channel does not know changes nothing.
 */
export async function scanSingle(args: {
  ctx: EngineContext;
  channelId: string;
  connector: ChannelConnectorV1;
  ref: SingleRef;
  signal: AbortSignal;
  write(listings: Listing[]): Promise<void>;
}): Promise<{ found: boolean; written: number; malformed: number }> {
  const connector = requireCapability(args.connector, 'getListing');
  const listing = await connector.getListing(args.ref, { signal: args.signal, priority: 'catalog' });
  args.signal.throwIfAborted();
  if (listing) {
    const { valid, malformed } = screenListings([listing]);
    if (valid.length > 0) await args.write(valid);
    return { found: valid.length > 0, written: valid.length, malformed };
  }
  if (!('listingId' in args.ref)) return { found: false, written: 0, malformed: 0 };
  const known = await args.ctx.store.getListing(args.ctx.tenantId, args.channelId, listingKey(args.ref));
  if (!known || known.status === 'deleted') return { found: false, written: 0, malformed: 0 };
  await args.write([
    { ...snapshotListing(known), status: 'deleted', ...(known.raw === undefined ? {} : { raw: known.raw }) },
  ]);
  return { found: false, written: 1, malformed: 0 };
}
