import { requireCapability } from '../connector/require-capability';
import type { ChannelMethodV1, WebhookRequestV1 } from '../connector/v1/channel-connector-v1';
import type { PosSaleStatus } from '../connector/v1/pos-connector-v1';
import type { EngineContext } from '../omnisync/engine-context';
import type { ActionEntry } from '../store/records';
import { type DownloadOrdersOptions, type DownloadReport, downloadOrders } from './download-orders';
import type { OrderImportRules } from './import-rules';
import { ingestWebhook, type WebhookReport } from './ingest-webhook';
import { ledgerData, type OrderLedgerData } from './order-ledger';
import { createOrdersEnv, type OrdersEnv } from './orders-env';
import { type OrdersReconcileReport, type ReconcileOrdersOptions, reconcileOrders } from './reconcile-orders';
import { retryPolicy } from './retry';
import { type RetryReport, retryWaitingOrders } from './retry-waiting';
import {
  pushOrderStatuses,
  type SaleRef,
  type SaleStatusResult,
  type StatusPushReport,
  saleStatusChanged,
} from './status-write-back';

/** A channel's payment or delivery method, with the POS method the rules map it to. */
export interface MappedChannelMethod extends ChannelMethodV1 {
  /** The POS method (the mapping, else the default); null when unmapped. */
  mappedTo: string | null;
  /** True when it maps through `default` rather than an explicit entry. */
  viaDefault: boolean;
}

/** A channel's methods, for building the payment and delivery mappings. */
export interface ChannelMethods {
  channelId: string;
  payment: MappedChannelMethod[];
  delivery: MappedChannelMethod[];
}

/** One order's record and history. */
export interface OrderHistory {
  channelId: string;
  externalId: string;
  /** The ledger's view (null when the order was never seen). */
  ledger: {
    state: string;
    saleId: string | null;
    channelUpdatedAt: string | null;
    status: OrderLedgerData['status'];
    rawStatus: string | null;
    applied: OrderLedgerData['applied'];
    problems: OrderLedgerData['problems'] | null;
    error: OrderLedgerData['error'];
    writeBack: OrderLedgerData['writeBack'];
  } | null;
  /** Everything that happened to it, newest first. */
  actions: ActionEntry[];
}

/** Order download, import rules, status changes, write-back and reconciliation. */
export interface OrdersApi {
  /**
   * Download a channel's orders since its cursor (or `from`, a back date that
   * backfills orders of every status) and import each exactly once.
   * Throws `LeaseHeldError` when another worker is downloading the channel.
   */
  downloadOrders(channelId: string, options?: DownloadOrdersOptions): Promise<DownloadReport>;
  /**
   * Verify a channel webhook delivery and import or update the orders it
   * carries, through the same path as a download; listing events update the
   * listing snapshot (as `listingsReported` does: echo vs channel edit). Throws `WebhookSignatureError`
   * for a forged delivery (answer 401) and a retryable `OrderImportError` when
   * an order could not be stored yet (answer 503).
   */
  ingestWebhook(channelId: string, request: WebhookRequestV1): Promise<WebhookReport>;
  /** Compare a window of channel orders with the ledger, report missing orders and stale statuses, and repair them unless `dryRun`. */
  reconcileOrders(channelId: string, options: ReconcileOrdersOptions): Promise<OrdersReconcileReport>;
  /** Try again orders left waiting (a rule could not be applied), failed or interrupted; all channels when none is named. */
  retryWaitingOrders(channelId?: string): Promise<Record<string, RetryReport>>;
  /** The POS changed a sale: record it and send the configured channel status (queued and retried until delivered). */
  saleStatusChanged(ref: SaleRef, posStatus: PosSaleStatus): Promise<SaleStatusResult>;
  /** Deliver status write-backs still queued (call it on a timer, or after an outage). */
  pushOrderStatuses(): Promise<StatusPushReport>;
  /** The channel's payment and delivery methods with their current mapping (needs `capabilities.methodLists`). */
  channelMethods(channelId: string): Promise<ChannelMethods>;
  /** One order's ledger record and action history. */
  orderHistory(channelId: string, externalId: string): Promise<OrderHistory>;
  /** The parsed import rules of a channel. */
  orderRules(channelId: string): OrderImportRules;
}

/** Build the orders part of the facade. Parses every channel's import rules now (a bad rule throws `InvalidSettingsError`). */
export function createOrdersApi(ctx: EngineContext): OrdersApi {
  const env = createOrdersEnv(ctx);
  const retryAll = async (channelId?: string) => {
    const ids = channelId ? [env.channel(channelId).id] : [...ctx.channels.keys()];
    const session = await env.session({ fresh: true, retry: retryPolicy() });
    const out: Record<string, RetryReport> = {};
    for (const id of ids) out[id] = await retryWaitingOrders(env, id, session);
    return out;
  };
  return {
    async downloadOrders(channelId, options) {
      const report = await downloadOrders(env, channelId, options, (id, session, processed) =>
        retryWaitingOrders(env, id, session, processed),
      );
      await pushOrderStatuses(env).catch((error) => ctx.logger.warn({ error: String(error) }, 'status push failed'));
      return report;
    },
    ingestWebhook: (channelId, request) => ingestWebhook(env, channelId, request),
    async reconcileOrders(channelId, options) {
      const report = await reconcileOrders(env, channelId, options);
      if (!options.dryRun) await pushOrderStatuses(env);
      return report;
    },
    retryWaitingOrders: retryAll,
    saleStatusChanged: (ref, posStatus) => saleStatusChanged(env, ref, posStatus),
    pushOrderStatuses: () => pushOrderStatuses(env),
    channelMethods: (channelId) => channelMethods(env, channelId),
    orderHistory: (channelId, externalId) => orderHistory(env, channelId, externalId),
    orderRules: (channelId) => env.rulesOf(channelId),
  };
}

async function channelMethods(env: OrdersEnv, channelId: string): Promise<ChannelMethods> {
  const connector = requireCapability(env.channel(channelId).connector, 'methodLists');
  const rules = env.rulesOf(channelId);
  const [payment, delivery] = await Promise.all([
    connector.listPaymentMethods({ priority: 'orders' }),
    connector.listDeliveryMethods({ priority: 'orders' }),
  ]);
  const map = (methods: ChannelMethodV1[], rule: OrderImportRules['payments']): MappedChannelMethod[] =>
    methods.map((m) => {
      const explicit = rule.mapping[m.id];
      return { ...m, mappedTo: explicit ?? rule.default, viaDefault: explicit === undefined && rule.default !== null };
    });
  return { channelId, payment: map(payment, rules.payments), delivery: map(delivery, rules.delivery) };
}

async function orderHistory(env: OrdersEnv, channelId: string, externalId: string): Promise<OrderHistory> {
  const { ctx } = env;
  env.channel(channelId);
  const entry = await ctx.store.getLedgerEntry(ctx.tenantId, channelId, externalId);
  const page = await ctx.store.listActions({
    tenantId: ctx.tenantId,
    channelId,
    subjectType: 'order',
    subjectId: externalId,
    limit: 500,
  });
  const data = entry ? ledgerData(entry) : null;
  return {
    channelId,
    externalId,
    ledger:
      entry && data
        ? {
            state: entry.state,
            saleId: entry.saleId,
            channelUpdatedAt: entry.channelUpdatedAt,
            status: data.status,
            rawStatus: data.rawStatus,
            applied: data.applied,
            problems: data.problems ?? null,
            error: data.error,
            writeBack: data.writeBack,
          }
        : null,
    actions: page.items,
  };
}
