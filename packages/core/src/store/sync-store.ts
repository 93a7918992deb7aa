import type { Listing } from '../model/listing';
import type {
  ActionEntry,
  Cursor,
  Lease,
  LedgerEntry,
  Mapping,
  NewActionEntry,
  NewLedgerEntry,
  NewOutboxEntry,
  OutboxEntry,
  SnapshotListing,
} from './records';

/** A page of results and the cursor of the next page (null at the end). */
export interface StorePage<T> {
  items: T[];
  next: string | null;
}

/** Options every store factory accepts. */
export interface SyncStoreOptions {
  /** The clock used for leases, visibility timeouts and timestamps (ms since epoch). Defaults to `Date.now`. */
  clock?: () => number;
}

/**
 * The operations of a store. Every write that a crash could split is done in
 * one `transaction`. All records are scoped by tenant.
 */
export interface SyncStoreOperations {
  // ── leases: one worker at a time per key, across processes ──
  /** Take the lease if it is free, expired, or already ours (then it is renewed). Null when another owner holds it. */
  acquireLease(args: { tenantId: string; key: string; owner: string; ttlMs: number }): Promise<Lease | null>;
  /** Extend a lease we hold. Null when it was lost (expired and taken over). */
  renewLease(lease: Lease, ttlMs: number): Promise<Lease | null>;
  /** Give a lease back. Does nothing when it was already taken over. */
  releaseLease(lease: Lease): Promise<void>;
  getLease(tenantId: string, key: string): Promise<Lease | null>;

  // ── cursors: moved by compare-and-set ──
  getCursor(tenantId: string, key: string): Promise<Cursor | null>;
  /**
   * Set a cursor if its version is still `expectedVersion` (`null`: the cursor must not exist yet).
   * Returns the new cursor, or null when another worker moved it first.
   */
  compareAndSetCursor(
    tenantId: string,
    key: string,
    expectedVersion: number | null,
    value: string,
  ): Promise<Cursor | null>;

  // ── order ledger: unique on tenant + channel + external id ──
  getLedgerEntry(tenantId: string, channelId: string, externalId: string): Promise<LedgerEntry | null>;
  /** Insert unless present. `inserted: false` returns the existing entry untouched. */
  insertLedgerEntry(entry: NewLedgerEntry): Promise<{ inserted: boolean; entry: LedgerEntry }>;
  /** Update if the stored revision is still `entry.revision`; throws `StoreError` `LEDGER_CONFLICT` otherwise. */
  updateLedgerEntry(entry: LedgerEntry): Promise<LedgerEntry>;
  listLedgerEntries(args: {
    tenantId: string;
    channelId?: string;
    states?: readonly string[];
    after?: string | null;
    limit?: number;
  }): Promise<StorePage<LedgerEntry>>;

  // ── listing snapshots ──
  /** Insert or update listings seen by scan `scanId`, keeping what omnisync pushed. */
  upsertListings(
    tenantId: string,
    channelId: string,
    listings: readonly Listing[],
    scanId: string | null,
  ): Promise<void>;
  /** Mark every listing of the channel not seen by `scanId` as deleted. Call only after a complete full scan. */
  markUnseenListingsDeleted(tenantId: string, channelId: string, scanId: string): Promise<number>;
  getListing(tenantId: string, channelId: string, key: string): Promise<SnapshotListing | null>;
  listListings(args: {
    tenantId: string;
    channelId?: string;
    sku?: string;
    statuses?: readonly string[];
    after?: string | null;
    limit?: number;
  }): Promise<StorePage<SnapshotListing>>;
  countListings(tenantId: string, channelId?: string): Promise<number>;
  /** Record the quantity omnisync pushed successfully to a listing. */
  setPushedQuantity(tenantId: string, channelId: string, key: string, quantity: number, at: string): Promise<void>;

  // ── explicit mappings ──
  putMapping(mapping: Mapping): Promise<void>;
  deleteMapping(mapping: Omit<Mapping, 'externalId'>): Promise<void>;
  listMappings(tenantId: string, targetId?: string): Promise<Mapping[]>;

  // ── action log: append-only ──
  appendAction(entry: NewActionEntry): Promise<ActionEntry>;
  /** Newest first. */
  listActions(args: {
    tenantId: string;
    channelId?: string;
    subjectType?: string;
    subjectId?: string;
    outcome?: string;
    limit?: number;
    before?: string | null;
  }): Promise<StorePage<ActionEntry>>;

  // ── outbox: claimed with a visibility timeout, acknowledged when done ──
  /**
   * Add work. A pending (unclaimed) entry with the same tenant + topic + key is
   * replaced instead (coalescing): its payload becomes the new one and its
   * priority the more urgent of the two.
   */
  enqueue(entry: NewOutboxEntry): Promise<OutboxEntry>;
  /**
   * Claim up to `limit` available entries, most urgent first, for `visibilityTimeoutMs`.
   * An entry whose claim expired is offered again. Never hands out two entries with the
   * same topic + key at once.
   */
  claim(args: {
    tenantId: string;
    topic: string;
    owner: string;
    limit: number;
    visibilityTimeoutMs: number;
  }): Promise<OutboxEntry[]>;
  /** Acknowledge entries we still hold; returns how many were removed. */
  ack(tenantId: string, ids: readonly string[], owner: string): Promise<number>;
  /** Give an entry back for a later attempt (attempts + 1), with the error that stopped it. */
  release(
    tenantId: string,
    id: string,
    owner: string,
    args: { error?: string | null; availableAt?: string },
  ): Promise<void>;
  listOutbox(args: { tenantId: string; topic?: string; limit?: number }): Promise<OutboxEntry[]>;

  // ── small engine state (scan runs, settings versions...) ──
  getValue<T = unknown>(tenantId: string, namespace: string, key: string): Promise<T | null>;
  putValue(tenantId: string, namespace: string, key: string, value: unknown): Promise<void>;
  deleteValue(tenantId: string, namespace: string, key: string): Promise<void>;
  listValues<T = unknown>(tenantId: string, namespace: string): Promise<{ key: string; value: T }[]>;
}

/**
 * The contract of omnisync's stores (memory, SQLite, PostgreSQL), designed for
 * many workers and many tenants sharing one store: leases with expiry instead
 * of in-process locks, compare-and-set cursors, a unique order ledger, and an
 * outbox with claims. No correctness rule lives only in memory.
 */
export interface SyncStore extends SyncStoreOperations {
  /** `memory`, `sqlite`, `postgres`... */
  readonly kind: string;
  /**
   * Run `fn` atomically: every write it makes through `tx` lands, or none does
   * (when it throws). Calls on the store made while it runs wait for it.
   */
  transaction<T>(fn: (tx: SyncStoreOperations) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}
