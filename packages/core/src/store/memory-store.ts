import { StoreError } from '../errors/errors';
import { type Listing, listingKey } from '../model/listing';
import { bindStoreOperations, type StoreOperationImpls } from './bind-store-operations';
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
import type { StorePage, SyncStore, SyncStoreOperations, SyncStoreOptions } from './sync-store';

const SEP = '\u0000';
const k = (...parts: string[]) => parts.join(SEP);

type Undo = () => void;

// The operations are bound in the constructor (`bindStoreOperations`); this merges their types in.
export interface MemoryStore extends SyncStoreOperations {}

/**
 * The in-memory `SyncStore`: the default of the library API, and the reference
 * the store contract suite is written against. State lives only as long as the
 * process; use `@omnisync/store-sqlite` to survive a restart.
 */
// biome-ignore lint/suspicious/noUnsafeDeclarationMerging: see the interface above
export class MemoryStore implements SyncStore {
  readonly kind = 'memory';
  private readonly clock: () => number;
  private readonly leases = new Map<string, Lease>();
  private readonly leaseTokens = new Map<string, number>();
  private readonly cursors = new Map<string, Cursor>();
  private readonly ledger = new Map<string, LedgerEntry>();
  private readonly listings = new Map<string, Map<string, SnapshotListing>>();
  private readonly mappings = new Map<string, Mapping>();
  private readonly actions: ActionEntry[] = [];
  private readonly outbox = new Map<string, OutboxEntry>();
  private readonly values = new Map<string, unknown>();
  private sequence = 0;
  private undo: Undo[] | null = null;
  private queue: Promise<unknown> = Promise.resolve();
  private closed = false;

  constructor(options: SyncStoreOptions = {}) {
    this.clock = options.clock ?? Date.now;
    Object.assign(
      this,
      bindStoreOperations(this.impl as StoreOperationImpls, (_name, call) => this.run(call)),
    );
  }

  // ── plumbing ──

  private nowIso(): string {
    return new Date(this.clock()).toISOString();
  }

  /** Serialise with transactions: a call waits while a transaction is running. */
  private run<T>(fn: () => T): Promise<T> {
    if (this.closed) return Promise.reject(new StoreError('STORE_ERROR', 'The memory store is closed.'));
    const result = this.queue.then(fn);
    this.queue = result.catch(() => undefined);
    return result;
  }

  private put<K, V>(map: Map<K, V>, key: K, value: V): void {
    if (this.undo) {
      const had = map.has(key);
      const previous = map.get(key);
      this.undo.push(() => (had ? map.set(key, previous as V) : map.delete(key)));
    }
    map.set(key, value);
  }

  private remove<K, V>(map: Map<K, V>, key: K): void {
    if (!map.has(key)) return;
    if (this.undo) {
      const previous = map.get(key) as V;
      this.undo.push(() => map.set(key, previous));
    }
    map.delete(key);
  }

  async transaction<T>(fn: (tx: SyncStoreOperations) => Promise<T>): Promise<T> {
    return this.run(async () => {
      const undo: Undo[] = [];
      this.undo = undo;
      const seq = this.sequence;
      try {
        return await fn(this.operations);
      } catch (error) {
        for (const step of undo.reverse()) step();
        this.sequence = seq;
        throw error;
      } finally {
        this.undo = null;
      }
    });
  }

  async close(): Promise<void> {
    this.closed = true;
  }

  /** The operations, bound to run inside a transaction (no queueing: the transaction holds the queue). */
  private get operations(): SyncStoreOperations {
    return bindStoreOperations(this.impl as StoreOperationImpls, async (_name, call) => call());
  }

  // ── implementations: synchronous, so a transaction is atomic between awaits ──

  private readonly impl = {
    acquireLease: ({
      tenantId,
      key,
      owner,
      ttlMs,
    }: {
      tenantId: string;
      key: string;
      owner: string;
      ttlMs: number;
    }) => {
      const id = k(tenantId, key);
      const now = this.clock();
      const held = this.leases.get(id);
      if (held && held.owner !== owner && Date.parse(held.expiresAt) > now) return null;
      const sameHolder = held && held.owner === owner && Date.parse(held.expiresAt) > now;
      const token = sameHolder ? held.token : (this.leaseTokens.get(id) ?? 0) + 1;
      this.put(this.leaseTokens, id, token);
      const lease: Lease = {
        tenantId,
        key,
        owner,
        token,
        acquiredAt: sameHolder ? held.acquiredAt : new Date(now).toISOString(),
        expiresAt: new Date(now + ttlMs).toISOString(),
      };
      this.put(this.leases, id, lease);
      return { ...lease };
    },
    renewLease: (lease: Lease, ttlMs: number) => {
      const id = k(lease.tenantId, lease.key);
      const held = this.leases.get(id);
      const now = this.clock();
      if (!held || held.owner !== lease.owner || held.token !== lease.token) return null;
      if (Date.parse(held.expiresAt) <= now) {
        // Expired but not taken over: still ours.
      }
      const renewed = { ...held, expiresAt: new Date(now + ttlMs).toISOString() };
      this.put(this.leases, id, renewed);
      return { ...renewed };
    },
    releaseLease: (lease: Lease) => {
      const id = k(lease.tenantId, lease.key);
      const held = this.leases.get(id);
      if (held && held.owner === lease.owner && held.token === lease.token) this.remove(this.leases, id);
    },
    getLease: (tenantId: string, key: string) => {
      const held = this.leases.get(k(tenantId, key));
      return held && Date.parse(held.expiresAt) > this.clock() ? { ...held } : null;
    },

    getCursor: (tenantId: string, key: string) => {
      const c = this.cursors.get(k(tenantId, key));
      return c ? { ...c } : null;
    },
    compareAndSetCursor: (tenantId: string, key: string, expectedVersion: number | null, value: string) => {
      const id = k(tenantId, key);
      const current = this.cursors.get(id);
      if ((current?.version ?? null) !== expectedVersion) return null;
      const next: Cursor = { tenantId, key, value, version: (current?.version ?? 0) + 1, updatedAt: this.nowIso() };
      this.put(this.cursors, id, next);
      return { ...next };
    },

    getLedgerEntry: (tenantId: string, channelId: string, externalId: string) => {
      const e = this.ledger.get(k(tenantId, channelId, externalId));
      return e ? cloneEntry(e) : null;
    },
    insertLedgerEntry: (entry: NewLedgerEntry) => {
      const id = k(entry.tenantId, entry.channelId, entry.externalId);
      const existing = this.ledger.get(id);
      if (existing) return { inserted: false, entry: cloneEntry(existing) };
      const now = this.nowIso();
      const stored: LedgerEntry = { ...cloneEntry(entry as LedgerEntry), revision: 1, createdAt: now, updatedAt: now };
      this.put(this.ledger, id, stored);
      return { inserted: true, entry: cloneEntry(stored) };
    },
    updateLedgerEntry: (entry: LedgerEntry) => {
      const id = k(entry.tenantId, entry.channelId, entry.externalId);
      const current = this.ledger.get(id);
      if (!current || current.revision !== entry.revision) {
        throw new StoreError(
          'LEDGER_CONFLICT',
          `Ledger entry ${entry.channelId}/${entry.externalId} changed since revision ${entry.revision}.`,
        );
      }
      const stored: LedgerEntry = { ...cloneEntry(entry), revision: entry.revision + 1, updatedAt: this.nowIso() };
      this.put(this.ledger, id, stored);
      return cloneEntry(stored);
    },
    listLedgerEntries: (args: {
      tenantId: string;
      channelId?: string;
      states?: readonly string[];
      after?: string | null;
      limit?: number;
    }): StorePage<LedgerEntry> => {
      const matches = [...this.ledger.entries()]
        .filter(
          ([, e]) =>
            e.tenantId === args.tenantId &&
            (!args.channelId || e.channelId === args.channelId) &&
            (!args.states || args.states.includes(e.state)),
        )
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
      return pageOf(matches, args.after, args.limit ?? 500, cloneEntry);
    },

    upsertListings: (tenantId: string, channelId: string, listings: readonly Listing[], scanId: string | null) => {
      const id = k(tenantId, channelId);
      let channel = this.listings.get(id);
      if (!channel) {
        channel = new Map();
        this.put(this.listings, id, channel);
      }
      const now = this.nowIso();
      for (const listing of listings) {
        const key = listingKey(listing);
        const previous = channel.get(key);
        this.put(channel, key, {
          ...listing,
          channelId,
          tenantId,
          key,
          seenInScan: scanId ?? previous?.seenInScan ?? null,
          seenAt: scanId ? now : (previous?.seenAt ?? null),
          pushedQuantity: previous?.pushedQuantity ?? null,
          pushedAt: previous?.pushedAt ?? null,
        });
      }
    },
    markUnseenListingsDeleted: (tenantId: string, channelId: string, scanId: string) => {
      const channel = this.listings.get(k(tenantId, channelId));
      if (!channel) return 0;
      let count = 0;
      for (const [key, listing] of channel) {
        if (listing.seenInScan !== scanId && listing.status !== 'deleted') {
          this.put(channel, key, { ...listing, status: 'deleted' });
          count++;
        }
      }
      return count;
    },
    getListing: (tenantId: string, channelId: string, key: string) => {
      const l = this.listings.get(k(tenantId, channelId))?.get(key);
      return l ? { ...l } : null;
    },
    listListings: (args: {
      tenantId: string;
      channelId?: string;
      sku?: string;
      statuses?: readonly string[];
      after?: string | null;
      limit?: number;
    }): StorePage<SnapshotListing> => {
      const rows: [string, SnapshotListing][] = [];
      for (const [id, channel] of this.listings) {
        const [tenantId, channelId] = id.split(SEP) as [string, string];
        if (tenantId !== args.tenantId || (args.channelId && channelId !== args.channelId)) continue;
        for (const [key, l] of channel) {
          if (args.sku !== undefined && l.sku !== args.sku) continue;
          if (args.statuses && !args.statuses.includes(l.status)) continue;
          rows.push([k(channelId, key), l]);
        }
      }
      rows.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
      return pageOf(rows, args.after, args.limit ?? 1000, (l) => ({ ...l }));
    },
    countListings: (tenantId: string, channelId?: string) => {
      let n = 0;
      for (const [id, channel] of this.listings) {
        const [t, c] = id.split(SEP);
        if (t === tenantId && (!channelId || c === channelId)) n += channel.size;
      }
      return n;
    },
    setPushedQuantity: (tenantId: string, channelId: string, key: string, quantity: number, at: string) => {
      const channel = this.listings.get(k(tenantId, channelId));
      const l = channel?.get(key);
      if (channel && l) this.put(channel, key, { ...l, pushedQuantity: quantity, pushedAt: at });
    },

    putMapping: (m: Mapping) => {
      this.put(this.mappings, k(m.tenantId, m.targetId, m.itemId, m.modifierId ?? ''), { ...m });
    },
    deleteMapping: (m: Omit<Mapping, 'externalId'>) => {
      this.remove(this.mappings, k(m.tenantId, m.targetId, m.itemId, m.modifierId ?? ''));
    },
    listMappings: (tenantId: string, targetId?: string) =>
      [...this.mappings.values()]
        .filter((m) => m.tenantId === tenantId && (!targetId || m.targetId === targetId))
        .map((m) => ({ ...m })),

    appendAction: (entry: NewActionEntry) => {
      const stored: ActionEntry = {
        ...entry,
        details: structuredClone(entry.details ?? {}),
        id: String(this.actions.length + 1).padStart(12, '0'),
        at: entry.at ?? this.nowIso(),
      };
      this.actions.push(stored);
      if (this.undo) this.undo.push(() => this.actions.pop());
      return { ...stored };
    },
    listActions: (args: {
      tenantId: string;
      channelId?: string;
      subjectType?: string;
      subjectId?: string;
      outcome?: string;
      limit?: number;
      before?: string | null;
    }): StorePage<ActionEntry> => {
      const limit = args.limit ?? 100;
      const items: ActionEntry[] = [];
      for (let i = this.actions.length - 1; i >= 0 && items.length <= limit; i--) {
        const a = this.actions[i]!;
        if (args.before && a.id >= args.before) continue;
        if (a.tenantId !== args.tenantId) continue;
        if (args.channelId && a.channelId !== args.channelId) continue;
        if (args.subjectType && a.subjectType !== args.subjectType) continue;
        if (args.subjectId && a.subjectId !== args.subjectId) continue;
        if (args.outcome && a.outcome !== args.outcome) continue;
        items.push({ ...a, details: structuredClone(a.details) });
      }
      const more = items.length > limit;
      if (more) items.pop();
      return { items, next: more ? items[items.length - 1]!.id : null };
    },

    enqueue: (entry: NewOutboxEntry) => {
      const now = this.nowIso();
      this.sequence++;
      for (const [id, e] of this.outbox) {
        if (e.tenantId === entry.tenantId && e.topic === entry.topic && e.key === entry.key && !this.isClaimed(e)) {
          const merged: OutboxEntry = {
            ...e,
            payload: structuredClone(entry.payload),
            priority: Math.min(e.priority, entry.priority ?? 100),
            sequence: this.sequence,
            availableAt: entry.availableAt ?? e.availableAt,
            claimedBy: null,
            claimExpiresAt: null,
          };
          this.put(this.outbox, id, merged);
          return { ...merged };
        }
      }
      const created: OutboxEntry = {
        id: String(this.sequence).padStart(12, '0'),
        tenantId: entry.tenantId,
        topic: entry.topic,
        key: entry.key,
        priority: entry.priority ?? 100,
        payload: structuredClone(entry.payload),
        attempts: 0,
        sequence: this.sequence,
        enqueuedAt: now,
        availableAt: entry.availableAt ?? now,
        claimedBy: null,
        claimExpiresAt: null,
        lastError: null,
      };
      this.put(this.outbox, created.id, created);
      return { ...created };
    },
    claim: (args: { tenantId: string; topic: string; owner: string; limit: number; visibilityTimeoutMs: number }) => {
      const now = this.clock();
      const busyKeys = new Set<string>();
      const candidates: OutboxEntry[] = [];
      for (const e of this.outbox.values()) {
        if (e.tenantId !== args.tenantId || e.topic !== args.topic) continue;
        if (this.isClaimed(e)) busyKeys.add(e.key);
        else if (Date.parse(e.availableAt) <= now) candidates.push(e);
      }
      candidates.sort((a, b) => a.priority - b.priority || a.sequence - b.sequence);
      const claimed: OutboxEntry[] = [];
      const expiresAt = new Date(now + args.visibilityTimeoutMs).toISOString();
      for (const e of candidates) {
        if (claimed.length >= args.limit) break;
        if (busyKeys.has(e.key)) continue;
        busyKeys.add(e.key);
        const next = { ...e, claimedBy: args.owner, claimExpiresAt: expiresAt };
        this.put(this.outbox, e.id, next);
        claimed.push({ ...next });
      }
      return claimed;
    },
    ack: (tenantId: string, ids: readonly string[], owner: string) => {
      let n = 0;
      for (const id of ids) {
        const e = this.outbox.get(id);
        if (e && e.tenantId === tenantId && e.claimedBy === owner && this.isClaimed(e)) {
          this.remove(this.outbox, id);
          n++;
        }
      }
      return n;
    },
    release: (tenantId: string, id: string, owner: string, args: { error?: string | null; availableAt?: string }) => {
      const e = this.outbox.get(id);
      if (!e || e.tenantId !== tenantId || e.claimedBy !== owner) return;
      this.put(this.outbox, id, {
        ...e,
        attempts: e.attempts + 1,
        lastError: args.error ?? null,
        availableAt: args.availableAt ?? this.nowIso(),
        claimedBy: null,
        claimExpiresAt: null,
      });
    },
    listOutbox: (args: { tenantId: string; topic?: string; limit?: number }) =>
      [...this.outbox.values()]
        .filter((e) => e.tenantId === args.tenantId && (!args.topic || e.topic === args.topic))
        .sort((a, b) => a.priority - b.priority || a.sequence - b.sequence)
        .slice(0, args.limit ?? 1000)
        .map((e) => ({ ...e })),

    getValue: (tenantId: string, namespace: string, key: string) => {
      const v = this.values.get(k(tenantId, namespace, key));
      return v === undefined ? null : structuredClone(v);
    },
    putValue: (tenantId: string, namespace: string, key: string, value: unknown) => {
      this.put(this.values, k(tenantId, namespace, key), structuredClone(value));
    },
    deleteValue: (tenantId: string, namespace: string, key: string) => {
      this.remove(this.values, k(tenantId, namespace, key));
    },
    listValues: (tenantId: string, namespace: string) => {
      const prefix = k(tenantId, namespace, '');
      return [...this.values.entries()]
        .filter(([id]) => id.startsWith(prefix))
        .map(([id, value]) => ({ key: id.slice(prefix.length), value: structuredClone(value) }))
        .sort((a, b) => (a.key < b.key ? -1 : 1));
    },
  };

  private isClaimed(e: OutboxEntry): boolean {
    return e.claimedBy !== null && e.claimExpiresAt !== null && Date.parse(e.claimExpiresAt) > this.clock();
  }
}

function cloneEntry<T extends { data: Record<string, unknown> }>(e: T): T {
  return { ...e, data: structuredClone(e.data) };
}

function pageOf<T, R>(
  rows: [string, T][],
  after: string | null | undefined,
  limit: number,
  map: (t: T) => R,
): StorePage<R> {
  let start = 0;
  if (after) {
    start = rows.findIndex(([id]) => id > after);
    if (start < 0) start = rows.length;
  }
  const slice = rows.slice(start, start + limit);
  const next = start + limit < rows.length ? slice[slice.length - 1]![0] : null;
  return { items: slice.map(([, t]) => map(t)), next };
}

/** Create an in-memory store. */
export function createMemoryStore(options: SyncStoreOptions = {}): MemoryStore {
  return new MemoryStore(options);
}
