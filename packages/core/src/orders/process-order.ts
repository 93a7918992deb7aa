import type { ChannelOrder } from '../model/channel-order';
import type { LedgerEntry } from '../store/records';
import type { SyncStoreOperations } from '../store/sync-store';
import { commitOrder } from './commit-order';
import { importOrder, type OrderOutcome, runTransitions } from './import-order';
import { isLedgerConflict, type LedgerKey, logOrderAction, saveLedgerEntry } from './ledger-writes';
import { describeError, isRetryable } from './order-errors';
import { claimedByOther, freshLedgerData, isNewer, laterOf, ledgerData } from './order-ledger';
import { type ImportSession, ORDER_CLAIM_TTL_MS, type OrdersEnv } from './orders-env';
import { planTransitions, type Transition } from './plan-transitions';
import { withRetries } from './retry';

export type { OrderOutcome };

const MAX_RACES = 5;

/**
 * The one path every channel order takes, from a download page, a webhook,
 * a reconciliation or a retry: decide from the ledger what the order needs
 * (import, status change, nothing), do it, and record it. Transient failures
 * are retried with backoff; one order's failure is recorded on that order
 * and never thrown (except an abort), so it never blocks the others.
 */
export async function processOrder(
  env: OrdersEnv,
  channelId: string,
  order: ChannelOrder,
  session: ImportSession,
): Promise<OrderOutcome> {
  const key: LedgerKey = { tenantId: env.ctx.tenantId, channelId, externalId: order.externalId };
  try {
    return await withRetries(() => decideRacing(env, key, order, session), session.retry, session.signal);
  } catch (error) {
    if (session.signal?.aborted) throw error;
    return recordFailure(env, key, order, error);
  }
}

async function decideRacing(env: OrdersEnv, key: LedgerKey, order: ChannelOrder, session: ImportSession) {
  for (let race = 1; ; race++) {
    try {
      return await decide(env, key, order, session);
    } catch (error) {
      if (!isLedgerConflict(error) || race >= MAX_RACES) throw error;
    }
  }
}

async function decide(
  env: OrdersEnv,
  key: LedgerKey,
  order: ChannelOrder,
  session: ImportSession,
): Promise<OrderOutcome> {
  const { ctx } = env;
  const entry = await ctx.store.getLedgerEntry(key.tenantId, key.channelId, key.externalId);
  if (!entry) return importOrder(env, key, order, null, session);
  const data = ledgerData(entry);
  if (claimedByOther(data, ctx.workerId, ctx.now().getTime())) return 'unfinished';
  const newer = isNewer(order, entry);
  const current = newer ? order : (data.order ?? order);
  if (entry.saleId) {
    if (entry.state === 'imported' && !newer) return 'unchanged';
    return applyStatusChange(env, key, entry, current, session);
  }
  if (entry.state === 'skipped' && !newer) return 'unchanged';
  return importOrder(env, key, current, entry, session);
}

/**
 * Move an existing sale to the order's new status: replay transitions a crash
 * left in flight, plan the new ones (each at most once), claim them in the
 * ledger, apply them, and commit. An update older than the one applied never
 * gets here (the ledger compares the channel's updated times).
 */
async function applyStatusChange(
  env: OrdersEnv,
  key: LedgerKey,
  entry: LedgerEntry,
  order: ChannelOrder,
  session: ImportSession,
): Promise<OrderOutcome> {
  const { ctx } = env;
  const rules = env.rulesOf(key.channelId);
  const data = ledgerData(entry);
  const saleId = entry.saleId as string;
  const isImport = !data.applied.sale;
  const planned = planTransitions(order, data, rules, false);
  const transitions = ordered([...data.inFlight.filter((t) => !data.applied[t]), ...planned]);
  if (transitions.length === 0 && !isImport) return recordStatusOnly(env, key, entry, order, session);
  const claimed = await saveLedgerEntry(ctx.store, key, entry, {
    state: 'applying',
    channelUpdatedAt: laterOf(entry.channelUpdatedAt, order.updatedAt),
    data: {
      ...data,
      inFlight: transitions,
      order,
      error: null,
      claim: { owner: ctx.workerId, until: ctx.now().getTime() + ORDER_CLAIM_TTL_MS },
    },
  });
  const run = await runTransitions(env, key, claimed, order, saleId, transitions, session);
  await commitOrder(env, { key, entry: run.entry, order, saleId, isImport, results: run.results }, session.batch);
  return isImport ? 'imported' : 'updated';
}

async function recordStatusOnly(
  env: OrdersEnv,
  key: LedgerKey,
  entry: LedgerEntry,
  order: ChannelOrder,
  session: ImportSession,
): Promise<OrderOutcome> {
  const data = ledgerData(entry);
  if (data.status === order.status) {
    await saveLedgerEntry(env.ctx.store, key, entry, {
      state: 'imported',
      channelUpdatedAt: laterOf(entry.channelUpdatedAt, order.updatedAt),
      data: { ...data, rawStatus: order.rawStatus, claim: null, order: null },
    });
    return 'unchanged';
  }
  await commitOrder(
    env,
    { key, entry, order, saleId: entry.saleId as string, isImport: false, results: [] },
    session.batch,
  );
  return 'updated';
}

const ORDER: readonly Transition[] = ['document', 'payment', 'complete', 'cancel', 'reverse'];

function ordered(list: readonly Transition[]): Transition[] {
  const set = new Set(list);
  return ORDER.filter((t) => set.has(t));
}

/**
 * Record why an order could not be processed. Retryable: the entry keeps its
 * state (resumed next time) and the pass counts it unfinished, holding the
 * cursor. Not retryable: the entry becomes `failed` with the error, a notice
 * is raised, and `retryWaitingOrders` tries it again.
 */
async function recordFailure(
  env: OrdersEnv,
  key: LedgerKey,
  order: ChannelOrder,
  error: unknown,
): Promise<OrderOutcome> {
  const { ctx } = env;
  const info = describeError(error);
  const retryable = isRetryable(error);
  let repeated = false;
  ctx.events.emit('order:failed', {
    channelId: key.channelId,
    externalId: key.externalId,
    error: { code: info.code, message: info.message },
  });
  ctx.logger.warn({ channelId: key.channelId, externalId: key.externalId, error: info }, 'order not processed');
  try {
    const entry = await ctx.store.getLedgerEntry(key.tenantId, key.channelId, key.externalId);
    const data = entry ? ledgerData(entry) : freshLedgerData();
    if (entry && claimedByOther(data, ctx.workerId, ctx.now().getTime())) return 'unfinished';
    if (retryable && !entry) return 'unfinished';
    repeated = await sameAsLastFailure(ctx.store, key, info.message);
    await saveLedgerEntry(ctx.store, key, entry, {
      state: retryable ? (entry?.state as never) : 'failed',
      channelUpdatedAt: entry?.channelUpdatedAt ?? order.updatedAt,
      data: { ...data, error: info, claim: null, order: data.order ?? order },
    });
    await logOrderAction(ctx.store, key, retryable ? 'retry-later' : 'fail', 'error', info.message, { error: info });
  } catch (secondary) {
    ctx.logger.error(
      { channelId: key.channelId, externalId: key.externalId, error: String(secondary) },
      'could not record the failure',
    );
    return 'unfinished';
  }
  if (retryable) return 'unfinished';
  if (repeated) return 'failed'; // the same failure again: already told
  await ctx.notice({
    kind: 'order-failed',
    channelId: key.channelId,
    message: `Order ${order.number} of ${key.channelId} failed: ${info.message}`,
    subject: { type: 'order', id: key.externalId },
    details: { error: info, notifyUserId: env.rulesOf(key.channelId).notifyUserId },
  });
  return 'failed';
}

/**
 * True when the order's last recorded outcome is this same failure: the person was told already.
 * Read from the action log, because a retry re-claims the ledger entry (clearing its error) first.
 */
async function sameAsLastFailure(store: SyncStoreOperations, key: LedgerKey, message: string): Promise<boolean> {
  const { items } = await store.listActions({
    tenantId: key.tenantId,
    channelId: key.channelId,
    subjectType: 'order',
    subjectId: key.externalId,
    limit: 20,
  });
  const last = items.find((a) => a.outcome === 'ok' || a.outcome === 'error');
  return last?.outcome === 'error' && last.message === message;
}
