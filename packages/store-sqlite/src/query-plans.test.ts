import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { StatementSync } from 'node:sqlite';
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { SqliteConnection } from './sqlite-context';
import { createSqliteStore, type SqliteStore } from './sqlite-store';

const T = 't';
let dir: string;
let store: SqliteStore;
beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'omnisync-plans-'));
  store = await createSqliteStore({ path: join(dir, 'store.db') });
});
afterEach(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Call every lookup the engine makes, with the filters it uses. */
async function exerciseLookups(s: SqliteStore): Promise<void> {
  const listing = {
    channelId: 'c',
    listingId: 'l',
    variantId: null,
    sku: 'S',
    title: 't',
    status: 'live' as const,
    quantity: 1,
    price: null,
    attributes: {},
    updatedAt: '2026-11-10T00:00:00.000Z',
  };
  const lease = await s.acquireLease({ tenantId: T, key: 'k', owner: 'o', ttlMs: 1000 });
  await s.renewLease(lease!, 1000);
  await s.getLease(T, 'k');
  await s.releaseLease(lease!);
  await s.compareAndSetCursor(T, 'c', null, 'v');
  await s.compareAndSetCursor(T, 'c', 1, 'w');
  await s.getCursor(T, 'c');
  const order = { tenantId: T, channelId: 'c', externalId: 'e', state: 's', saleId: null, channelUpdatedAt: null };
  const { entry } = await s.insertLedgerEntry({ ...order, data: {} });
  await s.updateLedgerEntry(entry);
  await s.getLedgerEntry(T, 'c', 'e');
  await s.listLedgerEntries({ tenantId: T, channelId: 'c', states: ['s'], limit: 1 });
  await s.listLedgerEntries({ tenantId: T, states: ['s'] });
  await s.upsertListings(T, 'c', [listing, { ...listing, listingId: 'm' }], 'scan');
  await s.getListing(T, 'c', 'l');
  await s.listListings({ tenantId: T, sku: 'S' });
  await s.listListings({ tenantId: T, channelId: 'c', sku: 'S' });
  const page = await s.listListings({ tenantId: T, channelId: 'c', limit: 1 });
  await s.listListings({ tenantId: T, channelId: 'c', after: page.next, limit: 1 });
  await s.countListings(T, 'c');
  await s.setPushedQuantity(T, 'c', 'l', 3, '2026-11-10T00:00:00.000Z');
  await s.markUnseenListingsDeleted(T, 'c', 'scan');
  await s.putMapping({ tenantId: T, targetId: 'c', itemId: 'i', modifierId: null, externalId: 'x' });
  await s.listMappings(T, 'c');
  await s.deleteMapping({ tenantId: T, targetId: 'c', itemId: 'i', modifierId: null });
  const action = {
    tenantId: T,
    channelId: 'c',
    subjectType: 'order',
    subjectId: 'e',
    action: 'a',
    outcome: 'ok' as const,
  };
  await s.appendAction({ ...action, message: 'm', details: {} });
  await s.listActions({ tenantId: T, subjectType: 'order', subjectId: 'e' });
  await s.listActions({ tenantId: T, channelId: 'c' });
  await s.listActions({ tenantId: T, limit: 1, before: '000000000009' });
  await s.enqueue({ tenantId: T, topic: 'stock', key: 'k', payload: 1 });
  await s.enqueue({ tenantId: T, topic: 'stock', key: 'k', payload: 2 });
  const claimed = await s.claim({ tenantId: T, topic: 'stock', owner: 'o', limit: 5, visibilityTimeoutMs: 1000 });
  await s.release(T, claimed[0]!.id, 'o', {});
  const again = await s.claim({ tenantId: T, topic: 'stock', owner: 'o', limit: 5, visibilityTimeoutMs: 1000 });
  await s.ack(T, [again[0]!.id], 'o');
  await s.listOutbox({ tenantId: T, topic: 'stock' });
  await s.putValue(T, 'n', 'k', 1);
  await s.getValue(T, 'n', 'k');
  await s.listValues(T, 'n');
  await s.deleteValue(T, 'n', 'k');
}

it('answers every lookup the engine makes from an index, never by scanning or sorting a table', async () => {
  await exerciseLookups(store);
  const connection = (store as unknown as { connection: SqliteConnection }).connection;
  const statements = (connection as unknown as { statements: Map<string, StatementSync> }).statements;
  const problems: string[] = [];
  const used = new Set<string>();
  for (const sql of statements.keys()) {
    if (!/^\s*(SELECT|UPDATE|DELETE|INSERT)/i.test(sql) || (/^\s*INSERT/i.test(sql) && !/SELECT/i.test(sql))) continue;
    const plan = connection.db
      .prepare(`EXPLAIN QUERY PLAN ${sql}`)
      .all(...Array.from({ length: (sql.match(/\?/g) ?? []).length }, () => null))
      .map((row) => String(row.detail));
    // `SCAN json_each` is the small list of states or statuses a caller passed.
    for (const step of plan) used.add(step.replace(/ \(.*$/, ''));
    const scansTable = (step: string) =>
      /^SCAN \w+/.test(step) && !/^SCAN json_each|USING (COVERING )?INDEX/.test(step);
    const bad = plan.filter((step) => scansTable(step) || /TEMP B-TREE/.test(step));
    if (bad.length > 0) problems.push(`${sql.replace(/\s+/g, ' ').slice(0, 140)} → ${bad.join('; ')}`);
  }
  expect(statements.size).toBeGreaterThan(30);
  expect(problems).toEqual([]);
  expect([...used]).toEqual(
    expect.arrayContaining([
      'SEARCH leases USING PRIMARY KEY',
      'SEARCH cursors USING PRIMARY KEY',
      'SEARCH ledger USING INDEX ledger_by_order',
      'SEARCH listings USING INDEX listings_by_key',
      'SEARCH listings USING INDEX listings_by_sku',
      'SEARCH o USING INDEX outbox_by_order',
      'SEARCH f USING INDEX outbox_by_key',
      'SEARCH actions USING INDEX actions_by_subject',
    ]),
  );
});
