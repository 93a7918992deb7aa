import type { Listing, SyncStore, SyncStoreOptions } from '@omnisync/core';
import { StoreError } from '@omnisync/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

/** A controllable clock for store tests (ms since epoch). */
export interface TestClock {
  now: () => number;
  advance(ms: number): void;
}

function createTestClock(start = Date.parse('2026-11-11T00:00:00.000Z')): TestClock {
  let t = start;
  return { now: () => t, advance: (ms) => (t += ms) };
}

/** How the suite makes stores: `open` may be called several times for the same `location` (a second worker, a restart). */
export interface SyncStoreFactory {
  /** Create a fresh, empty location (a temp file, a schema...) and return its handle. */
  createLocation?(): Promise<string> | string;
  /** Open a store client on a location, with the suite's clock. */
  open(location: string, options: Required<Pick<SyncStoreOptions, 'clock'>>): Promise<SyncStore> | SyncStore;
  /** Remove a location after a test. */
  destroyLocation?(location: string): Promise<void> | void;
  /** True when two `open` calls on one location share state (every durable store; a memory store shares nothing). */
  sharedLocation: boolean;
}

const T = 'tenant-a';

function listing(id: string, overrides: Partial<Listing> = {}): Listing {
  return {
    channelId: 'shop',
    listingId: id,
    variantId: null,
    sku: `SKU-${id}`,
    title: `Item ${id}`,
    status: 'live',
    quantity: 5,
    price: { amount: '10.00', currency: 'IDR' },
    attributes: {},
    updatedAt: '2026-11-10T00:00:00.000Z',
    ...overrides,
  };
}

/**
 * The `SyncStore` contract: every store (memory, SQLite, PostgreSQL, yours)
 * runs this suite. It checks the rules the engine relies on: ledger
 * uniqueness, cursor compare-and-set, lease expiry and takeover, outbox
 * claim / ack / redelivery, coalescing, and atomic transactions.
 */
export function describeSyncStore(name: string, factory: SyncStoreFactory): void {
  describe(`SyncStore contract: ${name}`, () => {
    let clock: TestClock;
    let location: string;
    let store: SyncStore;
    const opened: SyncStore[] = [];

    async function open(): Promise<SyncStore> {
      const s = await factory.open(location, { clock: clock.now });
      opened.push(s);
      return s;
    }

    beforeEach(async () => {
      clock = createTestClock();
      location = (await factory.createLocation?.()) ?? 'memory';
      store = await open();
    });

    afterEach(async () => {
      for (const s of opened.splice(0)) await s.close().catch(() => undefined);
      await factory.destroyLocation?.(location);
    });

    describe('order ledger', () => {
      const entry = {
        tenantId: T,
        channelId: 'shop',
        externalId: '1001',
        state: 'imported',
        saleId: 'S1',
        channelUpdatedAt: null,
        data: { lines: 2 },
      };

      it('records a channel order once: a second insert returns the first entry untouched', async () => {
        const first = await store.insertLedgerEntry(entry);
        const second = await store.insertLedgerEntry({ ...entry, saleId: 'S2', data: { lines: 9 } });
        expect(first.inserted).toBe(true);
        expect(second.inserted).toBe(false);
        expect(second.entry.saleId).toBe('S1');
        expect(second.entry.data).toEqual({ lines: 2 });
        expect((await store.listLedgerEntries({ tenantId: T })).items).toHaveLength(1);
      });

      it('keeps tenants and channels apart', async () => {
        await store.insertLedgerEntry(entry);
        expect((await store.insertLedgerEntry({ ...entry, tenantId: 'tenant-b' })).inserted).toBe(true);
        expect((await store.insertLedgerEntry({ ...entry, channelId: 'other' })).inserted).toBe(true);
        expect(await store.getLedgerEntry('tenant-b', 'shop', '1001')).not.toBeNull();
        expect((await store.listLedgerEntries({ tenantId: T })).items).toHaveLength(2);
      });

      it('updates by revision and refuses a stale revision with LEDGER_CONFLICT', async () => {
        const { entry: e } = await store.insertLedgerEntry(entry);
        const updated = await store.updateLedgerEntry({ ...e, state: 'waiting' });
        expect(updated.revision).toBe(e.revision + 1);
        const stale = store.updateLedgerEntry({ ...e, state: 'failed' });
        await expect(stale).rejects.toSatisfy(
          (err: unknown) => StoreError.isInstance(err) && err.code === 'LEDGER_CONFLICT',
        );
        expect((await store.getLedgerEntry(T, 'shop', '1001'))?.state).toBe('waiting');
      });

      it('lists by channel and state, paging without loss', async () => {
        for (let i = 0; i < 25; i++) {
          await store.insertLedgerEntry({ ...entry, externalId: `o${i}`, state: i % 2 ? 'imported' : 'waiting' });
        }
        const seen: string[] = [];
        let after: string | null = null;
        do {
          const page = await store.listLedgerEntries({
            tenantId: T,
            channelId: 'shop',
            states: ['waiting'],
            after,
            limit: 4,
          });
          seen.push(...page.items.map((i) => i.externalId));
          after = page.next;
        } while (after);
        expect(seen.sort()).toEqual(Array.from({ length: 13 }, (_, i) => `o${i * 2}`).sort());
      });
    });

    describe('cursors', () => {
      it('creates with expected version null and moves by compare-and-set', async () => {
        const c1 = await store.compareAndSetCursor(T, 'orders:shop', null, '2026-11-01T00:00:00Z');
        expect(c1?.version).toBe(1);
        const c2 = await store.compareAndSetCursor(T, 'orders:shop', 1, '2026-11-02T00:00:00Z');
        expect(c2?.version).toBe(2);
        expect((await store.getCursor(T, 'orders:shop'))?.value).toBe('2026-11-02T00:00:00Z');
      });

      it('refuses a stale compare-and-set and keeps the winner', async () => {
        await store.compareAndSetCursor(T, 'orders:shop', null, 'a');
        const other = await store.compareAndSetCursor(T, 'orders:shop', 1, 'b');
        const stale = await store.compareAndSetCursor(T, 'orders:shop', 1, 'c');
        expect(other).not.toBeNull();
        expect(stale).toBeNull();
        expect(await store.compareAndSetCursor(T, 'orders:shop', null, 'd')).toBeNull();
        expect((await store.getCursor(T, 'orders:shop'))?.value).toBe('b');
      });
    });

    describe('leases', () => {
      it('gives a key to one owner at a time', async () => {
        const a = await store.acquireLease({ tenantId: T, key: 'scan:shop', owner: 'w1', ttlMs: 10_000 });
        const b = await store.acquireLease({ tenantId: T, key: 'scan:shop', owner: 'w2', ttlMs: 10_000 });
        expect(a).not.toBeNull();
        expect(b).toBeNull();
        expect((await store.getLease(T, 'scan:shop'))?.owner).toBe('w1');
      });

      it('lets another owner take over after expiry, with a higher fencing token, and the old holder cannot renew', async () => {
        const a = await store.acquireLease({ tenantId: T, key: 'scan:shop', owner: 'w1', ttlMs: 1_000 });
        clock.advance(1_001);
        const b = await store.acquireLease({ tenantId: T, key: 'scan:shop', owner: 'w2', ttlMs: 1_000 });
        expect(b?.token).toBeGreaterThan(a!.token);
        expect(await store.renewLease(a!, 1_000)).toBeNull();
        await store.releaseLease(a!);
        expect((await store.getLease(T, 'scan:shop'))?.owner).toBe('w2');
      });

      it('renews a held lease and frees it on release', async () => {
        const a = await store.acquireLease({ tenantId: T, key: 'k', owner: 'w1', ttlMs: 1_000 });
        clock.advance(900);
        const renewed = await store.renewLease(a!, 1_000);
        clock.advance(900);
        expect(await store.acquireLease({ tenantId: T, key: 'k', owner: 'w2', ttlMs: 1_000 })).toBeNull();
        await store.releaseLease(renewed!);
        expect(await store.acquireLease({ tenantId: T, key: 'k', owner: 'w2', ttlMs: 1_000 })).not.toBeNull();
      });
    });

    describe('outbox', () => {
      const base = { tenantId: T, topic: 'stock' };

      it('claims most urgent first, hides claimed entries, and removes acknowledged ones', async () => {
        await store.enqueue({ ...base, key: 'A', payload: { q: 1 } });
        await store.enqueue({ ...base, key: 'B', payload: { q: 2 }, priority: 0 });
        const claimed = await store.claim({ ...base, owner: 'w1', limit: 10, visibilityTimeoutMs: 5_000 });
        expect(claimed.map((e) => e.key)).toEqual(['B', 'A']);
        expect(await store.claim({ ...base, owner: 'w2', limit: 10, visibilityTimeoutMs: 5_000 })).toEqual([]);
        expect(await store.ack(T, [claimed[0]!.id], 'w1')).toBe(1);
        expect((await store.listOutbox({ tenantId: T })).map((e) => e.key)).toEqual(['A']);
      });

      it('redelivers an entry whose claim expired, and refuses the old owner ack', async () => {
        await store.enqueue({ ...base, key: 'A', payload: 1 });
        const [first] = await store.claim({ ...base, owner: 'w1', limit: 1, visibilityTimeoutMs: 1_000 });
        clock.advance(1_001);
        const [again] = await store.claim({ ...base, owner: 'w2', limit: 1, visibilityTimeoutMs: 1_000 });
        expect(again?.id).toBe(first?.id);
        expect(await store.ack(T, [first!.id], 'w1')).toBe(0);
        expect(await store.ack(T, [again!.id], 'w2')).toBe(1);
        expect(await store.listOutbox({ tenantId: T })).toEqual([]);
      });

      it('coalesces pending entries of one key into the latest payload', async () => {
        for (let q = 1; q <= 10; q++) await store.enqueue({ ...base, key: 'A', payload: { q } });
        const pending = await store.listOutbox({ tenantId: T });
        expect(pending).toHaveLength(1);
        expect(pending[0]!.payload).toEqual({ q: 10 });
      });

      it('keeps the more urgent priority when entries coalesce', async () => {
        await store.enqueue({ ...base, key: 'A', payload: 1, priority: 10 });
        await store.enqueue({ ...base, key: 'A', payload: 2, priority: 0 });
        await store.enqueue({ ...base, key: 'A', payload: 3, priority: 100 });
        const [entry] = await store.listOutbox({ tenantId: T });
        expect(entry).toMatchObject({ priority: 0, payload: 3 });
      });

      it('does not coalesce into an entry in flight, and never hands out the same key twice at once', async () => {
        await store.enqueue({ ...base, key: 'A', payload: { q: 1 } });
        const [inFlight] = await store.claim({ ...base, owner: 'w1', limit: 5, visibilityTimeoutMs: 5_000 });
        await store.enqueue({ ...base, key: 'A', payload: { q: 2 } });
        expect(await store.claim({ ...base, owner: 'w2', limit: 5, visibilityTimeoutMs: 5_000 })).toEqual([]);
        await store.ack(T, [inFlight!.id], 'w1');
        const [next] = await store.claim({ ...base, owner: 'w2', limit: 5, visibilityTimeoutMs: 5_000 });
        expect(next?.payload).toEqual({ q: 2 });
      });

      it('releases for a later attempt, counting attempts and keeping the error', async () => {
        await store.enqueue({ ...base, key: 'A', payload: 1 });
        const [e] = await store.claim({ ...base, owner: 'w1', limit: 1, visibilityTimeoutMs: 5_000 });
        await store.release(T, e!.id, 'w1', {
          error: 'HTTP 503',
          availableAt: new Date(clock.now() + 2_000).toISOString(),
        });
        expect(await store.claim({ ...base, owner: 'w1', limit: 1, visibilityTimeoutMs: 5_000 })).toEqual([]);
        clock.advance(2_000);
        const [retry] = await store.claim({ ...base, owner: 'w1', limit: 1, visibilityTimeoutMs: 5_000 });
        expect(retry?.attempts).toBe(1);
        expect(retry?.lastError).toBe('HTTP 503');
      });
    });

    describe('listing snapshots', () => {
      it('upserts, keeps the pushed quantity across scans, and marks only unseen listings deleted', async () => {
        await store.upsertListings(T, 'shop', [listing('1'), listing('2'), listing('3')], 'scan-1');
        await store.setPushedQuantity(T, 'shop', '1', 7, '2026-11-10T01:00:00.000Z');
        await store.upsertListings(T, 'shop', [listing('1', { quantity: 7 }), listing('2')], 'scan-2');
        expect(await store.markUnseenListingsDeleted(T, 'shop', 'scan-2')).toBe(1);
        expect((await store.getListing(T, 'shop', '3'))?.status).toBe('deleted');
        expect((await store.getListing(T, 'shop', '2'))?.status).toBe('live');
        const one = await store.getListing(T, 'shop', '1');
        expect(one?.pushedQuantity).toBe(7);
        expect(one?.quantity).toBe(7);
      });

      it('keys variants apart and finds listings by SKU and status', async () => {
        await store.upsertListings(
          T,
          'shop',
          [listing('9', { variantId: 'a', sku: 'X' }), listing('9', { variantId: 'b', sku: 'X', status: 'inactive' })],
          's',
        );
        expect(await store.countListings(T, 'shop')).toBe(2);
        expect((await store.listListings({ tenantId: T, sku: 'X' })).items.map((l) => l.key).sort()).toEqual([
          '9:a',
          '9:b',
        ]);
        expect((await store.listListings({ tenantId: T, statuses: ['live'] })).items).toHaveLength(1);
      });

      it('pages through many listings without loss or repeat', async () => {
        await store.upsertListings(
          T,
          'shop',
          Array.from({ length: 250 }, (_, i) => listing(String(i))),
          's',
        );
        const keys: string[] = [];
        let after: string | null = null;
        do {
          const page = await store.listListings({ tenantId: T, channelId: 'shop', after, limit: 60 });
          keys.push(...page.items.map((l) => l.key));
          after = page.next;
        } while (after);
        expect(new Set(keys).size).toBe(250);
        expect(keys).toHaveLength(250);
      });
    });

    describe('mappings, action log, values', () => {
      it('stores explicit mappings per target', async () => {
        await store.putMapping({ tenantId: T, targetId: 'shop', itemId: 'i1', modifierId: null, externalId: 'L1' });
        await store.putMapping({ tenantId: T, targetId: 'shop', itemId: 'i1', modifierId: null, externalId: 'L2' });
        await store.putMapping({ tenantId: T, targetId: 'poster', itemId: 'i1', modifierId: 'm1', externalId: '77' });
        expect((await store.listMappings(T, 'shop')).map((m) => m.externalId)).toEqual(['L2']);
        await store.deleteMapping({ tenantId: T, targetId: 'shop', itemId: 'i1', modifierId: null });
        expect(await store.listMappings(T, 'shop')).toEqual([]);
        expect(await store.listMappings(T)).toHaveLength(1);
      });

      it('appends actions and lists them newest first, filtered by subject', async () => {
        for (let i = 0; i < 5; i++) {
          await store.appendAction({
            tenantId: T,
            channelId: 'shop',
            subjectType: 'order',
            subjectId: i % 2 ? 'o1' : 'o2',
            action: 'import',
            outcome: 'ok',
            message: `attempt ${i}`,
            details: { i },
          });
        }
        const o1 = await store.listActions({ tenantId: T, subjectType: 'order', subjectId: 'o1' });
        expect(o1.items.map((a) => a.message)).toEqual(['attempt 3', 'attempt 1']);
        const page = await store.listActions({ tenantId: T, limit: 2 });
        expect(page.items).toHaveLength(2);
        const rest = await store.listActions({ tenantId: T, limit: 10, before: page.next });
        expect(rest.items.map((a) => a.message)).toEqual(['attempt 2', 'attempt 1', 'attempt 0']);
      });

      it('keeps small values by namespace', async () => {
        await store.putValue(T, 'scan', 'shop', { type: 'full', ok: true });
        await store.putValue(T, 'scan', 'other', { type: 'active' });
        expect(await store.getValue(T, 'scan', 'shop')).toEqual({ type: 'full', ok: true });
        expect((await store.listValues(T, 'scan')).map((v) => v.key)).toEqual(['other', 'shop']);
        await store.deleteValue(T, 'scan', 'shop');
        expect(await store.getValue(T, 'scan', 'shop')).toBeNull();
      });
    });

    describe('transactions', () => {
      it('leaves nothing when it fails halfway', async () => {
        await store.compareAndSetCursor(T, 'c', null, 'before');
        const failing = store.transaction(async (tx) => {
          await tx.insertLedgerEntry({
            tenantId: T,
            channelId: 'shop',
            externalId: 'x',
            state: 'imported',
            saleId: 's',
            channelUpdatedAt: null,
            data: {},
          });
          await tx.enqueue({ tenantId: T, topic: 'stock', key: 'A', payload: 1 });
          await tx.appendAction({
            tenantId: T,
            channelId: 'shop',
            subjectType: 'order',
            subjectId: 'x',
            action: 'import',
            outcome: 'ok',
            message: 'ok',
            details: {},
          });
          await tx.upsertListings(T, 'shop', [listing('1')], 's1');
          await tx.compareAndSetCursor(T, 'c', 1, 'after');
          throw new Error('crash in the middle');
        });
        await expect(failing).rejects.toThrow('crash in the middle');
        expect(await store.getLedgerEntry(T, 'shop', 'x')).toBeNull();
        expect(await store.listOutbox({ tenantId: T })).toEqual([]);
        expect((await store.listActions({ tenantId: T })).items).toEqual([]);
        expect(await store.countListings(T)).toBe(0);
        expect((await store.getCursor(T, 'c'))?.value).toBe('before');
      });

      it('commits every write when it succeeds, and other calls wait for it', async () => {
        const tx = store.transaction(async (t) => {
          await t.insertLedgerEntry({
            tenantId: T,
            channelId: 'shop',
            externalId: 'y',
            state: 'imported',
            saleId: 's',
            channelUpdatedAt: null,
            data: {},
          });
          await new Promise((r) => setTimeout(r, 20));
          await t.compareAndSetCursor(T, 'c', null, 'y');
          return 'done';
        });
        const concurrent = store.getCursor(T, 'c');
        expect(await tx).toBe('done');
        expect((await concurrent)?.value).toBe('y');
        expect(await store.getLedgerEntry(T, 'shop', 'y')).not.toBeNull();
      });
    });

    if (factory.sharedLocation) {
      describe('two clients on one location', () => {
        it('share the ledger, leases, cursors and outbox claims', async () => {
          const other = await open();
          await store.insertLedgerEntry({
            tenantId: T,
            channelId: 'shop',
            externalId: 'z',
            state: 'imported',
            saleId: 's',
            channelUpdatedAt: null,
            data: {},
          });
          expect(
            (
              await other.insertLedgerEntry({
                tenantId: T,
                channelId: 'shop',
                externalId: 'z',
                state: 'x',
                saleId: null,
                channelUpdatedAt: null,
                data: {},
              })
            ).inserted,
          ).toBe(false);
          expect(await store.acquireLease({ tenantId: T, key: 'scan:shop', owner: 'w1', ttlMs: 5_000 })).not.toBeNull();
          expect(await other.acquireLease({ tenantId: T, key: 'scan:shop', owner: 'w2', ttlMs: 5_000 })).toBeNull();
          await store.compareAndSetCursor(T, 'c', null, 'one');
          expect(await other.compareAndSetCursor(T, 'c', null, 'two')).toBeNull();
          await store.enqueue({ tenantId: T, topic: 'stock', key: 'A', payload: 1 });
          const [a, b] = await Promise.all([
            store.claim({ tenantId: T, topic: 'stock', owner: 'w1', limit: 5, visibilityTimeoutMs: 5_000 }),
            other.claim({ tenantId: T, topic: 'stock', owner: 'w2', limit: 5, visibilityTimeoutMs: 5_000 }),
          ]);
          expect(a.length + b.length).toBe(1);
        });

        it('keeps everything after the client is closed and reopened', async () => {
          await store.insertLedgerEntry({
            tenantId: T,
            channelId: 'shop',
            externalId: 'r',
            state: 'imported',
            saleId: 's',
            channelUpdatedAt: null,
            data: { a: 1 },
          });
          await store.enqueue({ tenantId: T, topic: 'stock', key: 'A', payload: { q: 3 } });
          await store.close();
          const reopened = await open();
          expect((await reopened.getLedgerEntry(T, 'shop', 'r'))?.data).toEqual({ a: 1 });
          expect((await reopened.listOutbox({ tenantId: T }))[0]?.payload).toEqual({ q: 3 });
        });
      });
    }
  });
}
