import { randomUUID } from 'node:crypto';
import { type CatalogApi, createCatalogApi } from '../catalog/catalog-api';
import { createProductsApi, type ProductsApi } from '../catalog/products-api';
import { resolveChannelConnector, resolvePosConnector } from '../connector/require-capability';
import type { ChannelConnectorV1 } from '../connector/v1/channel-connector-v1';
import { UnknownChannelError } from '../errors/errors';
import { type Notice, OmnisyncEmitter } from '../events';
import { createInventoryApi, type InventoryApi } from '../inventory/inventory-api';
import { silentLogger } from '../logger';
import { MatchingOptions } from '../matching/normalize-sku';
import { createExportApi, type ExportApi } from '../orders/export/export-api';
import { createOrdersApi, type OrdersApi } from '../orders/orders-api';
import { createReconcileApi, type ReconcileApi } from '../reconcile/reconcile-api';
import { createScanApi, type ScanApi } from '../scan/scan-api';
import { redactValue } from '../secrets/redact';
import { parseSettings } from '../settings/parse-settings';
import { createMemoryStore } from '../store/memory-store';
import type { ChannelConfig, ChannelRuntime } from './channel-config';
import type { EngineContext } from './engine-context';
import type { OmnisyncBase, OmnisyncOptions } from './omnisync-options';

export type { OmnisyncBase, OmnisyncOptions } from './omnisync-options';

/** An omnisync instance: the facade over every feature. */
export type Omnisync = OmnisyncBase &
  ScanApi &
  CatalogApi &
  OrdersApi &
  InventoryApi &
  ProductsApi &
  ExportApi &
  ReconcileApi;

function isConnector(value: ChannelConnectorV1 | ChannelConfig): value is ChannelConnectorV1 {
  return 'specificationVersion' in value;
}

/**
 * Create an omnisync instance over a POS, channel accounts and a store.
 *
 * @example
 * const omni = createOmnisync({ pos, channels: { shop: createWooCommerce({...}) } });
 * await omni.scan('shop', { type: 'full' });
 */
export function createOmnisync(options: OmnisyncOptions): Omnisync {
  const pos = resolvePosConnector(options.pos);
  const channels = new Map<string, ChannelRuntime>();
  for (const [id, value] of Object.entries(options.channels)) {
    const config = isConnector(value) ? { connector: value } : value;
    channels.set(id, { id, name: config.name ?? id, connector: resolveChannelConnector(config.connector), config });
  }
  const store = options.store ?? createMemoryStore();
  const events = new OmnisyncEmitter();
  const tenantId = options.tenantId ?? 'default';
  const clock = options.clock ?? (() => new Date());
  const closers: (() => Promise<void> | void)[] = [];

  const ctx: EngineContext = {
    tenantId,
    options,
    store,
    pos,
    channels,
    events,
    logger: options.logger ?? silentLogger,
    matching: parseSettings('matching', MatchingOptions, options.matching ?? {}),
    workerId: options.workerId ?? `worker-${randomUUID()}`,
    services: new Map<string, unknown>(),
    onClose: (fn) => closers.push(fn),
    hooks: { stockAffected: [], orderStatusChanged: [] },
    now: clock,
    channel(id) {
      const runtime = channels.get(id);
      if (!runtime) throw new UnknownChannelError(id, [...channels.keys()]);
      return runtime;
    },
    async notice(notice) {
      const full: Notice = redactValue({ ...notice, at: clock().toISOString() });
      await store.appendAction({
        tenantId,
        channelId: full.channelId,
        subjectType: full.subject?.type ?? 'notice',
        subjectId: full.subject?.id ?? full.kind,
        action: `notice:${full.kind}`,
        outcome: 'notice',
        message: full.message,
        details: full.details ?? {},
        at: full.at,
      });
      events.emit('notice', full);
    },
  };

  const base: OmnisyncBase = {
    tenantId,
    store,
    pos,
    events,
    channelIds: [...channels.keys()],
    on(event, listener) {
      events.on(event, listener as never);
      return () => events.off(event, listener as never);
    },
    actions: (query = {}) => store.listActions({ tenantId, ...query }),
    notice: (notice) => ctx.notice(notice),
    async close() {
      for (const close of closers.splice(0).reverse()) await close();
    },
  };

  const features = Object.assign(
    base,
    createScanApi(ctx),
    createCatalogApi(ctx),
    createOrdersApi(ctx),
    createInventoryApi(ctx),
    createProductsApi(ctx),
    createExportApi(ctx),
  );
  // The reconcile routine composes the other features, so it is built on top of them.
  return Object.assign(features, createReconcileApi(ctx, features));
}
