import type { PosConnectorV1 } from '../connector/v1/pos-connector-v1';
import type { Notice, OmnisyncEmitter } from '../events';
import type { Logger } from '../logger';
import type { MatchingOptions } from '../matching/normalize-sku';
import type { SyncStore } from '../store/sync-store';
import type { ChannelRuntime } from './channel-config';

/**
 * What every feature module of the engine receives: the store, the
 * connectors, the emitter and the clock. Feature modules (scan, orders,
 * inventory...) are built from it by `createOmnisync`.
 */
export interface EngineContext {
  readonly tenantId: string;
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
  /** Shared slots where one feature publishes a service another uses (e.g. inventory's outbox hook for orders). */
  readonly services: Map<string, unknown>;
}
