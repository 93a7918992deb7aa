import { statSync } from 'node:fs';
import type { DatabaseSync } from 'node:sqlite';
import { StoreError } from '@omnisync/core';
import { retryWhileBusy } from './busy-retry';
import { APPLICATION_ID, LATEST_SCHEMA_VERSION, MIGRATIONS, STORE_FORMAT } from './schema';
import { lockedError, notAStoreError, schemaTooNewError, toStoreError } from './sqlite-errors';

/** How a store file is opened. */
export interface OpenDatabaseOptions {
  path: string;
  busyTimeoutMs: number;
  synchronous: 'full' | 'normal';
}

/** What a file holds, judged before anything is written to it. */
type Identity = { kind: 'empty' } | { kind: 'foreign'; why: string } | { kind: 'store'; version: number };

/**
 * SQLite's own busy wait sleeps synchronously and blocks the event loop, so it is kept to a
 * couple of milliseconds (enough for the usual sub-millisecond commit of another process);
 * longer waits happen in `retryWhileBusy`, which sleeps asynchronously.
 */
const SYNC_BUSY_TIMEOUT_MS = 2;

/**
 * Page cache per connection, filled only as pages are used. SQLite's 2 MiB default makes a
 * 1M-listing snapshot write about 2.5× slower (bench/store.ts), as index pages keep being evicted.
 */
const PAGE_CACHE_KIB = 64 * 1024;

/** The WAL file is truncated to this size after each checkpoint. */
const WAL_SIZE_LIMIT_BYTES = 64 * 1024 * 1024;

/** Load `node:sqlite` lazily, so that an older Node gets a clear error instead of a failed import. */
async function loadSqlite(): Promise<typeof import('node:sqlite')> {
  try {
    return await import('node:sqlite');
  } catch (cause) {
    throw new StoreError(
      'STORE_ERROR',
      `The SQLite store needs Node.js 22.13 or newer (it uses the built-in node:sqlite); this is Node ${process.versions.node}. Run with Node 24, e.g. \`npx -p node@24 -- <command>\`.`,
      { cause },
    );
  }
}

/**
 * Open (or create) the store file: refuse a file that is not an omnisync store
 * or whose schema is newer than this code, without writing to it; then switch
 * to WAL and apply the missing migrations in one `BEGIN IMMEDIATE` transaction.
 */
export async function openDatabase(options: OpenDatabaseOptions): Promise<DatabaseSync> {
  const { path, busyTimeoutMs } = options;
  if (isDirectory(path)) throw notAStoreError(path, 'it is a directory; give the path of a file in it');
  const { DatabaseSync } = await loadSqlite();
  let db: DatabaseSync;
  try {
    db = new DatabaseSync(path, { timeout: Math.min(busyTimeoutMs, SYNC_BUSY_TIMEOUT_MS) });
  } catch (error) {
    throw toStoreError(error, path, busyTimeoutMs);
  }
  const whileBusy = <T>(step: () => T) =>
    retryWhileBusy(step, busyTimeoutMs, (cause) => lockedError(path, busyTimeoutMs, cause));
  try {
    assertUsable(path, await whileBusy(() => readIdentity(db)));
    await whileBusy(() => db.exec('PRAGMA journal_mode = WAL'));
    db.exec(`PRAGMA synchronous = ${options.synchronous.toUpperCase()}`);
    db.exec(`PRAGMA cache_size = -${PAGE_CACHE_KIB}`);
    // After a checkpoint, cut the WAL file back (a 1M-listing scan would otherwise leave it hundreds of MiB).
    db.exec(`PRAGMA journal_size_limit = ${WAL_SIZE_LIMIT_BYTES}`);
    await whileBusy(() => migrate(db, path));
    return db;
  } catch (error) {
    db.close();
    throw toStoreError(error, path, busyTimeoutMs);
  }
}

function readIdentity(db: DatabaseSync): Identity {
  const tables = db
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table'")
    .all()
    .map((row) => String(row.name));
  if (tables.length === 0) return { kind: 'empty' };
  if (!tables.includes('omnisync_meta')) {
    return { kind: 'foreign', why: `it is a SQLite database of another application, with tables ${list(tables)}` };
  }
  const meta = new Map(
    db
      .prepare('SELECT key, value FROM omnisync_meta')
      .all()
      .map((row) => [String(row.key), String(row.value)]),
  );
  const version = Number(meta.get('schema_version'));
  if (meta.get('format') !== STORE_FORMAT || !Number.isInteger(version)) {
    return { kind: 'foreign', why: 'its omnisync_meta table does not describe an omnisync store' };
  }
  return { kind: 'store', version };
}

function assertUsable(path: string, identity: Identity): void {
  if (identity.kind === 'foreign') throw notAStoreError(path, identity.why);
  if (identity.kind === 'store' && identity.version > LATEST_SCHEMA_VERSION) {
    throw schemaTooNewError(path, identity.version, LATEST_SCHEMA_VERSION);
  }
}

/** Apply missing migrations atomically. Re-reads the version under the write lock: another process may have migrated. */
function migrate(db: DatabaseSync, path: string): void {
  const before = readIdentity(db);
  if (before.kind === 'store' && before.version === LATEST_SCHEMA_VERSION) return;
  db.exec('BEGIN IMMEDIATE');
  try {
    const identity = readIdentity(db);
    assertUsable(path, identity);
    let version = identity.kind === 'store' ? identity.version : 0;
    if (identity.kind === 'empty') createMeta(db);
    for (const migration of MIGRATIONS) {
      if (migration.version <= version) continue;
      db.exec(migration.sql);
      version = migration.version;
    }
    db.prepare("UPDATE omnisync_meta SET value = ? WHERE key = 'schema_version'").run(String(version));
    db.exec(`PRAGMA user_version = ${version}`);
    db.exec('COMMIT');
  } catch (error) {
    if (db.isTransaction) db.exec('ROLLBACK');
    throw error;
  }
}

function createMeta(db: DatabaseSync): void {
  db.exec('CREATE TABLE omnisync_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID');
  const put = db.prepare('INSERT INTO omnisync_meta (key, value) VALUES (?, ?)');
  put.run('format', STORE_FORMAT);
  put.run('schema_version', '0');
  db.exec(`PRAGMA application_id = ${APPLICATION_ID}`);
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

function list(names: string[]): string {
  const shown = names.slice(0, 5).join(', ');
  return names.length > 5 ? `${shown}…` : shown;
}
