import type { ChannelOrder } from '../model/channel-order';
import type { LedgerEntry } from '../store/records';
import { commitOrder } from './commit-order';
import { executeTransition, type TransitionResult, type TransitionTarget } from './execute-transition';
import { findShortItems } from './find-short-items';
import { orderIdempotencyKey } from './idempotency-key';
import { statusIn } from './import-rules';
import { type LedgerKey, logOrderAction, saveLedgerEntry } from './ledger-writes';
import { OrderRuleError } from './order-errors';
import { freshLedgerData, laterOf, ledgerData, type OrderLedgerData } from './order-ledger';
import { type ImportSession, ORDER_CLAIM_TTL_MS, type OrdersEnv } from './orders-env';
import { planTransitions, type Transition } from './plan-transitions';
import { resolveCustomer } from './resolve-customer';
import { type RuleProblem, resolveSale } from './resolve-sale';

/** What happened to one order. `unfinished`: not stored for good yet (transient failure, or another worker has it). */
export type OrderOutcome = 'imported' | 'updated' | 'unchanged' | 'skipped' | 'waiting' | 'failed' | 'unfinished';

/** Transitions that must not run twice: written to the ledger as soon as each one succeeds. */
const NOT_IDEMPOTENT: ReadonlySet<Transition> = new Set(['document', 'cancel', 'reverse']);

/**
 * Import an order the ledger has no sale for: apply the rules (or record why
 * it waits, or that its status is not imported), claim it as `pending`, find
 * or create the customer, create the sale with the order's idempotency key,
 * apply the import-time transitions, and commit.
 */
export async function importOrder(
  env: OrdersEnv,
  key: LedgerKey,
  order: ChannelOrder,
  entry: LedgerEntry | null,
  session: ImportSession,
): Promise<OrderOutcome> {
  const { ctx } = env;
  const rules = env.rulesOf(key.channelId);
  if (!statusIn(rules.statuses.import, order)) return markSkipped(env, key, order, entry);
  const resolution = resolveSale(order, {
    channelId: key.channelId,
    rules,
    index: session.index,
    allowedCurrencies: session.allowedCurrencies,
    now: ctx.now(),
  });
  if (!resolution.ok) return markWaiting(env, key, order, entry, resolution.problems);

  const resuming = entry?.state === 'pending' && entry.revision > 1;
  const saleData = {
    itemIds: [...new Set(Object.values(resolution.sale.itemIds))],
    currency: resolution.sale.currency,
    paymentMethod: resolution.sale.paymentMethod ?? null,
  };
  let current: LedgerEntry;
  if (entry && holdsFreshClaim(env, entry, order)) {
    // Claimed for this very version a moment ago (a download claims a page at once): no second write.
    current = { ...entry, data: { ...entry.data, ...saleData } };
  } else {
    const base = entry ? ledgerData(entry) : freshLedgerData();
    current = await saveLedgerEntry(ctx.store, key, entry, {
      state: 'pending',
      channelUpdatedAt: order.updatedAt,
      data: { ...base, ...saleData, problems: undefined, error: null, claim: newClaim(env), order },
    });
  }
  if (rules.stockRequest.enabled && !resuming)
    await raiseStockRequest(env, key, order, resolution.sale.itemIds, session);

  const options = { signal: session.signal, priority: 'orders' as const };
  const customer = await resolveCustomer(ctx.pos, order, rules.customers, session.signal);
  const sale = await ctx.pos.createSale(order, {
    ...resolution.sale,
    ...options,
    idempotencyKey: orderIdempotencyKey(key),
    customerId: customer.customerId,
  });
  const transitions = planTransitions(order, { applied: { sale: true }, fulfilled: false }, rules, true);
  let results: TransitionResult[] = [];
  if (transitions.length > 0) {
    if (transitions.some((t) => NOT_IDEMPOTENT.has(t))) {
      current = await saveLedgerEntry(ctx.store, key, current, {
        state: 'applying',
        saleId: sale.id,
        channelUpdatedAt: order.updatedAt,
        data: { ...ledgerData(current), inFlight: transitions },
      });
    }
    const run = await runTransitions(env, key, current, order, sale.id, transitions, session);
    current = run.entry;
    results = run.results;
  }
  await commitOrder(env, { key, entry: current, order, saleId: sale.id, isImport: true, results }, session.batch);
  return 'imported';
}

/** A claim on an order for this worker, for `ORDER_CLAIM_TTL_MS`. */
export function newClaim(env: OrdersEnv): { owner: string; until: number } {
  return { owner: env.ctx.workerId, until: env.ctx.now().getTime() + ORDER_CLAIM_TTL_MS };
}

/** True when this worker claimed the entry, still holds the claim, for this version of the order. */
function holdsFreshClaim(env: OrdersEnv, entry: LedgerEntry, order: ChannelOrder): boolean {
  const claim = ledgerData(entry).claim;
  return (
    entry.state === 'pending' &&
    !!claim &&
    claim.owner === env.ctx.workerId &&
    claim.until > env.ctx.now().getTime() + 5_000 &&
    entry.channelUpdatedAt === order.updatedAt
  );
}

/**
 * Apply transitions to a sale one by one. Each non-idempotent one is written
 * to the ledger as soon as it succeeds, so a crash and resume repeats none.
 */
export async function runTransitions(
  env: OrdersEnv,
  key: LedgerKey,
  entry: LedgerEntry,
  order: ChannelOrder,
  saleId: string,
  transitions: readonly Transition[],
  session: ImportSession,
): Promise<{ entry: LedgerEntry; results: TransitionResult[] }> {
  const { ctx } = env;
  const rules = env.rulesOf(key.channelId);
  let current = entry;
  const data = ledgerData(current);
  const target: TransitionTarget = {
    saleId,
    order,
    currency: data.currency ?? order.currency ?? rules.currency.default ?? '',
    paymentMethod: data.paymentMethod ?? null,
    keyFor: (purpose) => orderIdempotencyKey(key, purpose),
  };
  const results: TransitionResult[] = [];
  for (const transition of transitions) {
    if (ledgerData(current).applied[transition]) continue;
    const result = await executeTransition(ctx.pos, transition, target, rules, session.signal);
    results.push(result);
    if (NOT_IDEMPOTENT.has(transition) && current.state === 'applying') {
      const now = ledgerData(current);
      current = await saveLedgerEntry(ctx.store, key, current, {
        state: 'applying',
        channelUpdatedAt: current.channelUpdatedAt,
        data: { ...now, applied: { ...now.applied, [transition]: true } },
      });
    }
  }
  return { entry: current, results };
}

async function markSkipped(
  env: OrdersEnv,
  key: LedgerKey,
  order: ChannelOrder,
  entry: LedgerEntry | null,
): Promise<OrderOutcome> {
  const { store } = env.ctx;
  const base = entry ? ledgerData(entry) : freshLedgerData();
  await saveLedgerEntry(store, key, entry, {
    state: 'skipped',
    channelUpdatedAt: laterOf(entry?.channelUpdatedAt ?? null, order.updatedAt),
    data: { ...base, status: order.status, rawStatus: order.rawStatus, problems: undefined, claim: null, order: null },
  });
  await logOrderAction(store, key, 'skip', 'skipped', `Status ${order.rawStatus} (${order.status}) is not imported.`, {
    status: order.status,
    rawStatus: order.rawStatus,
  });
  return 'skipped';
}

async function markWaiting(
  env: OrdersEnv,
  key: LedgerKey,
  order: ChannelOrder,
  entry: LedgerEntry | null,
  problems: RuleProblem[],
): Promise<OrderOutcome> {
  const { ctx } = env;
  const base: OrderLedgerData = entry ? ledgerData(entry) : freshLedgerData();
  const changed = JSON.stringify(base.problems ?? null) !== JSON.stringify(problems) || entry?.state !== 'waiting';
  await saveLedgerEntry(ctx.store, key, entry, {
    state: 'waiting',
    channelUpdatedAt: laterOf(entry?.channelUpdatedAt ?? null, order.updatedAt),
    data: { ...base, status: null, rawStatus: order.rawStatus, problems, claim: null, error: null, order },
  });
  if (!changed) return 'waiting';
  const error = new OrderRuleError(key.channelId, key.externalId, problems);
  await ctx.notice({
    kind: 'order-waiting',
    channelId: key.channelId,
    message: error.message,
    subject: { type: 'order', id: key.externalId },
    details: { problems, notifyUserId: env.rulesOf(key.channelId).notifyUserId },
  });
  ctx.events.emit('order:failed', {
    channelId: key.channelId,
    externalId: key.externalId,
    error: { code: error.code, message: error.message },
  });
  return 'waiting';
}

async function raiseStockRequest(
  env: OrdersEnv,
  key: LedgerKey,
  order: ChannelOrder,
  itemIds: Record<string, string>,
  session: ImportSession,
): Promise<void> {
  const { ctx } = env;
  const rules = env.rulesOf(key.channelId);
  const short = await findShortItems(ctx.pos, order, itemIds, rules.stockRequest.warehouses, session.signal);
  if (short.length === 0) return;
  const list = short.map((s) => `${s.itemId} (need ${s.needed}, have ${s.available})`).join(', ');
  await ctx.notice({
    kind: 'stock-request',
    channelId: key.channelId,
    message: `Order ${order.number} needs more stock than the checked warehouses hold: ${list}.`,
    subject: { type: 'order', id: key.externalId },
    details: { short, warehouses: rules.stockRequest.warehouses, notifyUserId: rules.notifyUserId },
  });
}
