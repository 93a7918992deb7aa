import type { ChannelOrder } from '../model/channel-order';
import { runHooks, type StockAffectedEvent } from '../omnisync/engine-context';
import type { LedgerEntry } from '../store/records';
import type { SyncStoreOperations } from '../store/sync-store';
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
 * `orderStatusChanged` hook. Inside a download page (`batch`), the write joins
 * the page's single commit instead, and the announcement follows it.
 */
export async function commitOrder(env: OrdersEnv, args: CommitArgs, batch?: CommitBatch): Promise<void> {
  if (batch) {
    batch.add(args);
    return;
  }
  await env.ctx.store.transaction((tx) => writeCommit(env, tx, args));
  await announceCommit(env, args);
}

/** Write one order's commit through `tx` (the ledger compare-and-set throws `LEDGER_CONFLICT` on a lost race). */
export async function writeCommit(env: OrdersEnv, tx: SyncStoreOperations, args: CommitArgs): Promise<LedgerEntry> {
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
    const message = `Status ${from ?? 'none'} → ${order.status} (${order.rawStatus}).`;
    await logOrderAction(tx, key, 'status', 'ok', message, { from, to: order.status });
  }
  for (const r of results) await logTransition(tx, key, r, saleId);
  const stock = { itemIds: data.itemIds, channelId: key.channelId, order, tx };
  if (isImport) await runHooks(ctx.hooks.stockAffected, { ...stock, reason: 'order-imported' });
  for (const r of results) {
    const reason = r.outcome === 'done' ? STOCK_REASON[r.transition] : undefined;
    if (reason) await runHooks(ctx.hooks.stockAffected, { ...stock, reason });
  }
  return next;
}

/**
 * The commits of one download page, written in one store transaction (one
 * commit for the page instead of one per order). When the page's transaction
 * fails (a lost race on one order), each commit is tried on its own; the
 * orders whose commit still fails are handed back to be processed again.
 */
export class CommitBatch {
  private readonly pending: CommitArgs[] = [];

  add(args: CommitArgs): void {
    this.pending.push(args);
  }

  /** Write every commit added so far; returns the external ids to process again. */
  async flush(env: OrdersEnv): Promise<string[]> {
    const batch = this.pending.splice(0);
    if (batch.length === 0) return [];
    const { store } = env.ctx;
    let written: CommitArgs[] = [];
    const redo: string[] = [];
    try {
      await store.transaction(async (tx) => {
        for (const args of batch) await writeCommit(env, tx, args);
      });
      written = batch;
    } catch {
      for (const args of batch) {
        try {
          await store.transaction((tx) => writeCommit(env, tx, args));
          written.push(args);
        } catch {
          redo.push(args.key.externalId);
        }
      }
    }
    for (const args of written) await announceCommit(env, args);
    return redo;
  }
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

/** Tell the other features what a written commit did: events, then the `orderStatusChanged` hook. */
async function announceCommit(env: OrdersEnv, args: CommitArgs): Promise<void> {
  const { ctx } = env;
  const { key, order, saleId, isImport } = args;
  const from = isImport ? null : ledgerData(args.entry).status;
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
