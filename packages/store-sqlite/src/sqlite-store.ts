import { AsyncLocalStorage } from 'node:async_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  bindStoreOperations,
  InvalidSettingsError,
  type SchemaIssue,
  StoreError,
  type SyncStore,
  type SyncStoreOperations,
  type SyncStoreOptions,
} from '@omnisync/core';
import { AsyncMutex } from './async-mutex';
import { retryWhileBusy } from './busy-retry';
import { cursorOps } from './cursor-ops';
import { leaseOps } from './lease-ops';
import { ledgerOps } from './ledger-ops';
import { listingOps } from './listing-ops';
import { openDatabase } from './open-database';
import { outboxOps } from './outbox-ops';
import { actionOps, mappingOps, valueOps } from './record-ops';
import { SqliteConnection } from './sqlite-context';
import { lockedError, toStoreError } from './sqlite-errors';
import type { SyncOperations } from './sync-operations';

/** Options of `createSqliteStore`. */
export interface SqliteStoreOptions extends SyncStoreOptions {
  /** The store file, created when missing (its directory must exist). `:memory:` gives a private, non-durable store. */
  path: string;
  /**
   * How long a call waits for another process's write lock before it fails with `STORE_LOCKED`.
   * The wait does not block the event loop. Default 5000.
   */
  busyTimeoutMs?: number;
  /**
   * `full` (default): a committed write survives a power cut or an OS crash, at the cost of one
   * fsync per commit. `normal`: commits survive a process crash, but the last ones can be lost
   * (never half-written) on a power cut. See docs/decisions/0002-sqlite-store.md.
   */
  synchronous?: 'full' | 'normal';
}

const DEFAULT_BUSY_TIMEOUT_MS = 5_000;

/**
 * The durable `SyncStore` on `node:sqlite`: one file in WAL mode, shared safely
 * by several processes. Every write is one `BEGIN IMMEDIATE` transaction, so a
 * lease, a cursor move or an outbox claim is decided under the file's write lock.
 *
 * Calls on one instance run one at a time; while a `transaction(fn)` is open,
 * other calls on the instance wait for it, and other processes wait for the
 * write lock (up to `busyTimeoutMs`). Inside `fn`, use only `tx`: a call on the
 * store itself would wait for the transaction that waits for it.
 */
// The operations are bound in the constructor (`bindStoreOperations`); this merges their types in.
export interface SqliteStore extends SyncStoreOperations {}

// biome-ignore lint/suspicious/noUnsafeDeclarationMerging: the constructor assigns every operation
export class SqliteStore implements SyncStore {
  readonly kind = 'sqlite';
  private readonly mutex = new AsyncMutex();
  /** The transaction the current async context runs in, to refuse a call that would wait for itself. */
  private readonly openTransaction = new AsyncLocalStorage<{ open: boolean }>();
  private readonly impl: SyncOperations;
  private closed = false;

  private constructor(
    private readonly connection: SqliteConnection,
    private readonly busyTimeoutMs: number,
  ) {
    this.impl = {
      ...leaseOps(connection),
      ...cursorOps(connection),
      ...ledgerOps(connection),
      ...listingOps(connection),
      ...outboxOps(connection),
      ...actionOps(connection),
      ...mappingOps(connection),
      ...valueOps(connection),
    };
    Object.assign(
      this,
      bindStoreOperations(this.impl, (_name, call) => this.run(call)),
    );
  }

  /** Open (creating and migrating when needed) the store at `options.path`. */
  static async open(options: SqliteStoreOptions): Promise<SqliteStore> {
    const settings = parseOptions(options);
    const db = await openDatabase(settings);
    const clock = options.clock ?? Date.now;
    return new SqliteStore(new SqliteConnection(db, settings.path, clock), settings.busyTimeoutMs);
  }

  /** The file this store lives in. */
  get path(): string {
    return this.connection.path;
  }

  // ── plumbing ──

  private assertOpen(): void {
    if (this.closed) throw new StoreError('STORE_ERROR', `The omnisync store at ${this.path} is closed.`);
  }

  /**
   * Take this instance's lock. A call made from inside a running `transaction(fn)` waits for that
   * transaction like any other call; should `fn` be awaiting it (a deadlock), it fails after the
   * busy timeout with an error that says so, rather than hanging for ever.
   */
  private async lock(): Promise<() => void> {
    const now = this.mutex.tryLock();
    if (now) return now;
    const waiting = this.mutex.lock();
    if (!this.openTransaction.getStore()?.open) return waiting;
    const giveUp = new AbortController();
    const timer = sleep(this.busyTimeoutMs, null, { ref: false, signal: giveUp.signal }).catch(() => null);
    const unlock = await Promise.race([waiting, timer]);
    giveUp.abort();
    if (unlock) return unlock;
    void waiting.then((late) => late());
    throw new StoreError(
      'STORE_ERROR',
      `A call on the store inside store.transaction(fn) waited ${this.busyTimeoutMs} ms for that same transaction. ` +
        'Inside fn, use its `tx` argument, not the store.',
    );
  }

  private failure(error: unknown): unknown {
    return toStoreError(error, this.path, this.busyTimeoutMs);
  }

  private lockWaitFor<T>(step: () => T): Promise<T> {
    return retryWhileBusy(step, this.busyTimeoutMs, (cause) => lockedError(this.path, this.busyTimeoutMs, cause));
  }

  /** Run one operation: after any open transaction of this instance, retrying while another process holds the lock. */
  private async run<T>(op: () => T): Promise<T> {
    this.assertOpen();
    const unlock = await this.lock();
    try {
      this.assertOpen();
      return await this.lockWaitFor(op);
    } catch (error) {
      throw this.failure(error);
    } finally {
      unlock();
    }
  }

  async transaction<T>(fn: (tx: SyncStoreOperations) => Promise<T>): Promise<T> {
    this.assertOpen();
    const unlock = await this.lock();
    const scope = { open: true };
    try {
      this.assertOpen();
      await this.lockWaitFor(() => this.connection.begin());
      try {
        const result = await this.openTransaction.run(scope, () => fn(this.scopedOperations(scope)));
        this.connection.commit();
        return result;
      } catch (error) {
        this.rollbackQuietly();
        throw error;
      }
    } catch (error) {
      throw this.failure(error);
    } finally {
      scope.open = false;
      unlock();
    }
  }

  private rollbackQuietly(): void {
    try {
      this.connection.rollback();
    } catch {
      // The original error matters more; SQLite rolls back on its own when the connection closes.
    }
  }

  /** The operations for one transaction's `fn`: run directly (the transaction holds the lock), refused once it ended. */
  private scopedOperations(scope: { open: boolean }): SyncStoreOperations {
    return bindStoreOperations(this.impl, async (name, call) => {
      if (!scope.open) {
        throw new StoreError('STORE_ERROR', `tx.${name} was called after its transaction ended: await every tx call.`);
      }
      try {
        return call();
      } catch (error) {
        throw this.failure(error);
      }
    });
  }

  async close(): Promise<void> {
    if (this.closed) return;
    const unlock = await this.lock();
    try {
      if (this.closed) return;
      this.closed = true;
      try {
        this.connection.db.exec('PRAGMA optimize');
      } catch {
        // Only a planner hint; closing matters more.
      }
      this.connection.db.close();
    } finally {
      unlock();
    }
  }
}

function parseOptions(options: SqliteStoreOptions): Required<Omit<SqliteStoreOptions, 'clock'>> {
  const issues: SchemaIssue[] = [];
  const { path, busyTimeoutMs = DEFAULT_BUSY_TIMEOUT_MS, synchronous = 'full' } = options ?? {};
  if (typeof path !== 'string' || path.length === 0) issues.push({ path: 'path', message: 'expected a file path' });
  if (typeof busyTimeoutMs !== 'number' || !Number.isFinite(busyTimeoutMs) || busyTimeoutMs < 0) {
    issues.push({ path: 'busyTimeoutMs', message: 'expected a number of milliseconds, 0 or more' });
  }
  if (synchronous !== 'full' && synchronous !== 'normal') {
    issues.push({ path: 'synchronous', message: "expected 'full' or 'normal'" });
  }
  if (issues.length > 0) throw new InvalidSettingsError('SQLite store', issues);
  return { path, busyTimeoutMs, synchronous };
}

/**
 * Open the durable SQLite store at `path` (created when missing, migrated on open).
 *
 * @example
 * ```ts
 * const store = await createSqliteStore({ path: './omnisync.db' });
 * const omni = createOmnisync({ store, ... });
 * ```
 * @throws StoreError `STORE_NOT_A_STORE` when the file is something else, `STORE_SCHEMA_TOO_NEW` when a newer
 * omnisync wrote it, `STORE_LOCKED` when another process kept it locked past `busyTimeoutMs`.
 */
export function createSqliteStore(options: SqliteStoreOptions): Promise<SqliteStore> {
  return SqliteStore.open(options);
}
