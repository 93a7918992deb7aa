import type { RejectedItemV1 } from '../connector/v1/channel-connector-v1';
import { InvalidArgumentError, LeaseHeldError } from '../errors/errors';
import type { ChannelOrder } from '../model/channel-order';
import type { LedgerEntry } from '../store/records';
import { ordersKey } from './download-orders';
import type { OrderOutcome } from './import-order';
import { logOrderAction } from './ledger-writes';
import type { OrdersEnv } from './orders-env';
import { newestVersions, planReconciliation, type ReconcileStep } from './plan-reconciliation';
import { processOrder } from './process-order';
import { readOrderPages } from './read-order-pages';
import { recordRejectedOrders } from './record-rejected';
import { type RetryOptions, retryPolicy } from './retry';

/** Options of `reconcileOrders`. */
export interface ReconcileOrdersOptions {
  /** The window's start: orders updated at or after this ISO time. */
  from: string;
  /** The window's end (exclusive). Default: open-ended (up to now). */
  to?: string;
  /** Only report the plan; change nothing. */
  dryRun?: boolean;
  signal?: AbortSignal;
  retry?: RetryOptions;
}

/** One step of the plan and, unless a dry run, what the repair did. */
export interface ReconcileStepResult extends ReconcileStep {
  outcome: OrderOutcome | null;
}

/** What reconciliation found and did. */
export interface OrdersReconcileReport {
  channelId: string;
  from: string;
  to: string;
  dryRun: boolean;
  /** Channel orders in the window. */
  checked: number;
  /** Missing orders and stale statuses, each with its reason (and its outcome after the repair). */
  steps: ReconcileStepResult[];
  missing: number;
  stale: number;
  /** Steps that ended imported or updated. */
  repaired: number;
  /** Orders the channel sent malformed in the window (recorded as notices and `rejected` unless `dryRun`). */
  rejected: { externalId: string | null; fields: string[]; message: string }[];
  durationMs: number;
}

/**
 * The seed's "download orders" routine as one call: read the channel's orders
 * in a window, compare them with the ledger, plan the repairs (missing orders
 * to import, stale statuses to apply, each with its reason), and apply them
 * through the same order path unless `dryRun`. The cursor does not move.
 */
export async function reconcileOrders(
  env: OrdersEnv,
  channelId: string,
  options: ReconcileOrdersOptions,
): Promise<OrdersReconcileReport> {
  const { ctx } = env;
  const started = Date.now();
  const to = options.to ?? ctx.now().toISOString();
  if (Number.isNaN(Date.parse(options.from)) || Number.isNaN(Date.parse(to))) {
    throw new InvalidArgumentError('reconcileOrders: "from" and "to" must be ISO date-times.');
  }
  const runtime = env.channel(channelId);
  const rules = env.rulesOf(channelId);
  const retry = retryPolicy(options.retry);
  const orders: ChannelOrder[] = [];
  const rejected: RejectedItemV1[] = [];
  await readOrderPages(
    runtime.connector,
    { updatedSince: options.from, updatedBefore: options.to ?? null, signal: options.signal, retry },
    async (page) => {
      orders.push(...page.items);
      rejected.push(...(page.rejected ?? []));
    },
  );
  const ledger = await readLedger(env, channelId, orders);
  const plan = planReconciliation(orders, ledger, rules);
  const byId = new Map(newestVersions(orders).map((o) => [o.externalId, o]));
  const steps: ReconcileStepResult[] = plan.map((s) => ({ ...s, outcome: null }));
  if (!options.dryRun && steps.length > 0) await repair(env, channelId, steps, byId, options.signal, retry);
  const malformed = rejected.filter((r) => r.id === null || !byId.has(r.id));
  if (!options.dryRun) await recordRejectedOrders(env, channelId, malformed);
  const report: OrdersReconcileReport = {
    channelId,
    from: options.from,
    to,
    dryRun: !!options.dryRun,
    checked: byId.size,
    steps,
    missing: steps.filter((s) => s.kind === 'import').length,
    stale: steps.filter((s) => s.kind === 'update-status').length,
    repaired: steps.filter((s) => s.outcome === 'imported' || s.outcome === 'updated').length,
    rejected: malformed.map((r) => ({
      externalId: r.id,
      fields: r.error.issues.map((i) => i.path),
      message: r.error.message,
    })),
    durationMs: Date.now() - started,
  };
  await ctx.store.appendAction({
    tenantId: ctx.tenantId,
    channelId,
    subjectType: 'channel',
    subjectId: channelId,
    action: options.dryRun ? 'orders:reconcile-plan' : 'orders:reconcile',
    outcome: 'ok',
    message: `Checked ${report.checked} orders: ${report.missing} missing, ${report.stale} stale, ${report.repaired} repaired, ${malformed.length} malformed.`,
    details: {
      from: report.from,
      to,
      missing: report.missing,
      stale: report.stale,
      repaired: report.repaired,
      malformed: malformed.length,
    },
  });
  return report;
}

async function readLedger(env: OrdersEnv, channelId: string, orders: readonly ChannelOrder[]) {
  const { ctx } = env;
  const ledger = new Map<string, LedgerEntry>();
  for (const id of new Set(orders.map((o) => o.externalId))) {
    const entry = await ctx.store.getLedgerEntry(ctx.tenantId, channelId, id);
    if (entry) ledger.set(id, entry);
  }
  return ledger;
}

async function repair(
  env: OrdersEnv,
  channelId: string,
  steps: ReconcileStepResult[],
  orders: ReadonlyMap<string, ChannelOrder>,
  signal: AbortSignal | undefined,
  retry: ReturnType<typeof retryPolicy>,
): Promise<void> {
  const { ctx } = env;
  const key = ordersKey(channelId);
  const lease = await ctx.store.acquireLease({ tenantId: ctx.tenantId, key, owner: ctx.workerId, ttlMs: 120_000 });
  if (!lease) throw new LeaseHeldError(key, null, `An order download of channel "${channelId}"`);
  try {
    const session = await env.session({ fresh: true, signal, retry });
    for (const step of steps) {
      await ctx.store.renewLease(lease, 120_000);
      const order = orders.get(step.externalId) as ChannelOrder;
      await logOrderAction(
        ctx.store,
        { tenantId: ctx.tenantId, channelId, externalId: step.externalId },
        `reconcile:${step.kind}`,
        'ok',
        step.reason,
        {
          channelStatus: step.channelStatus,
          ledgerStatus: step.ledgerStatus,
        },
      );
      step.outcome = await processOrder(env, channelId, order, session);
    }
  } finally {
    await ctx.store.releaseLease(lease).catch(() => undefined);
  }
}
