import type { ChannelConnectorV1, PageV1 } from '../connector/v1/channel-connector-v1';
import { OperationAbortedError } from '../errors/errors';
import { abortableSleep } from '../http/abortable-sleep';
import type { ChannelOrder } from '../model/channel-order';
import { isRetryable } from './order-errors';
import { type RetryPolicy, retryDelayMs } from './retry';

/** Listing failures in a row tolerated before a read gives up (a page costs more to lose than one order). */
const MIN_LIST_ATTEMPTS = 8;

/** What to read. */
export interface ReadOrdersArgs {
  updatedSince: string | null;
  updatedBefore?: string | null;
  signal?: AbortSignal;
  retry: RetryPolicy;
}

/**
 * Read every order page of a window, surviving transient failures (429, 5xx)
 * that escape the connector's own retries. A page iterator cannot be resumed
 * after it throws, so the read starts again: from the newest `updatedAt` seen
 * when the channel has returned orders oldest-first so far (nothing older can
 * follow), else from the window's start. Orders seen again are no-ops for the
 * ledger. Gives up after `retry.attempts` (at least 8) failures in a row without a page.
 */
export async function readOrderPages(
  connector: ChannelConnectorV1,
  args: ReadOrdersArgs,
  onPage: (page: PageV1<ChannelOrder>) => Promise<void>,
): Promise<void> {
  let since = args.updatedSince;
  let newest: string | null = null;
  let sorted = true;
  let failures = 0;
  for (;;) {
    try {
      const pages = connector.listOrders({
        updatedSince: since,
        updatedBefore: args.updatedBefore ?? null,
        signal: args.signal,
        priority: 'orders',
      });
      for await (const page of pages) {
        failures = 0;
        let pageNewest: string | null = newest;
        for (const order of page.items) {
          if (pageNewest !== null && Date.parse(order.updatedAt) < Date.parse(pageNewest)) sorted = false;
          else pageNewest = order.updatedAt;
        }
        await onPage(page);
        newest = pageNewest;
      }
      return;
    } catch (error) {
      if (args.signal?.aborted) throw new OperationAbortedError('The order download', { cause: error });
      failures++;
      if (!isRetryable(error) || failures >= Math.max(args.retry.attempts, MIN_LIST_ATTEMPTS)) throw error;
      await abortableSleep(retryDelayMs(error, failures, args.retry), args.signal, 'The order download');
      if (sorted && newest !== null) since = newest;
    }
  }
}
