/**
 * A worker process for the multi-process tests: opens the store file given on
 * the command line and exercises the outbox or a lease, then prints a JSON
 * report on stdout. The test bundles it (`bundle-worker.ts`) and runs it with node.
 *
 *   store-worker.ts drain <path> <owner> <workers>   claim and ack outbox entries until the parent says done
 *   store-worker.ts lease <path> <owner> <workers> <rounds>   take and give back one lease, checking exclusivity
 *
 * Each worker starts its work only once all <workers> have opened the store, so they really overlap.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { OutboxEntry } from '@omnisync/core';
import { createSqliteStore, type SqliteStore } from '../sqlite-store';

const TENANT = 'tenant-a';
const TOPIC = 'stock';

const [mode, path, owner, workers, rounds] = process.argv.slice(2) as [string, string, string, string, string?];
const store = await createSqliteStore({ path, busyTimeoutMs: 20_000 });
const violations: string[] = [];
await store.putValue(TENANT, 'ready', owner, true);
while ((await store.listValues(TENANT, 'ready')).length < Number(workers)) await sleep(5);

async function drain(s: SqliteStore) {
  const processed: Pick<OutboxEntry, 'id' | 'key' | 'payload'>[] = [];
  for (;;) {
    const claimed = await s.claim({ tenantId: TENANT, topic: TOPIC, owner, limit: 4, visibilityTimeoutMs: 60_000 });
    if (claimed.length === 0) {
      if (await s.getValue(TENANT, 'test', 'done')) return processed;
      await sleep(2);
      continue;
    }
    for (const entry of claimed) {
      // The outbox promises no two entries of one key out at once; a lease per key makes a breach visible.
      const inFlight = await s.acquireLease({ tenantId: TENANT, key: `in-flight:${entry.key}`, owner, ttlMs: 60_000 });
      if (!inFlight) violations.push(`key ${entry.key} handed out twice at once`);
      await sleep(Math.random() * 2);
      processed.push({ id: entry.id, key: entry.key, payload: entry.payload });
      if (inFlight) await s.releaseLease(inFlight);
      if ((await s.ack(TENANT, [entry.id], owner)) !== 1) violations.push(`ack of ${entry.id} removed nothing`);
    }
  }
}

async function lease(s: SqliteStore, count: number) {
  const tokens: number[] = [];
  for (let i = 0; i < count; i++) {
    const held = await s.acquireLease({ tenantId: TENANT, key: 'scan:shop', owner, ttlMs: 30_000 });
    if (!held) {
      await sleep(Math.random() * 2);
      continue;
    }
    tokens.push(held.token);
    await s.putValue(TENANT, 'test', 'holder', owner);
    await sleep(1 + Math.random() * 2);
    const holder = await s.getValue(TENANT, 'test', 'holder');
    if (holder !== owner) violations.push(`${owner} held the lease but ${String(holder)} wrote as holder`);
    await s.releaseLease(held);
    // Step back after giving it up, so the others get their turn.
    await sleep(2 + Math.random() * 3);
  }
  return tokens;
}

const result = mode === 'drain' ? { processed: await drain(store) } : { tokens: await lease(store, Number(rounds)) };
await store.close();
process.stdout.write(JSON.stringify({ owner, violations, ...result }));
