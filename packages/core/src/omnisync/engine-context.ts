import type { PosConnectorV1 } from '../connector/v1/pos-connector-v1';
import type { Notice, OmnisyncEmitter } from '../events';
import type { Logger } from '../logger';
import type { MatchingOptions } from '../matching/normalize-sku';
import type { ChannelOrder } from '../model/channel-order';
import type { OrderStatus } from '../model/order-status';
import type { SyncStore, SyncStoreOperations } from '../store/sync-store';
import type { ChannelRuntime } from './channel-config';
import type { OmnisyncOptions } from './omnisync-options';

/**
 * What every feature module of the engine receives: the store, the
 * connectors, the emitter and the clock. Feature modules (scan, orders,
 * inventory...) are built from it by `createOmnisync`.
 */
export interface EngineContext {
  readonly tenantId: string;
  /** The options the instance was created with (features read their own section). */
  readonly options: Readonly<OmnisyncOptions>;
  readonly store: SyncStore;
  readonly pos: PosConnectorV1;
  readonly channels: ReadonlyMap<string, ChannelRuntime>;
  readonly events: OmnisyncEmitter;
  readonly logger: Logger;
  readonly matching: MatchingOptions;
  /** Unique per instance: the owner name on leases and outbox claims. */
  readonly workerId: string;
  now(): Date;
  /** The channel with this id, or `UnknownChannelError`. */
  channel(id: string): ChannelRuntime;
  /** Emit a notice and keep it in the action log. */
  notice(notice: Omit<Notice, 'at'>): Promise<void>;
  /** Register work to stop when the instance closes (timers, background jobs). */
  onClose(fn: () => Promise<void> | void): void;
  /** Internal hooks one feature offers another (orders tell inventory and export what happened). */
  readonly hooks: EngineHooks;
  /** Shared slots where one feature publishes a service another uses (e.g. inventory's outbox hook for orders). */
  readonly services: Map<string, unknown>;
}

/** Something changed the quantities channels should show for these POS items. */
export interface StockAffectedEvent {
  itemIds: string[];
  reason: 'order-imported' | 'order-cancelled' | 'order-reversed' | 'pos-change' | 'restock';
  /** The channel whose order caused it, when an order did. */
  channelId?: string | null;
  order?: ChannelOrder | null;
  /** Run inside the transaction that recorded the cause, so the outbox entry lands with it. */
  tx?: SyncStoreOperations;
}

/** An imported order moved from one canonical status to another (applied once, in channel order). */
export interface OrderStatusChangedEvent {
  channelId: string;
  order: ChannelOrder;
  from: OrderStatus | null;
  to: OrderStatus;
  saleId: string | null;
}

/** Listener lists; features push into them when they are built. Listeners run in order and are awaited. */
export interface EngineHooks {
  stockAffected: ((event: StockAffectedEvent) => Promise<void>)[];
  orderStatusChanged: ((event: OrderStatusChangedEvent) => Promise<void>)[];
}

/** Run every listener of a hook, in order. */
export async function runHooks<E>(listeners: readonly ((event: E) => Promise<void>)[], event: E): Promise<void> {
  for (const listener of listeners) await listener(event);
}
