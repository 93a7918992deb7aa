/**
 * `@omnisync/store-sqlite`: the durable omnisync store on `node:sqlite`, one
 * file in WAL mode, safe to share between several processes.
 *
 * @packageDocumentation
 */
export { LATEST_SCHEMA_VERSION as SCHEMA_VERSION } from './schema';
export { createSqliteStore, SqliteStore, type SqliteStoreOptions } from './sqlite-store';
export { VERSION } from './version';
