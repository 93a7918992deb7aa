import { requireCapability } from '../connector/require-capability';
import type { PosSaleStatus } from '../connector/v1/pos-connector-v1';
import { InvalidArgumentError } from '../errors/errors';
import type { OrderStatus } from '../model/order-status';
import type { OrderImportRules } from './import-rules';
import { isLedgerConflict, type LedgerKey, logOrderAction, saveLedgerEntry } from './ledger-writes';
import { describeError, isRetryable } from './order-errors';
import { ledgerData, SALE_INDEX_NAMESPACE } from './order-ledger';
import type { OrdersEnv } from './orders-env';
import type { Transition } from './plan-transitions';

/** Which sale changed: by POS sale id, or by the channel order it came from. */
export type SaleRef = { saleId: string } | { channelId: string; externalId: string };

/** What `saleStatusChanged` did. */
export interface SaleStatusResult {
  channelId: string;
  externalId: string;
  saleId: string;
  posStatus: PosSaleStatus;
  /** The channel status the rules send for it (null: none configured, or write-back off). */
  channelStatus: OrderStatus | null;
  /** Queued for the channel (retried until delivered). */
  queued: boolean;
  /** Delivered to the channel already. */
  delivered: boolean;
}

/** What a push of queued status write-backs did. */
export interface StatusPushReport {
  sent: number;
  /** The write-backs delivered by this push. */
  delivered: { channelId: string; externalId: string; status: OrderStatus }[];
  /** Will be tried again later (transient failure). */
  retrying: number;
  /** Refused by the channel for good (see the notices). */
  dropped: number;
}

/** The outbox topic of status write-backs. */
export const STATUS_TOPIC = 'order-status';
const MAX_BACKOFF_MS = 5 * 60_000;

/** The transitions a POS status means were done on the POS side (so the channel's echo does not redo them). */
const DONE_BY_POS: Partial<Record<PosSaleStatus, Transition[]>> = {
  paid: ['payment'],
  completed: ['payment', 'complete'],
  cancelled: ['cancel'],
  reversed: ['reverse'],
};

function channelStatusFor(posStatus: PosSaleStatus, rules: OrderImportRules['writeBack']): OrderStatus | null {
  if (!rules.enabled) return null;
  if (posStatus === 'completed') return rules.completed;
  if (posStatus === 'paid') return rules.paid;
  if (posStatus === 'cancelled' || posStatus === 'reversed') return rules.cancelled;
  return null;
}

/**
 * The POS changed a sale: record it on the order (so the channel echoing the
 * same status back changes nothing), and queue the channel status the rules
 * map it to, then try to deliver it at once. A failed delivery stays queued
 * (the store outbox) and is retried by `pushOrderStatuses`.
 */
export async function saleStatusChanged(
  env: OrdersEnv,
  ref: SaleRef,
  posStatus: PosSaleStatus,
): Promise<SaleStatusResult> {
  const { ctx } = env;
  const { channelId, externalId } = await resolveRef(env, ref);
  const rules = env.rulesOf(channelId);
  const channelStatus = channelStatusFor(posStatus, rules.writeBack);
  if (channelStatus) requireCapability(env.channel(channelId).connector, 'updateOrderStatus');
  const key: LedgerKey = { tenantId: ctx.tenantId, channelId, externalId };
  const saleId = await recordPosChange(env, key, posStatus, channelStatus);
  if (!channelStatus)
    return { channelId, externalId, saleId, posStatus, channelStatus, queued: false, delivered: false };
  const push = await pushOrderStatuses(env);
  const delivered = push.delivered.some((d) => d.channelId === channelId && d.externalId === externalId);
  return { channelId, externalId, saleId, posStatus, channelStatus, queued: true, delivered };
}

async function resolveRef(env: OrdersEnv, ref: SaleRef): Promise<{ channelId: string; externalId: string }> {
  if ('channelId' in ref) {
    env.channel(ref.channelId);
    return ref;
  }
  const found = await env.ctx.store.getValue<{ channelId: string; externalId: string }>(
    env.ctx.tenantId,
    SALE_INDEX_NAMESPACE,
    ref.saleId,
  );
  if (!found) throw new InvalidArgumentError(`No imported channel order has POS sale "${ref.saleId}".`);
  return found;
}

async function recordPosChange(
  env: OrdersEnv,
  key: LedgerKey,
  posStatus: PosSaleStatus,
  channelStatus: OrderStatus | null,
): Promise<string> {
  const { ctx } = env;
  for (let race = 1; ; race++) {
    const entry = await ctx.store.getLedgerEntry(key.tenantId, key.channelId, key.externalId);
    if (!entry?.saleId) throw new InvalidArgumentError(`Order ${key.externalId} of ${key.channelId} has no POS sale.`);
    const data = ledgerData(entry);
    const applied = { ...data.applied };
    for (const t of DONE_BY_POS[posStatus] ?? []) applied[t] = true;
    const at = ctx.now().toISOString();
    try {
      await ctx.store.transaction(async (tx) => {
        await saveLedgerEntry(tx, key, entry, {
          state: entry.state as never,
          channelUpdatedAt: entry.channelUpdatedAt,
          data: {
            ...data,
            applied,
            fulfilled: data.fulfilled || posStatus === 'completed',
            writeBack: channelStatus ? { status: channelStatus, at } : data.writeBack,
          },
        });
        if (channelStatus) {
          await tx.enqueue({
            tenantId: key.tenantId,
            topic: STATUS_TOPIC,
            key: outboxKey(key.channelId, key.externalId),
            payload: { channelId: key.channelId, externalId: key.externalId, status: channelStatus, posStatus },
            priority: 1,
          });
        }
        const message = channelStatus
          ? `The POS set sale ${entry.saleId} ${posStatus}; queued channel status ${channelStatus}.`
          : `The POS set sale ${entry.saleId} ${posStatus}; no channel status is sent for it.`;
        await logOrderAction(tx, key, 'pos-status', 'ok', message, { posStatus, channelStatus });
      });
      return entry.saleId;
    } catch (error) {
      if (!isLedgerConflict(error) || race >= 5) throw error;
    }
  }
}

const outboxKey = (channelId: string, externalId: string) => JSON.stringify([channelId, externalId]);

/**
 * Deliver queued status write-backs to their channels. A transient failure
 * stays queued with backoff; a refusal is dropped with a notice. Every
 * attempt lands in the order's action history.
 */
export async function pushOrderStatuses(env: OrdersEnv, options: { limit?: number } = {}): Promise<StatusPushReport> {
  const { ctx } = env;
  const report: StatusPushReport = { sent: 0, delivered: [], retrying: 0, dropped: 0 };
  const claimed = await ctx.store.claim({
    tenantId: ctx.tenantId,
    topic: STATUS_TOPIC,
    owner: ctx.workerId,
    limit: options.limit ?? 100,
    visibilityTimeoutMs: 60_000,
  });
  for (const entry of claimed) {
    const job = entry.payload as { channelId: string; externalId: string; status: OrderStatus };
    const key: LedgerKey = { tenantId: ctx.tenantId, channelId: job.channelId, externalId: job.externalId };
    try {
      const connector = requireCapability(env.channel(job.channelId).connector, 'updateOrderStatus');
      await connector.updateOrderStatus(job.externalId, job.status, { priority: 'orders' });
      await ctx.store.ack(ctx.tenantId, [entry.id], ctx.workerId);
      await logOrderAction(ctx.store, key, 'write-back', 'ok', `Sent status ${job.status} to the channel.`, {
        status: job.status,
      });
      report.sent++;
      report.delivered.push({ channelId: job.channelId, externalId: job.externalId, status: job.status });
    } catch (error) {
      const info = describeError(error);
      if (isRetryable(error)) {
        const delay = Math.min(MAX_BACKOFF_MS, 1000 * 2 ** entry.attempts);
        const availableAt = new Date(ctx.now().getTime() + delay).toISOString();
        await ctx.store.release(ctx.tenantId, entry.id, ctx.workerId, { error: info.message, availableAt });
        await logOrderAction(
          ctx.store,
          key,
          'write-back',
          'error',
          `Sending ${job.status} failed; retrying: ${info.message}`,
          { error: info },
        );
        report.retrying++;
      } else {
        await ctx.store.ack(ctx.tenantId, [entry.id], ctx.workerId);
        await logOrderAction(
          ctx.store,
          key,
          'write-back',
          'error',
          `The channel refused ${job.status}: ${info.message}`,
          { error: info },
        );
        await ctx.notice({
          kind: 'write-back-failed',
          channelId: job.channelId,
          message: `Order ${job.externalId}: the channel refused status ${job.status}: ${info.message}`,
          subject: { type: 'order', id: job.externalId },
          details: { error: info, notifyUserId: env.rulesOf(job.channelId).notifyUserId },
        });
        report.dropped++;
      }
    }
  }
  return report;
}
