import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { InvalidSettingsError, StoreError } from '@omnisync/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { APPLICATION_ID, LATEST_SCHEMA_VERSION } from './schema';
import { createSqliteStore } from './sqlite-store';

let dir: string;
let path: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'omnisync-open-'));
  path = join(dir, 'store.db');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const digest = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

async function openError(options: Parameters<typeof createSqliteStore>[0]): Promise<StoreError> {
  const error = await createSqliteStore(options).then(
    () => null,
    (e: unknown) => e,
  );
  if (!StoreError.isInstance(error)) throw new Error(`expected a StoreError, got ${String(error)}`);
  return error;
}

describe('opening a store file', () => {
  it('creates the schema at the latest version, marked as an omnisync store, in WAL mode', async () => {
    const store = await createSqliteStore({ path });
    await store.close();
    const db = new DatabaseSync(path, { readOnly: true });
    expect(db.prepare('PRAGMA user_version').get()?.user_version).toBe(LATEST_SCHEMA_VERSION);
    expect(db.prepare('PRAGMA application_id').get()?.application_id).toBe(APPLICATION_ID);
    expect(db.prepare('PRAGMA journal_mode').get()?.journal_mode).toBe('wal');
    const meta = db.prepare("SELECT value FROM omnisync_meta WHERE key = 'schema_version'").get();
    expect(meta?.value).toBe(String(LATEST_SCHEMA_VERSION));
    db.close();
  });

  it('reopens an existing store without losing data, and two stores opening a new file at once agree', async () => {
    const [a, b] = await Promise.all([createSqliteStore({ path }), createSqliteStore({ path })]);
    await a.putValue('t', 'n', 'k', { v: 1 });
    expect(await b.getValue('t', 'n', 'k')).toEqual({ v: 1 });
    await a.close();
    await b.close();
    const again = await createSqliteStore({ path });
    expect(await again.getValue('t', 'n', 'k')).toEqual({ v: 1 });
    await again.close();
  });

  it('refuses a text file with STORE_NOT_A_STORE naming the path, and leaves it untouched', async () => {
    writeFileSync(path, 'name,qty\nwidget,3\n'.repeat(100));
    const before = digest(path);
    const error = await openError({ path });
    expect(error.code).toBe('STORE_NOT_A_STORE');
    expect(error.message).toContain(path);
    expect(error.message).toMatch(/new file/);
    expect(digest(path)).toBe(before);
  });

  it("refuses another application's SQLite database and never writes to it", async () => {
    const foreign = new DatabaseSync(path);
    foreign.exec("CREATE TABLE invoices (id INTEGER PRIMARY KEY, total TEXT); INSERT INTO invoices VALUES (1, '9.50')");
    foreign.close();
    const before = digest(path);
    const error = await openError({ path });
    expect(error.code).toBe('STORE_NOT_A_STORE');
    expect(error.message).toContain('invoices');
    expect(digest(path)).toBe(before);
  });

  it('refuses a schema newer than this code with STORE_SCHEMA_TOO_NEW, and touches neither schema nor data', async () => {
    const store = await createSqliteStore({ path });
    await store.putValue('t', 'n', 'k', 'kept');
    await store.close();
    const future = new DatabaseSync(path);
    future.exec(`UPDATE omnisync_meta SET value = '${LATEST_SCHEMA_VERSION + 7}' WHERE key = 'schema_version'`);
    future.exec('CREATE TABLE from_the_future (x)');
    future.close();
    const before = digest(path);
    const error = await openError({ path });
    expect(error.code).toBe('STORE_SCHEMA_TOO_NEW');
    expect(error.retryable).toBe(false);
    expect(error.message).toContain(path);
    expect(error.message).toMatch(/upgrade @omnisync\/store-sqlite/);
    expect(digest(path)).toBe(before);
  });

  it('refuses a directory with STORE_NOT_A_STORE', async () => {
    const error = await openError({ path: dir });
    expect(error.code).toBe('STORE_NOT_A_STORE');
    expect(error.message).toMatch(/is a directory/);
  });

  it('says what to do when the directory does not exist', async () => {
    const error = await openError({ path: join(dir, 'missing', 'store.db') });
    expect(error.code).toBe('STORE_ERROR');
    expect(error.message).toMatch(/directory exists/);
  });

  it('rejects bad options with InvalidSettingsError naming each field', async () => {
    const error = await createSqliteStore({ path: '', busyTimeoutMs: -1 }).catch((e: unknown) => e);
    expect(InvalidSettingsError.isInstance(error)).toBe(true);
    expect((error as InvalidSettingsError).issues.map((i) => i.path)).toEqual(['path', 'busyTimeoutMs']);
  });
});
