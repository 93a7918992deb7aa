import type { DatabaseSync, StatementSync } from 'node:sqlite';
import { StoreError } from '@omnisync/core';

/** What the operation modules need from the store: statements, the clock, and write transactions. */
export interface SqliteContext {
  readonly path: string;
  /** The store's clock, in ms since epoch. */
  now(): number;
  /** The store's clock as an ISO timestamp. */
  nowIso(): string;
  /** The prepared statement for `sql`: prepared on first use, then reused for the life of the connection. */
  stmt(sql: string): StatementSync;
  /**
   * Run `fn` so that its writes land together: inside the open `transaction()` when there is one,
   * else in its own `BEGIN IMMEDIATE … COMMIT` (rolled back when `fn` throws).
   */
  write<T>(fn: () => T): T;
}

/** One `node:sqlite` connection with its statement cache and transaction state. */
export class SqliteConnection implements SqliteContext {
  private readonly statements = new Map<string, StatementSync>();
  private transactionOpen = false;

  constructor(
    readonly db: DatabaseSync,
    readonly path: string,
    private readonly clock: () => number,
  ) {}

  now(): number {
    return this.clock();
  }

  nowIso(): string {
    return new Date(this.clock()).toISOString();
  }

  stmt(sql: string): StatementSync {
    let statement = this.statements.get(sql);
    if (!statement) {
      statement = this.db.prepare(sql);
      this.statements.set(sql, statement);
    }
    return statement;
  }

  /** True while `begin()` … `commit()`/`rollback()` is open. */
  get inTransaction(): boolean {
    return this.transactionOpen;
  }

  /** `BEGIN IMMEDIATE`: take the write lock now, so no other process can interleave. */
  begin(): void {
    if (this.transactionOpen) throw new StoreError('STORE_ERROR', 'A transaction is already open on this store.');
    this.stmt('BEGIN IMMEDIATE').run();
    this.transactionOpen = true;
  }

  commit(): void {
    this.stmt('COMMIT').run();
    this.transactionOpen = false;
  }

  /** Roll back if a transaction is open (SQLite may already have rolled back on its own, e.g. on SQLITE_FULL). */
  rollback(): void {
    this.transactionOpen = false;
    if (this.db.isTransaction) this.stmt('ROLLBACK').run();
  }

  write<T>(fn: () => T): T {
    if (this.transactionOpen) return fn();
    this.begin();
    try {
      const result = fn();
      this.commit();
      return result;
    } catch (error) {
      this.rollback();
      throw error;
    }
  }
}
