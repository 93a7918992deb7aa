import type { ChannelOrder } from '../model/channel-order';
import type { LedgerEntry } from '../store/records';
import type { OrderOutcome } from './import-order';
import { ledgerData, RETRY_STATES } from './order-ledger';
import type { ImportSession, OrdersEnv } from './orders-env';
import { processOrder } from './process-order';

/** What a retry of waiting orders did. */
export interface RetryReport {
  /** Orders tried again. */
  attempted: number;
  /** Now imported (or their pending status change applied). */
  imported: number;
  /** Still waiting, failed or unfinished (see the notices). */
  stillWaiting: number;
}

/**
 * Try again every order of a channel left `waiting` (a rule could not be
 * applied), `failed`, or interrupted (`pending`, `applying`), through the
 * same order path, with the order as last seen (or fetched again when the
 * ledger kept none and the channel can `getOrder`). Orders in `skip` (just
 * processed by the caller) are left alone.
 */
export async function retryWaitingOrders(
  env: OrdersEnv,
  channelId: string,
  session: ImportSession,
  skip: ReadonlySet<string> = new Set(),
): Promise<RetryReport> {
  const { ctx } = env;
  const report: RetryReport = { attempted: 0, imported: 0, stillWaiting: 0 };
  let after: string | null = null;
  do {
    const page = await ctx.store.listLedgerEntries({
      tenantId: ctx.tenantId,
      channelId,
      states: RETRY_STATES,
      after,
      limit: 200,
    });
    for (const entry of page.items) {
      if (skip.has(entry.externalId)) continue;
      const order = await orderOf(env, channelId, entry, session).catch(() => null);
      if (!order) {
        report.stillWaiting++;
        continue;
      }
      report.attempted++;
      const outcome: OrderOutcome = await processOrder(env, channelId, order, session);
      if (outcome === 'imported' || outcome === 'updated' || outcome === 'unchanged') report.imported++;
      else if (outcome !== 'skipped') report.stillWaiting++;
    }
    after = page.next;
  } while (after);
  return report;
}

async function orderOf(env: OrdersEnv, channelId: string, entry: LedgerEntry, session: ImportSession) {
  const kept = ledgerData(entry).order;
  if (kept) return kept as ChannelOrder;
  const connector = env.channel(channelId).connector;
  if (!connector.capabilities.getOrder || !connector.getOrder) return null;
  return connector.getOrder(entry.externalId, { signal: session.signal, priority: 'orders' });
}
