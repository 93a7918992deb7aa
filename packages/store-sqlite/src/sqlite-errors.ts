import { OmnisyncError, StoreError } from '@omnisync/core';

/** SQLite primary result codes this store reacts to (https://www.sqlite.org/rescode.html). */
export const SQLITE_CODE = {
  BUSY: 5,
  LOCKED: 6,
  READONLY: 8,
  CORRUPT: 11,
  FULL: 13,
  CANTOPEN: 14,
  NOTADB: 26,
} as const;

/** The primary SQLite result code of an error thrown by `node:sqlite`, or null for any other error. */
export function sqliteCode(error: unknown): number | null {
  if (typeof error !== 'object' || error === null) return null;
  const { code, errcode } = error as { code?: unknown; errcode?: unknown };
  if (code !== 'ERR_SQLITE_ERROR' || typeof errcode !== 'number') return null;
  return errcode & 0xff;
}

/** True when SQLite refused because another connection holds a lock: worth retrying. */
export function isBusy(error: unknown): boolean {
  const code = sqliteCode(error);
  return code === SQLITE_CODE.BUSY || code === SQLITE_CODE.LOCKED;
}

/** The store stayed locked past the busy timeout. */
export function lockedError(path: string, busyTimeoutMs: number, cause?: unknown): StoreError {
  return new StoreError(
    'STORE_LOCKED',
    `The omnisync store at ${path} stayed locked for more than ${busyTimeoutMs} ms: another process holds ` +
      'its write lock. Retry later, raise busyTimeoutMs, or stop the process that keeps a transaction open.',
    { cause, details: { path, busyTimeoutMs } },
  );
}

/** The file exists but is not an omnisync store. */
export function notAStoreError(path: string, why: string, cause?: unknown): StoreError {
  return new StoreError(
    'STORE_NOT_A_STORE',
    `${path} is not an omnisync store (${why}). It was left untouched. Point the store at a new file, ` +
      'or at a file an omnisync store created.',
    { cause, details: { path } },
  );
}

/** The store was written by a newer omnisync. */
export function schemaTooNewError(path: string, found: number, known: number): StoreError {
  return new StoreError(
    'STORE_SCHEMA_TOO_NEW',
    `The omnisync store at ${path} has schema version ${found}, but this @omnisync/store-sqlite knows ` +
      `versions up to ${known}. It was left untouched: upgrade @omnisync/store-sqlite to open it.`,
    { details: { path, found, known } },
  );
}

/**
 * Turn what a store call threw into what its caller sees: a `node:sqlite` error becomes a
 * `StoreError` naming the path and what to do; omnisync errors and the caller's own errors pass unchanged.
 */
export function toStoreError(error: unknown, path: string, busyTimeoutMs: number): unknown {
  if (OmnisyncError.isInstance(error) || sqliteCode(error) === null) return error;
  const detail = error instanceof Error ? error.message : String(error);
  switch (sqliteCode(error)) {
    case SQLITE_CODE.BUSY:
    case SQLITE_CODE.LOCKED:
      return lockedError(path, busyTimeoutMs, error);
    case SQLITE_CODE.FULL:
      return new StoreError(
        'STORE_DISK_FULL',
        `The disk holding the omnisync store at ${path} is full; the write was rolled back, nothing was ` +
          'half-written. Free disk space (or move the store to a larger disk) and retry.',
        { cause: error, details: { path } },
      );
    case SQLITE_CODE.NOTADB:
      return notAStoreError(path, 'it is not a SQLite database', error);
    case SQLITE_CODE.CORRUPT:
      return storeFailure(path, 'is damaged (SQLite reports corruption); restore it from a backup', error);
    case SQLITE_CODE.CANTOPEN:
      return storeFailure(path, 'cannot be opened; check that its directory exists and is writable', error);
    case SQLITE_CODE.READONLY:
      return storeFailure(path, 'is read-only; check the permissions of the file and its directory', error);
    default:
      return storeFailure(path, `failed: ${detail}`, error);
  }
}

function storeFailure(path: string, what: string, cause: unknown): StoreError {
  return new StoreError('STORE_ERROR', `The omnisync store at ${path} ${what}.`, { cause, details: { path } });
}
