import type { Listing } from '../model/listing';
import type { EngineContext } from '../omnisync/engine-context';

/** The `ctx.services` key of the catalog's classification state. */
export const CATALOG_SERVICE = 'catalog';

/**
 * What a feature that writes listings to the snapshot tells the catalog, so
 * that classification follows incrementally instead of being rebuilt. A scan
 * calls it for every page; product upload or listing webhooks should too.
 */
export interface CatalogService {
  /** Listings just written to the snapshot of `channelId`. */
  listingsWritten(channelId: string, listings: readonly Listing[]): void;
  /** The snapshot of `channelId` changed in ways not reported listing by listing (a deletion sweep). */
  channelChanged(channelId: string): void;
  /**
   * A scan of `channelId` ended (its pages were reported already). After a
   * successful one, the POS items are re-read and diffed on the next classification.
   */
  scanFinished(channelId: string, scanId: string, ok: boolean): void;
}

/** The catalog service of an instance, when the catalog feature is built. */
export function catalogService(ctx: EngineContext): CatalogService | undefined {
  return ctx.services.get(CATALOG_SERVICE) as CatalogService | undefined;
}
