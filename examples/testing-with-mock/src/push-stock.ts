import { type ChannelConnectorV1, type Listing, OmnisyncError, type StockUpdate } from '@omnisync/core';

/** What `pushStock` did. */
export interface PushReport {
  /** Listings whose quantity was changed. */
  updated: number;
  /** Listings already right: no write was sent. */
  unchanged: number;
  /** SKUs on the channel that the warehouse does not know. */
  unknownSkus: string[];
  /** Calls retried after a retryable failure (429, 5xx, timeout). */
  retries: number;
}

/** How `pushStock` waits before a retry (tests pass a fake). */
export type Sleep = (ms: number) => Promise<void>;

const realSleep: Sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * "Your own" sync code: make every live listing on a channel show the
 * warehouse quantity of its SKU. Reads every page, writes only what differs,
 * in batches no bigger than the channel accepts, and retries what the channel
 * says is retryable (honouring its Retry-After).
 */
export async function pushStock(
  channel: ChannelConnectorV1,
  warehouse: ReadonlyMap<string, number>,
  options: { sleep?: Sleep; maxRetries?: number } = {},
): Promise<PushReport> {
  const report: PushReport = { updated: 0, unchanged: 0, unknownSkus: [], retries: 0 };
  const retry = <T>(call: () => Promise<T>) =>
    withRetries(call, report, options.sleep ?? realSleep, options.maxRetries ?? 8);
  const listings = await retry(() => readAll(channel));
  const updates: StockUpdate[] = [];
  for (const listing of listings) {
    const wanted = listing.sku === null ? undefined : warehouse.get(listing.sku);
    if (wanted === undefined) {
      if (listing.sku) report.unknownSkus.push(listing.sku);
      continue;
    }
    if (listing.quantity === wanted) report.unchanged++;
    else updates.push({ listingId: listing.listingId, variantId: listing.variantId ?? null, quantity: wanted });
  }
  for (let i = 0; i < updates.length; i += channel.limits.stockBatchSize) {
    const batch = updates.slice(i, i + channel.limits.stockBatchSize);
    const results = await retry(() => channel.updateStock(batch));
    report.updated += results.filter((r) => r.ok).length;
  }
  return report;
}

async function readAll(channel: ChannelConnectorV1): Promise<Listing[]> {
  const out: Listing[] = [];
  for await (const page of channel.listListings({ status: 'active' })) out.push(...page.items);
  return out;
}

async function withRetries<T>(
  call: () => Promise<T>,
  report: PushReport,
  sleep: Sleep,
  maxRetries: number,
): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await call();
    } catch (error) {
      if (!OmnisyncError.isInstance(error) || !error.retryable || attempt >= maxRetries) throw error;
      report.retries++;
      const retryAfterMs = (error as { retryAfterMs?: number | null }).retryAfterMs;
      await sleep(retryAfterMs ?? 100 * 2 ** attempt);
    }
  }
}
