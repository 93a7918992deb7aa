import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { setTimeout as sleep } from 'node:timers/promises';
import { type Listing, StoreError, type SyncStoreOperations } from '@omnisync/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSqliteStore, type SqliteStore } from './sqlite-store';

const T = 'tenant-a';
let dir: string;
let path: string;
const open: SqliteStore[] = [];

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'omnisync-sqlite-'));
  path = join(dir, 'store.db');
});
afterEach(async () => {
  for (const s of open.splice(0)) await s.close();
  rmSync(dir, { recursive: true, force: true });
});

async function store(options: { busyTimeoutMs?: number } = {}): Promise<SqliteStore> {
  const s = await createSqliteStore({ path, ...options });
  open.push(s);
  return s;
}

function listings(n: number, extra: Partial<Listing> = {}): Listing[] {
  return Array.from({ length: n }, (_, i) => ({
    channelId: 'shop',
    listingId: `L${i}`,
    variantId: null,
    sku: `SKU-${i}`,
    title: `Item ${i}`,
    status: 'live' as const,
    quantity: i % 7,
    price: { amount: '10.00', currency: 'IDR' },
    attributes: { colour: 'red' },
    updatedAt: '2026-11-10T00:00:00.000Z',
    raw: { id: i },
    ...extra,
  }));
}

async function storeError(promise: Promise<unknown>): Promise<StoreError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  if (!StoreError.isInstance(error)) throw new Error(`expected a StoreError, got ${String(error)}`);
  return error;
}

describe('SqliteStore', () => {
  it('writes 10k listings in one transaction: one bad listing leaves none of them', async () => {
    const s = await store();
    const batch = listings(10_000);
    batch[9_999] = { ...batch[9_999]!, raw: { big: 1n } };
    const error = await storeError(s.upsertListings(T, 'shop', batch, 'scan-1'));
    expect(error.message).toMatch(/raw payload of listing L9999: it is not JSON/);
    expect(await s.countListings(T)).toBe(0);
    await s.upsertListings(T, 'shop', listings(10_000), 'scan-1');
    expect(await s.countListings(T, 'shop')).toBe(10_000);
    const one = await s.getListing(T, 'shop', 'L42');
    expect(one).toMatchObject({ sku: 'SKU-42', quantity: 0, raw: { id: 42 }, price: { amount: '10.00' } });
  });

  it('makes another connection wait for an open transaction, without blocking the event loop', async () => {
    const a = await store();
    const b = await store();
    let finish!: () => void;
    const gate = new Promise<void>((resolve) => (finish = resolve));
    const tx = a.transaction(async (t) => {
      await t.compareAndSetCursor(T, 'orders', null, 'a');
      await gate;
      await t.insertLedgerEntry({
        tenantId: T,
        channelId: 'shop',
        externalId: '1',
        state: 'imported',
        saleId: null,
        channelUpdatedAt: null,
        data: {},
      });
    });
    let bDone = false;
    const other = b.compareAndSetCursor(T, 'orders', null, 'b').finally(() => (bDone = true));
    // While b waits for the lock, timers keep firing: the wait sleeps, it does not spin.
    const ticks: number[] = [];
    for (let i = 0; i < 20; i++) ticks.push(await sleep(5).then(() => performance.now()));
    const longestGap = Math.max(...ticks.slice(1).map((t, i) => t - ticks[i]!));
    expect(bDone).toBe(false);
    finish();
    await tx;
    expect(await other).toBeNull();
    expect((await b.getCursor(T, 'orders'))?.value).toBe('a');
    expect(await b.getLedgerEntry(T, 'shop', '1')).not.toBeNull();
    expect(longestGap).toBeLessThan(250);
  });

  it('fails with STORE_LOCKED after the busy timeout, and works again once the lock is gone', async () => {
    const s = await store({ busyTimeoutMs: 120 });
    const other = new DatabaseSync(path);
    other.exec('BEGIN IMMEDIATE');
    const started = Date.now();
    const error = await storeError(s.putValue(T, 'n', 'k', 1));
    expect(error.code).toBe('STORE_LOCKED');
    expect(error.retryable).toBe(true);
    expect(error.message).toContain(path);
    expect(error.message).toMatch(/busyTimeoutMs/);
    expect(Date.now() - started).toBeGreaterThanOrEqual(100);
    const late = await storeError(s.transaction(async () => 'never'));
    expect(late.code).toBe('STORE_LOCKED');
    other.exec('ROLLBACK');
    other.close();
    await s.putValue(T, 'n', 'k', 2);
    expect(await s.getValue(T, 'n', 'k')).toBe(2);
  });

  it('reports a full disk as STORE_DISK_FULL and keeps the store whole and usable', async () => {
    const s = await store();
    await s.upsertListings(T, 'shop', listings(10), 's1');
    // A page limit makes SQLite answer exactly as on a full disk (SQLITE_FULL).
    const { db } = (s as unknown as { connection: { db: DatabaseSync } }).connection;
    const pages = db.prepare('PRAGMA page_count').get()?.page_count as number;
    db.exec(`PRAGMA max_page_count = ${pages + 2}`);
    const error = await storeError(s.upsertListings(T, 'shop', listings(5_000), 's2'));
    expect(error.code).toBe('STORE_DISK_FULL');
    expect(error.message).toContain(path);
    expect(error.message).toMatch(/Free disk space/);
    expect(await s.countListings(T)).toBe(10);
    expect((await s.getListing(T, 'shop', 'L1'))?.seenInScan).toBe('s1');
    db.exec('PRAGMA max_page_count = 1073741823');
    await s.upsertListings(T, 'shop', listings(5_000), 's2');
    expect(await s.countListings(T)).toBe(5_000);
  });

  it('refuses a tx call made after its transaction ended', async () => {
    const s = await store();
    let leaked: SyncStoreOperations | null = null;
    await s.transaction(async (tx) => {
      leaked = tx;
    });
    const error = await storeError(leaked!.putValue(T, 'n', 'k', 1));
    expect(error.message).toMatch(/after its transaction ended/);
    expect(await s.getValue(T, 'n', 'k')).toBeNull();
  });

  it('fails a call on the store awaited inside its own transaction after the busy timeout, instead of hanging', async () => {
    const s = await store({ busyTimeoutMs: 100 });
    const error = await storeError(
      s.transaction(async (tx) => {
        await tx.putValue(T, 'n', 'a', 1);
        await s.putValue(T, 'n', 'b', 2);
      }),
    );
    expect(error.message).toMatch(/inside store.transaction\(fn\).*use its `tx` argument/);
    expect(await s.listValues(T, 'n')).toEqual([]);
  });

  it('lets a call started inside a transaction but not awaited by it run once the transaction commits', async () => {
    const s = await store({ busyTimeoutMs: 100 });
    let later: Promise<void> | null = null;
    await s.transaction(async (tx) => {
      later = s.putValue(T, 'n', 'b', 2);
      await tx.putValue(T, 'n', 'a', 1);
    });
    await later;
    expect((await s.listValues(T, 'n')).map((v) => v.key)).toEqual(['a', 'b']);
  });

  it('refuses calls after close with a clear error', async () => {
    const s = await store();
    await s.close();
    const error = await storeError(s.getValue(T, 'n', 'k'));
    expect(error.message).toMatch(/is closed/);
  });

  it('refuses a page token it did not make', async () => {
    const s = await store();
    await expect(s.listListings({ tenantId: T, after: 'not-a-token' })).rejects.toThrow(/page token/);
  });
});
