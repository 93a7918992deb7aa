import { OperationAbortedError } from '../errors/errors';
import { OmnisyncError } from '../errors/omnisync-error';
import { abortableSleep } from '../http/abortable-sleep';
import type { StockUpdate, StockUpdateResult } from '../model/stock';
import type { ChannelRuntime } from '../omnisync/channel-config';
import type { EngineContext } from '../omnisync/engine-context';
import type { SyncStoreOperations } from '../store/sync-store';
import { importedUnitsSince } from './channel-sales';
import { deactivatedNamespace } from './inventory-view';
import type { PlannedChange } from './plan-channel';
import { enqueueStock, STOCK_PRIORITY } from './stock-queue';

/** A push that did not land after its retries, with the last error. */
export interface FailedPush {
  channelId: string;
  listingKey: string;
  sku: string | null;
  itemId: string;
  to: number;
  attempts: number;
  error: { code: string; message: string; retryable: boolean };
}

/** What pushing one channel's changes did. */
export interface PushOutcome {
  pushed: PlannedChange[];
  failed: FailedPush[];
  /** `updateStock` calls made. */
  requests: number;
  /** Compare-and-set conflicts met (each re-read and retried). */
  conflicts: number;
  /** Items not sent because another push landed after our stock read (queued again for a fresh look). */
  superseded: number;
}

/** How pushes are retried. */
export interface PushOptions {
  signal?: AbortSignal;
  /** Attempts per change, the first included. Default 3. */
  maxAttempts?: number;
  /** Wait before the second attempt; doubled each time. Default 200 ms. */
  retryDelayMs?: number;
  /** Called after each change lands (the store already records it), with the `pushedAt` recorded. */
  onPushed?(change: PlannedChange, at: string): void;
  /**
   * When the stock the changes were computed from was read: a change whose listing received a push after
   * this (from another worker, with fresher stock) is dropped instead of overwriting it with older data.
   */
  stockReadAt?: string;
}

type Attempt = {
  /** Set when a compare-and-set write met this quantity on the channel. */
  conflictActual?: number;
  change: PlannedChange;
  /** The change as planned: every conflict is re-planned from it, so no channel sale is weighed twice. */
  planned: PlannedChange;
  attempts: number;
  lastError: FailedPush['error'] | null;
  final?: boolean;
};

/**
 * Push one channel's planned changes: batched to the connector's
 * `stockBatchSize`, at `stock` priority through its rate limiter. Per-item
 * failures that may pass are retried with backoff; compare-and-set conflicts
 * are re-planned from the quantity the channel actually holds. Every landed
 * push is recorded (pushed quantity, action log); every failure is returned.
 */
export async function pushChanges(
  ctx: EngineContext,
  channel: ChannelRuntime,
  changes: readonly PlannedChange[],
  options: PushOptions = {},
): Promise<PushOutcome> {
  const outcome: PushOutcome = { pushed: [], failed: [], requests: 0, conflicts: 0, superseded: 0 };
  const maxAttempts = options.maxAttempts ?? 3;
  const supersededItems = new Set<string>();
  let pending: Attempt[] = changes.map((change) => ({ change, planned: change, attempts: 0, lastError: null }));
  for (let round = 0; pending.length > 0; round++) {
    // Conflicts are re-sent at once; failures wait, doubling each round.
    if (pending.some((a) => a.lastError !== null)) {
      await abortableSleep((options.retryDelayMs ?? 200) * 2 ** (round - 1), options.signal, 'The stock push');
    }
    const retry: Attempt[] = [];
    const size = Math.max(1, channel.connector.limits.stockBatchSize);
    for (let next = 0; next < pending.length; ) {
      const batch: Attempt[] = [];
      while (batch.length < size && next < pending.length) {
        const attempt = pending[next++] as Attempt;
        if (await superseded(ctx, attempt.change, options.stockReadAt)) supersededItems.add(attempt.change.itemId);
        else batch.push(attempt);
      }
      if (batch.length === 0) break;
      // Taken before sending: a write that lands holds from then on (a sale after it is created later).
      const sentAt = ctx.now().toISOString();
      const results = await sendBatch(channel, batch, options.signal);
      outcome.requests++;
      const landed: Landed[] = [];
      for (const [n, attempt] of batch.entries()) {
        attempt.attempts++;
        let next = settle(attempt, results[n], sentAt, landed, outcome);
        if (next?.conflictActual !== undefined) next = await resolveConflict(ctx, channel.id, next, landed);
        if (next && !next.final && next.attempts < maxAttempts) retry.push(next);
        else if (next) outcome.failed.push(failure(channel.id, next));
      }
      await recordLanded(ctx, landed, outcome, options);
    }
    pending = retry;
  }
  for (const f of outcome.failed) await recordFailure(ctx, f);
  outcome.superseded = supersededItems.size;
  // Clocks of two workers may differ: have a later drain recompute these rather than trust either push
  // (a second later, so that a skewed clock cannot keep one drain busy with them).
  const later = new Date(ctx.now().getTime() + 1000).toISOString();
  await enqueueStock(ctx.store, ctx.tenantId, supersededItems, { reason: 'superseded' }, STOCK_PRIORITY.routine, later);
  ctx.events.emit('stock:pushed', {
    channelId: channel.id,
    updates: outcome.pushed.length,
    failed: outcome.failed.length,
  });
  return outcome;
}

/** True when the listing received a push after `stockReadAt`: ours would send older data. */
async function superseded(ctx: EngineContext, change: PlannedChange, stockReadAt: string | undefined) {
  if (!stockReadAt) return false;
  const listing = await ctx.store.getListing(ctx.tenantId, change.channelId, change.listingKey);
  return !!listing?.pushedAt && Date.parse(listing.pushedAt) > Date.parse(stockReadAt);
}

async function sendBatch(
  channel: ChannelRuntime,
  batch: readonly Attempt[],
  signal: AbortSignal | undefined,
): Promise<(StockUpdateResult | Error)[]> {
  try {
    const results = await channel.connector.updateStock(
      batch.map((a) => toUpdate(a.change)),
      {
        signal,
        priority: 'stock',
      },
    );
    return batch.map((_, n) => results[n] ?? new Error('The channel returned no result for this update.'));
  } catch (error) {
    if (signal?.aborted || OperationAbortedError.isInstance(error)) throw error;
    return batch.map(() => error as Error);
  }
}

function toUpdate(change: PlannedChange): StockUpdate {
  return {
    listingId: change.listingId,
    variantId: change.variantId,
    sku: change.sku,
    quantity: change.to,
    ...(change.active !== null ? { active: change.active } : {}),
    ...(change.expectedQuantity !== null ? { expectedQuantity: change.expectedQuantity } : {}),
  };
}

/** A change the channel now holds, and since when (the `pushedAt` recorded for it). */
interface Landed {
  change: PlannedChange;
  since: string;
}

/** Sort one result: landed, to retry (returned), or failed for good (returned, `final`). */
function settle(
  attempt: Attempt,
  result: StockUpdateResult | Error | undefined,
  sentAt: string,
  landed: Landed[],
  outcome: PushOutcome,
): Attempt | null {
  if (result && !(result instanceof Error) && result.ok) {
    landed.push({ change: attempt.change, since: sentAt });
    return null;
  }
  if (result && !(result instanceof Error) && result.conflict) {
    outcome.conflicts++;
    return { ...attempt, lastError: null, conflictActual: result.conflict.actualQuantity };
  }
  const error = describeError(result);
  return { ...attempt, lastError: error, final: !error.retryable };
}

/** Record the landed updates of one batch in one transaction (pushed quantities, deactivations, action log). */
async function recordLanded(
  ctx: EngineContext,
  landed: readonly Landed[],
  outcome: PushOutcome,
  options: PushOptions,
): Promise<void> {
  if (landed.length === 0) return;
  const at = ctx.now().toISOString();
  await ctx.store.transaction(async (tx) => {
    for (const { change, since } of landed) await recordPushed(tx, ctx.tenantId, change, since, at);
  });
  for (const { change, since } of landed) {
    outcome.pushed.push(change);
    options.onPushed?.(change, since);
  }
}

/**
 * Re-plan a change after a compare-and-set conflict, from the quantity the
 * channel actually holds. It always starts from the change as planned (what
 * the channel held then, and since when), so a second conflict does not count
 * again the sales the first one weighed. Nothing is re-sent when the channel
 * already holds the new quantity.
 */
async function resolveConflict(
  ctx: EngineContext,
  channelId: string,
  attempt: Attempt,
  landed: Landed[],
): Promise<Attempt | null> {
  const actual = attempt.conflictActual as number;
  const { planned } = attempt;
  const imported = await importedUnitsSince(ctx.store, ctx.tenantId, channelId, planned.listingKey, planned.fromAt);
  const next = replanAfterConflict(planned, actual, imported);
  if (next.to === actual && next.active === null) {
    // Known from the channel's answer: a sale after it may predate this time, and is then deducted (the safe side).
    landed.push({ change: next, since: ctx.now().toISOString() });
    return null;
  }
  return { change: next, planned, attempts: attempt.attempts, lastError: null };
}

/**
 * A compare-and-set write found another quantity on the channel. When it is
 * lower than we knew, the channel sold units since: those whose orders the
 * POS has already imported (`importedSinceKnown`) are in the new quantity
 * already; the rest are not yet, so they are taken off too, so that a late
 * order import cannot oversell, and no sale is deducted twice.
 */
export function replanAfterConflict(change: PlannedChange, actual: number, importedSinceKnown = 0): PlannedChange {
  const soldMeanwhile = change.from !== null && actual < change.from ? change.from - actual : 0;
  const notImported = Math.max(0, soldMeanwhile - importedSinceKnown);
  const to = Math.max(0, change.to - notImported);
  const note = notImported > 0 ? `, less ${notImported} sold on the channel and not imported yet` : '';
  return {
    ...change,
    from: actual,
    to,
    expectedQuantity: actual,
    reason: `${change.reason}; the channel held ${actual} at write time (compare-and-set conflict${note})`,
  };
}

function describeError(result: StockUpdateResult | Error | undefined): FailedPush['error'] {
  if (result instanceof Error) {
    return OmnisyncError.isInstance(result)
      ? { code: result.code, message: result.message, retryable: result.retryable }
      : { code: 'STOCK_PUSH', message: result.message, retryable: true };
  }
  return result?.error ?? { code: 'STOCK_PUSH', message: 'The channel did not accept the update.', retryable: true };
}

function failure(channelId: string, attempt: Attempt): FailedPush {
  const c = attempt.change;
  return {
    channelId,
    listingKey: c.listingKey,
    sku: c.sku,
    itemId: c.itemId,
    to: c.to,
    attempts: attempt.attempts,
    error: attempt.lastError ?? { code: 'STOCK_PUSH', message: 'Not pushed.', retryable: true },
  };
}

async function recordPushed(
  tx: SyncStoreOperations,
  tenantId: string,
  change: PlannedChange,
  since: string,
  at: string,
) {
  await tx.setPushedQuantity(tenantId, change.channelId, change.listingKey, change.to, since);
  const namespace = deactivatedNamespace(change.channelId);
  if (change.active === false) await tx.putValue(tenantId, namespace, change.listingKey, { at });
  if (change.active === true) await tx.deleteValue(tenantId, namespace, change.listingKey);
  await tx.appendAction({
    tenantId,
    channelId: change.channelId,
    subjectType: 'listing',
    subjectId: change.listingKey,
    action: 'stock:push',
    outcome: 'ok',
    message: `Set ${change.from ?? '?'} → ${change.to}: ${change.reason}`,
    details: { itemId: change.itemId, sku: change.sku, from: change.from, to: change.to, active: change.active },
    at,
  });
}

async function recordFailure(ctx: EngineContext, f: FailedPush): Promise<void> {
  await ctx.store.appendAction({
    tenantId: ctx.tenantId,
    channelId: f.channelId,
    subjectType: 'listing',
    subjectId: f.listingKey,
    action: 'stock:push',
    outcome: 'error',
    message: `Could not set ${f.to} after ${f.attempts} attempt(s): ${f.error.message}`,
    details: { itemId: f.itemId, sku: f.sku, to: f.to, error: f.error },
  });
}
