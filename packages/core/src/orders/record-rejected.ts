import type { RejectedItemV1 } from '../connector/v1/channel-connector-v1';
import { type LedgerKey, logOrderAction, saveLedgerEntry } from './ledger-writes';
import { describeError } from './order-errors';
import { claimedByOther, freshLedgerData, ledgerData } from './order-ledger';
import type { OrdersEnv } from './orders-env';

/**
 * Record the orders a channel page carried malformed (`PageV1.rejected`), so
 * none is dropped silently: each becomes a `notice` (kind `order-malformed`,
 * naming the order and the field) and an action-log entry; when its id is
 * known, its ledger entry moves to `rejected` with the error (keeping a sale
 * it already has), where `retryWaitingOrders` re-reads it with `getOrder` and
 * the next read that covers it imports it once the cause is fixed. The same
 * error on the same order again is recorded once. `skip` holds the ids that
 * came valid on the same page (those are processed, not rejected).
 * Returns how many rejected orders it handled (repeats included).
 */
export async function recordRejectedOrders(
  env: OrdersEnv,
  channelId: string,
  rejected: readonly RejectedItemV1[],
  skip: ReadonlySet<string> = new Set(),
): Promise<number> {
  let recorded = 0;
  for (const item of rejected) {
    if (item.id !== null && skip.has(item.id)) continue;
    const fresh = item.id === null ? await logUnknown(env, channelId, item) : await markRejected(env, channelId, item);
    if (fresh) await announce(env, channelId, item);
    recorded++;
  }
  return recorded;
}

/** Move the order's ledger entry to `rejected`; false when it already was, for the same error. */
async function markRejected(env: OrdersEnv, channelId: string, item: RejectedItemV1): Promise<boolean> {
  const { ctx } = env;
  const key: LedgerKey = { tenantId: ctx.tenantId, channelId, externalId: item.id as string };
  const info = describeError(item.error);
  for (let race = 0; race < 3; race++) {
    const entry = await ctx.store.getLedgerEntry(key.tenantId, channelId, key.externalId);
    const data = entry ? ledgerData(entry) : freshLedgerData();
    if (entry && claimedByOther(data, ctx.workerId, ctx.now().getTime())) return false;
    if (entry?.state === 'rejected' && data.error?.message === info.message) return false;
    try {
      await saveLedgerEntry(ctx.store, key, entry, {
        state: 'rejected',
        channelUpdatedAt: entry?.channelUpdatedAt ?? null,
        // The kept order is dropped: a retry must read the channel's (fixed) version.
        data: { ...data, error: info, claim: null, order: null },
      });
      await logOrderAction(ctx.store, key, 'reject', 'error', info.message, {
        error: info,
        issues: item.error.issues,
      });
      return true;
    } catch (error) {
      if (race === 2) throw error;
    }
  }
  return false;
}

async function logUnknown(env: OrdersEnv, channelId: string, item: RejectedItemV1): Promise<boolean> {
  const { ctx } = env;
  await ctx.store.appendAction({
    tenantId: ctx.tenantId,
    channelId,
    subjectType: 'channel',
    subjectId: channelId,
    action: 'orders:reject',
    outcome: 'error',
    message: `An order whose id could not be read was malformed: ${item.error.message}`,
    details: { error: describeError(item.error), issues: item.error.issues },
  });
  return true;
}

async function announce(env: OrdersEnv, channelId: string, item: RejectedItemV1): Promise<void> {
  const { ctx } = env;
  const info = describeError(item.error);
  const fields = item.error.issues.map((i) => i.path || '(root)').join(', ');
  const which = item.id === null ? 'An order (id unreadable)' : `Order ${item.id}`;
  await ctx.notice({
    kind: 'order-malformed',
    channelId,
    message: `${which} of ${channelId} is malformed (${fields}) and was not imported: ${info.message}`,
    subject: item.id === null ? { type: 'channel', id: channelId } : { type: 'order', id: item.id },
    details: { error: info, fields, issues: item.error.issues, notifyUserId: env.rulesOf(channelId).notifyUserId },
  });
  if (item.id !== null) {
    ctx.events.emit('order:failed', {
      channelId,
      externalId: item.id,
      error: { code: info.code, message: info.message },
    });
  }
}
