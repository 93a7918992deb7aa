import { requireCapability } from '../connector/require-capability';
import type { WebhookRequestV1 } from '../connector/v1/channel-connector-v1';
import type { OrderOutcome } from './import-order';
import { ingestListingEvents, type ListingWebhookEvent, type ListingWebhookOutcome } from './ingest-listing-events';
import { OrderImportError } from './order-errors';
import type { OrdersEnv } from './orders-env';
import { processOrder } from './process-order';
import { retryPolicy } from './retry';

/** What one webhook delivery did. */
export interface WebhookReport {
  channelId: string;
  /** Events the delivery carried (all types). */
  events: number;
  /** The order events, each with what happened to its order. */
  orders: { externalId: string; outcome: OrderOutcome | 'not-found' }[];
  /** The listing events (`listing`, `listing.deleted`), each with what it did to the listing snapshot. */
  listings: ListingWebhookOutcome[];
}

/**
 * Verify a webhook delivery with the connector (`parseWebhook`, timing-safe;
 * a forged or stale one throws `WebhookSignatureError`: answer 401) and feed
 * each order it carries, or fetches with `getOrder`, through the same path as
 * a download: a duplicated delivery, or one older than what was applied, is a
 * no-op. Listing events update the listing snapshot through inventory's
 * listing reports (see `ingestListingEvents`). When an order could not be stored for now, throws a retryable
 * `OrderImportError` (answer 5xx so the channel delivers again; polling also
 * catches it).
 */
export async function ingestWebhook(
  env: OrdersEnv,
  channelId: string,
  request: WebhookRequestV1,
): Promise<WebhookReport> {
  const connector = requireCapability(env.channel(channelId).connector, 'webhooks');
  const events = await connector.parseWebhook(request);
  const report: WebhookReport = { channelId, events: events.length, orders: [], listings: [] };
  const listingEvents = events.filter(
    (e): e is ListingWebhookEvent => e.type === 'listing' || e.type === 'listing.deleted',
  );
  if (listingEvents.length > 0) report.listings = await ingestListingEvents(env, channelId, listingEvents);
  const orderEvents = events.filter((e) => e.type === 'order');
  if (orderEvents.length === 0) return report;
  const session = await env.session({ fresh: false, retry: retryPolicy({ attempts: 2 }) });
  for (const event of orderEvents) {
    const order = event.order ?? (await fetchOrder(env, channelId, event.externalId));
    if (!order) {
      report.orders.push({ externalId: event.externalId, outcome: 'not-found' });
      continue;
    }
    report.orders.push({ externalId: order.externalId, outcome: await processOrder(env, channelId, order, session) });
  }
  const unfinished = report.orders.filter((o) => o.outcome === 'unfinished').map((o) => o.externalId);
  if (unfinished.length > 0) {
    throw new OrderImportError(
      `Order(s) ${unfinished.join(', ')} of ${channelId} could not be stored yet; deliver again.`,
      {
        retryable: true,
        details: { channelId, unfinished },
      },
    );
  }
  return report;
}

async function fetchOrder(env: OrdersEnv, channelId: string, externalId: string) {
  const connector = requireCapability(env.channel(channelId).connector, 'getOrder');
  return connector.getOrder(externalId, { priority: 'orders' });
}
