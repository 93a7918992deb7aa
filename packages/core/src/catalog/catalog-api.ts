import { InvalidArgumentError } from '../errors/errors';
import type { EngineContext } from '../omnisync/engine-context';
import { readAllScanHistories } from '../scan/scan-store';
import type { ScanRecord } from '../scan/scan-types';
import { parseSettings } from '../settings/parse-settings';
import { CatalogOptions } from './catalog-options';
import { type CatalogTabRows, describeRows } from './catalog-rows';
import { CATALOG_SERVICE } from './catalog-service';
import { CatalogState } from './catalog-state';
import { CATALOG_TABS, type CatalogPage, type CatalogTab, paginate, type TabFilter, tabRows } from './catalog-tabs';
import type { ChannelCounts, ChannelState, NotInPosReason } from './channel-state';
import type { Classifier, ListingMatch } from './classifier';

/** What narrows a catalog tab. */
export interface CatalogTabQuery {
  /** One channel (In POS lists every item whatever the channel, with the channels each is on). */
  channelId?: string | null;
  /** Case-insensitive text over item id, name, SKU and barcode, or listing id, title and SKU. */
  text?: string | null;
  /** Not In POS only: one reason. */
  reason?: NotInPosReason | null;
  /** 1-based (default 1). */
  page?: number;
  /** Rows per page, 1 to 1000 (default 50). */
  pageSize?: number;
}

/** The tab counts of one channel. */
export interface ChannelClassification {
  channelId: string;
  name: string;
  counts: ChannelCounts;
  /** Rows each tab shows for this channel. */
  tabs: { soldInChannel: number; notInPos: number; notInChannel: number; multipleListing: number };
}

/** Counts of every tab, per channel. */
export interface ClassificationSummary {
  /** POS items (the In POS tab). */
  items: number;
  channels: ChannelClassification[];
}

/** The Channel Statistic table (seed 002), one row per channel. */
export interface ChannelStatistics {
  channelId: string;
  name: string;
  /** Live listings (not inactive, archived or deleted). */
  liveProducts: number;
  /** POS items with a listing on the channel. */
  soldInChannel: number;
  /** Live listings with no single POS item behind them. */
  notInPos: number;
  /** Groups of two or more listings sharing one item or SKU. */
  multipleListedSkus: number;
  /** Listings in the snapshot (not deleted). */
  listings: number;
  /** The last scan, whatever its outcome (null when never scanned). */
  lastScan: Pick<ScanRecord, 'scanId' | 'type' | 'outcome' | 'finishedAt' | 'durationMs' | 'error'> | null;
  /** When the last successful scan finished. */
  lastSuccessfulScanAt: string | null;
}

/** Classification tabs and channel statistics (seed 002). */
export interface CatalogApi {
  /**
   * Classify (incrementally: only what scans changed since the last call is
   * re-matched) and return every tab's count per channel.
   */
  classify(query?: { channelId?: string | null }): Promise<ClassificationSummary>;
  /**
   * One page of a tab: `sold-in-channel`, `not-in-pos`, `not-in-channel`, `in-pos` or `multiple-listing`.
   *
   * @example
   * const page = await omni.catalogTab('not-in-pos', { channelId: 'shopee-main', reason: 'unknown-sku' });
   */
  catalogTab<T extends CatalogTab>(tab: T, query?: CatalogTabQuery): Promise<CatalogPage<CatalogTabRows[T]>>;
  /** The Channel Statistic table: live products, sold in channel, not in POS, multiple-listed SKUs, last scan. */
  channelStatistics(): Promise<ChannelStatistics[]>;
  /** How one listing of the snapshot matches the POS (null when the snapshot has no such listing). */
  listingMatch(channelId: string, listingKey: string): Promise<ListingMatch | null>;
  /** Drop the in-memory classification and rebuild it from the POS and the snapshot. */
  refreshCatalog(): Promise<ClassificationSummary>;
}

/** Build the catalog part of the facade. */
export function createCatalogApi(ctx: EngineContext): CatalogApi {
  const state = new CatalogState(ctx, parseSettings('catalog', CatalogOptions, ctx.options.catalog ?? {}));
  ctx.services.set(CATALOG_SERVICE, state);
  const channelIds = () => [...ctx.channels.keys()];

  const summarize = (classifier: Classifier, only?: string | null): ClassificationSummary => ({
    items: classifier.itemCount,
    channels: (only ? [ctx.channel(only).id] : channelIds()).map((channelId) => {
      const counts = classifier.channel(channelId).counts();
      return {
        channelId,
        name: ctx.channel(channelId).name,
        counts,
        tabs: {
          soldInChannel: counts.soldInChannel,
          notInPos: counts.notInPos,
          notInChannel: classifier.itemCount - counts.soldInChannel,
          multipleListing: counts.multipleListingGroups,
        },
      };
    }),
  });

  return {
    async classify(query = {}) {
      if (query.channelId) ctx.channel(query.channelId);
      return summarize(await state.ready(), query.channelId);
    },
    async catalogTab(tab, query = {}) {
      const { page, pageSize } = checkQuery(tab, query);
      if (query.channelId) ctx.channel(query.channelId);
      const classifier = await state.ready();
      const filter = tabFilter(classifier, state, channelIds(), query);
      const refs = paginate(tabRows(classifier, tab, filter), page, pageSize);
      const rows = await describeRows(ctx, tab, refs.rows, (id) => state.item(id));
      return { ...refs, rows };
    },
    async channelStatistics() {
      const classifier = await state.ready();
      const histories = await readAllScanHistories(ctx);
      return channelIds().map((channelId) => {
        const counts = classifier.channel(channelId).counts();
        const history = histories.get(channelId);
        const last = history?.last;
        return {
          channelId,
          name: ctx.channel(channelId).name,
          liveProducts: counts.live,
          soldInChannel: counts.soldInChannel,
          notInPos: counts.notInPos,
          multipleListedSkus: counts.multipleListingGroups,
          listings: counts.listings,
          lastScan: last
            ? {
                scanId: last.scanId,
                type: last.type,
                outcome: last.outcome,
                finishedAt: last.finishedAt,
                durationMs: last.durationMs,
                error: last.error,
              }
            : null,
          lastSuccessfulScanAt: history?.lastSuccessful?.finishedAt ?? null,
        };
      });
    },
    async listingMatch(channelId, listingKey) {
      ctx.channel(channelId);
      const classifier = await state.ready();
      const channel = classifier.channel(channelId);
      const row = channel.rowOf(listingKey);
      return row < 0 ? null : classifier.listingMatch(channel, row);
    },
    async refreshCatalog() {
      state.invalidate();
      return summarize(await state.ready());
    },
  };
}

function checkQuery(tab: CatalogTab, query: CatalogTabQuery): { page: number; pageSize: number } {
  if (!CATALOG_TABS.includes(tab)) {
    throw new InvalidArgumentError(`Unknown catalog tab "${String(tab)}" (expected ${CATALOG_TABS.join(', ')}).`);
  }
  const page = query.page ?? 1;
  const pageSize = query.pageSize ?? 50;
  if (!Number.isInteger(page) || page < 1) throw new InvalidArgumentError('"page" must be an integer from 1.');
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > 1000) {
    throw new InvalidArgumentError('"pageSize" must be an integer from 1 to 1000.');
  }
  if (query.reason && tab !== 'not-in-pos')
    throw new InvalidArgumentError('"reason" applies to the not-in-pos tab only.');
  return { page, pageSize };
}

function tabFilter(
  classifier: Classifier,
  state: CatalogState,
  channels: readonly string[],
  query: CatalogTabQuery,
): TabFilter {
  const needle = query.text?.trim().toLowerCase() || null;
  const has = (value: string | null | undefined) => value?.toLowerCase().includes(needle!) === true;
  const item = needle
    ? (id: string) => {
        const it = state.item(id);
        return has(id) || has(it?.name) || has(it?.sku) || has(it?.barcode);
      }
    : null;
  const reason = query.reason ?? null;
  const listing =
    needle || reason
      ? (channel: ChannelState, i: number) =>
          (!reason || channel.notInPosReason(i) === reason) &&
          (!needle || has(channel.keys[i]) || has(channel.title(i)) || has(classifier.listingSku(channel, i)))
      : null;
  return { channels, channelId: query.channelId ?? null, item, listing };
}
