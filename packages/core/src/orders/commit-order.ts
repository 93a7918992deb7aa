import type { ChannelOrder } from '../model/channel-order';
import { runHooks, type StockAffectedEvent } from '../omnisync/engine-context';
import type { LedgerEntry } from '../store/records';
import type { TransitionResult } from './execute-transition';
import { type LedgerKey, logOrderAction, saveLedgerEntry } from './ledger-writes';
import { laterOf, ledgerData, SALE_INDEX_NAMESPACE } from './order-ledger';
import type { OrdersEnv } from './orders-env';
import { isFulfilledStatus, type Transition } from './plan-transitions';

/** What the commit of an order records. */
export interface CommitArgs {
  key: LedgerKey;
  entry: LedgerEntry;
  order: ChannelOrder;
  saleId: string;
  /** True when this commit creates the sale's record (first import). */
  isImport: boolean;
  results: readonly TransitionResult[];
}

const STOCK_REASON: Partial<Record<Transition, StockAffectedEvent['reason']>> = {
  cancel: 'order-cancelled',
  reverse: 'order-reversed',
};

/**
 * Record an order as imported and up to date, in one store transaction: the
 * ledger entry (compare-and-set), the sale index, the action log, and the
 * stock hooks (so inventory's outbox entries land with it). Then tell the
 * other features: `order:imported` / `order:status` events and the
 * `orderStatusChanged` hook.
 */
export async function commitOrder(env: OrdersEnv, args: CommitArgs): Promise<LedgerEntry> {
  const { ctx } = env;
  const { key, entry, order, saleId, isImport, results } = args;
  const previous = ledgerData(entry);
  const from = isImport ? null : previous.status;
  const applied = { ...previous.applied, sale: true as const };
  for (const r of results) applied[r.transition] = true;
  const data = {
    ...previous,
    status: order.status,
    rawStatus: order.rawStatus,
    applied,
    inFlight: [],
    fulfilled: previous.fulfilled || isFulfilledStatus(order) || !!applied.complete,
    problems: undefined,
    error: null,
    claim: null,
    order: null,
  };
  const saved = await ctx.store.transaction(async (tx) => {
    const next = await saveLedgerEntry(tx, key, entry, {
      state: 'imported',
      saleId,
      channelUpdatedAt: laterOf(entry.channelUpdatedAt, order.updatedAt),
      data,
    });
    if (isImport) {
      await tx.putValue(key.tenantId, SALE_INDEX_NAMESPACE, saleId, {
        channelId: key.channelId,
        externalId: key.externalId,
      });
      await logOrderAction(tx, key, 'import', 'ok', `Imported as sale ${saleId} (${order.rawStatus}).`, { saleId });
    } else if (from !== order.status) {
      await logOrderAction(
        tx,
        key,
        'status',
        'ok',
        `Status ${from ?? 'none'} → ${order.status} (${order.rawStatus}).`,
        {
          from,
          to: order.status,
        },
      );
    }
    for (const r of results) await logTransition(tx, key, r, saleId);
    if (isImport) {
      await runHooks(ctx.hooks.stockAffected, {
        itemIds: data.itemIds,
        reason: 'order-imported',
        channelId: key.channelId,
        order,
        tx,
      });
    }
    for (const r of results) {
      const reason = r.outcome === 'done' ? STOCK_REASON[r.transition] : undefined;
      if (reason)
        await runHooks(ctx.hooks.stockAffected, { itemIds: data.itemIds, reason, channelId: key.channelId, order, tx });
    }
    return next;
  });
  await announce(env, key, order, saleId, from, isImport);
  return saved;
}

function logTransition(
  tx: Parameters<typeof logOrderAction>[0],
  key: LedgerKey,
  result: TransitionResult,
  saleId: string,
): Promise<unknown> {
  if (result.outcome === 'unsupported') {
    return logOrderAction(
      tx,
      key,
      `transition:${result.transition}`,
      'skipped',
      `Not applied: the POS does not support "${result.capability}".`,
      { saleId, capability: result.capability },
    );
  }
  return logOrderAction(
    tx,
    key,
    `transition:${result.transition}`,
    'ok',
    `Applied ${result.transition} to sale ${saleId}.`,
    {
      saleId,
    },
  );
}

async function announce(
  env: OrdersEnv,
  key: LedgerKey,
  order: ChannelOrder,
  saleId: string,
  from: ChannelOrder['status'] | null,
  isImport: boolean,
): Promise<void> {
  const { ctx } = env;
  if (isImport) ctx.events.emit('order:imported', { channelId: key.channelId, externalId: key.externalId, saleId });
  if (from === order.status) return;
  ctx.events.emit('order:status', { channelId: key.channelId, externalId: key.externalId, from, to: order.status });
  try {
    await runHooks(ctx.hooks.orderStatusChanged, { channelId: key.channelId, order, from, to: order.status, saleId });
  } catch (error) {
    // The order is recorded; a listener's failure is its own to report.
    ctx.logger.warn(
      { channelId: key.channelId, externalId: key.externalId, error: String(error) },
      'orderStatusChanged listener failed',
    );
  }
}
