import type { CatalogOptionsInput } from '../catalog/catalog-options';
import type { ChannelConnectorV1 } from '../connector/v1/channel-connector-v1';
import type { PosConnectorV1 } from '../connector/v1/pos-connector-v1';
import type { Notice, OmnisyncEmitter, OmnisyncEvents } from '../events';
import type { Logger } from '../logger';
import type { MatchingOptionsInput } from '../matching/normalize-sku';
import type { ExportSettingsInput } from '../orders/export/export-settings';
import type { ActionEntry } from '../store/records';
import type { StorePage, SyncStore } from '../store/sync-store';
import type { ChannelConfig } from './channel-config';

/** What `createOmnisync` takes. */
export interface OmnisyncOptions {
  /** The system of record: your POS or ERP, as a `PosConnectorV1`. */
  pos: PosConnectorV1;
  /** The channel accounts, by an id you choose (e.g. `shopee-main`): a connector, or a connector with its rules. */
  channels: Record<string, ChannelConnectorV1 | ChannelConfig>;
  /** Where state lives. Defaults to an in-memory store (use `@omnisync/store-sqlite` to survive restarts). */
  store?: SyncStore;
  logger?: Logger;
  /** The merchant this instance works for; every stored record is scoped by it. Default `default`. */
  tenantId?: string;
  matching?: MatchingOptionsInput;
  /** How classification runs: `{ parallel: false }` keeps big batches off the helper thread (see `docs/guides/classification.md`). */
  catalog?: CatalogOptionsInput;
  /** The clock (tests pass a fake one). */
  clock?: () => Date;
  /** The owner name on leases and claims. Defaults to a random id per instance. */
  workerId?: string;
  /** Order export to external POS systems per location (ordering platforms): see `docs/pos-export.md`. */
  export?: ExportSettingsInput;
}

/** The parts every omnisync instance has, whatever features are used. */
export interface OmnisyncBase {
  readonly tenantId: string;
  readonly store: SyncStore;
  readonly pos: PosConnectorV1;
  readonly events: OmnisyncEmitter;
  /** The configured channel ids. */
  readonly channelIds: readonly string[];
  on<E extends keyof OmnisyncEvents>(event: E, listener: OmnisyncEvents[E]): () => void;
  /** The action log (newest first): imports, pushes, notices, export attempts. */
  actions(query?: {
    channelId?: string;
    subjectType?: string;
    subjectId?: string;
    outcome?: string;
    limit?: number;
    before?: string | null;
  }): Promise<StorePage<ActionEntry>>;
  /**
   * Raise a notice a person must see: emitted as `notice` and kept in the action log. For problems
   * a host or a connector finds outside the engine (e.g. `checkWebhooks()` of the WooCommerce connector
   * reporting a disabled webhook).
   */
  notice(notice: Omit<Notice, 'at'>): Promise<void>;
  /** Stop background work. Does not close the store (you own it). */
  close(): Promise<void>;
}
