import type { Listing } from '../model/listing';

/**
 * Records the `SyncStore` keeps. Every record is scoped by `tenantId`: an ERP
 * vendor runs thousands of merchants, each with its own channels, in one store.
 */

/** A time-limited exclusive claim on a key (e.g. `scan:<channelId>`), held by one worker. */
export interface Lease {
  tenantId: string;
  key: string;
  owner: string;
  /** Fencing token: grows on every acquisition or takeover, so a stale holder can be told apart. */
  token: number;
  acquiredAt: string;
  expiresAt: string;
}

/** A named position (e.g. the last order `updated_at` downloaded) moved by compare-and-set. */
export interface Cursor {
  tenantId: string;
  key: string;
  value: string;
  /** Starts at 1; every successful compare-and-set adds 1. */
  version: number;
  updatedAt: string;
}

/** One channel order in the ledger: unique on tenant + channel + external id. */
export interface LedgerEntry {
  tenantId: string;
  channelId: string;
  externalId: string;
  /** The engine's state for the order, e.g. `imported`, `waiting`, `failed`. */
  state: string;
  /** The POS sale id once created. */
  saleId: string | null;
  /** The channel's updated time of the last version applied, to order out-of-order updates. */
  channelUpdatedAt: string | null;
  /** Engine-owned details (applied transitions, last error, the order snapshot...). JSON only. */
  data: Record<string, unknown>;
  /** Starts at 1; every update adds 1. Updates are compare-and-set on it. */
  revision: number;
  createdAt: string;
  updatedAt: string;
}

/** Fields a caller provides to insert a ledger entry. */
export type NewLedgerEntry = Omit<LedgerEntry, 'revision' | 'createdAt' | 'updatedAt'>;

/** The listing a snapshot record holds, without the store's bookkeeping (nor the raw payload). */
export function snapshotListing(s: SnapshotListing): Listing {
  return {
    channelId: s.channelId,
    listingId: s.listingId,
    variantId: s.variantId ?? null,
    sku: s.sku,
    title: s.title,
    status: s.status,
    quantity: s.quantity,
    price: s.price ?? null,
    attributes: s.attributes,
    updatedAt: s.updatedAt,
  };
}

/** A listing as last seen by a scan, plus what omnisync last pushed to it. */
export interface SnapshotListing extends Listing {
  tenantId: string;
  /** `listingKey(listing)`: unique within tenant + channel. */
  key: string;
  /** The scan that last saw it (for mark-and-sweep deletion after a complete full scan). */
  seenInScan: string | null;
  /** When a scan last saw it. */
  seenAt: string | null;
  /** The last quantity omnisync pushed successfully, and when. */
  pushedQuantity: number | null;
  pushedAt: string | null;
}

/** An explicit mapping of a POS item (or one of its modifiers) to a listing or product id on a channel or POS. */
export interface Mapping {
  tenantId: string;
  /** The channel or POS the external id belongs to. */
  targetId: string;
  itemId: string;
  modifierId: string | null;
  externalId: string;
}

/** The outcome recorded in an action log entry. */
export type ActionOutcome = 'ok' | 'error' | 'notice' | 'skipped';

/** One entry of the append-only action log (what happened to an order, a listing, a scan, an export). */
export interface ActionEntry {
  id: string;
  tenantId: string;
  at: string;
  channelId: string | null;
  subjectType: string;
  subjectId: string;
  action: string;
  outcome: ActionOutcome;
  message: string;
  details: Record<string, unknown>;
}

/** Fields a caller provides to append an action. */
export type NewActionEntry = Omit<ActionEntry, 'id' | 'at'> & { at?: string };

/** A unit of work in the outbox (a stock push for a SKU, a status write-back...). */
export interface OutboxEntry {
  id: string;
  tenantId: string;
  /** What kind of work: `stock`, `status`, `export`... */
  topic: string;
  /** What it is about; pending entries with the same topic + key coalesce into one. */
  key: string;
  /** Lower runs first (0 = urgent, e.g. the oversell guard). */
  priority: number;
  payload: unknown;
  attempts: number;
  /** Monotonic order of (last) enqueue. */
  sequence: number;
  enqueuedAt: string;
  availableAt: string;
  claimedBy: string | null;
  claimExpiresAt: string | null;
  lastError: string | null;
}

/** Fields a caller provides to enqueue work. */
export interface NewOutboxEntry {
  tenantId: string;
  topic: string;
  key: string;
  payload: unknown;
  priority?: number;
  availableAt?: string;
}
