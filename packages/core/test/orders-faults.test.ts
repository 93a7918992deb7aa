import {
  ChannelHttpError,
  createOmnisync,
  LeaseHeldError,
  OperationAbortedError,
  OrderImportError,
  type PosConnectorV1,
  StoreError,
  type SyncStore,
} from '@omnisync/core';
import { createRandom } from '@omnisync/mock';
import { describe, expect, it } from 'vitest';
import { checkConsistency, MAPPED, type OrdersWorld, ordersWorld, salesByOrder } from './orders-fixtures';

const SECOND = 1000;
const FAST = { baseDelayMs: 1, maxDelayMs: 5 };

/** Place `n` orders a second apart, in a mix of statuses, some moving on afterwards. */
function trade(w: OrdersWorld, n: number, seed = 'trade') {
  const random = createRandom(seed);
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    w.clock.advance(SECOND);
    const o = w.channel.sell({
      sku: random.pick(['TS-RED-M', 'TS-BLUE-L', 'MUG-01']),
      status: random.chance(0.5) ? 'paid' : 'unpaid',
    });
    ids.push(o.externalId);
    const roll = random.next();
    if (roll < 0.1) w.channel.cancel(o.externalId);
    else if (roll < 0.3 && o.status === 'paid') w.channel.complete(o.externalId);
  }
  w.channel.webhooks.drain();
  return ids;
}

/** Drop cancelled orders that were never imported from a consistency report (they are skipped by design). */
const realProblems = (problems: string[]) => problems.filter((p) => !p.endsWith('missing (cancelled)'));

/** A POS whose `createSale` answers 429 at the given rate (after the sale is written or not, at random). */
function flakyPos(pos: PosConnectorV1, rate: number, seed = 'flaky'): PosConnectorV1 {
  const random = createRandom(seed);
  const limited = () =>
    new ChannelHttpError({
      code: 'CHANNEL_RATE_LIMITED',
      connector: 'pos',
      method: 'POST',
      pathTemplate: '/sales',
      status: 429,
      retryAfterMs: 1,
    });
  return {
    ...pos,
    async createSale(order, args) {
      if (random.chance(rate / 2)) throw limited();
      const sale = await pos.createSale(order, args);
      if (random.chance(rate / 2)) throw limited(); // written, but the answer was lost
      return sale;
    },
  };
}

describe('order download under faults', () => {
  it('a download aborted halfway keeps the cursor, and the re-run imports the rest exactly once', async () => {
    const w = ordersWorld({ pageSize: 50 });
    trade(w, 300);
    const controller = new AbortController();
    const run = w.omni.downloadOrders('shop', {
      signal: controller.signal,
      onProgress: (p) => {
        if (p.pages === 2) controller.abort();
      },
    });
    await expect(run).rejects.toSatisfy(OperationAbortedError.isInstance);
    const halfway = w.pos.sales().length;
    expect(halfway).toBeGreaterThan(0);
    expect(halfway).toBeLessThan(300);
    expect(await w.store.getCursor('default', 'orders:shop')).toBeNull();

    const report = await w.omni.downloadOrders('shop');
    expect(report.unchanged).toBeGreaterThanOrEqual(halfway - 4);
    expect(realProblems(checkConsistency(w.channel, w.pos))).toEqual([]);
    expect(Math.max(...salesByOrder(w.pos).values())).toBe(1);
  });

  it('a download killed by channel errors halfway is finished by the next one', async () => {
    const w = ordersWorld({ pageSize: 50 });
    trade(w, 200);
    const run = w.omni.downloadOrders('shop', {
      retry: { attempts: 2, ...FAST },
      onProgress: (p) => {
        // Eight failures in a row: more than a read tolerates (it resumes after fewer).
        if (p.pages === 2) w.channel.failNext({ kind: 'serverError', method: 'listOrders', times: 8 });
      },
    });
    await expect(run).rejects.toMatchObject({ code: 'CHANNEL_UNAVAILABLE' });
    expect(await w.store.getCursor('default', 'orders:shop')).toBeNull();
    await w.omni.downloadOrders('shop', { retry: FAST });
    expect(realProblems(checkConsistency(w.channel, w.pos))).toEqual([]);
  });

  it('a crash after the POS created the sale but before the ledger recorded it never makes a second sale', async () => {
    const w = ordersWorld();
    const order = w.channel.sell({ sku: 'MUG-01', status: 'paid' });
    const controller = new AbortController();
    const crashing: PosConnectorV1 = {
      ...w.pos,
      async createSale(o, args) {
        const sale = await w.pos.createSale(o, args);
        controller.abort(); // the process dies right after the POS answered
        return sale;
      },
    };
    const doomed = createOmnisync({
      pos: crashing,
      store: w.store,
      clock: w.clock.now,
      workerId: 'worker-a',
      channels: { shop: { connector: w.channel, orders: MAPPED } },
    });
    await expect(doomed.downloadOrders('shop', { signal: controller.signal })).rejects.toSatisfy(
      OperationAbortedError.isInstance,
    );
    expect(w.pos.sales()).toHaveLength(1);
    expect((await w.omni.orderHistory('shop', order.externalId)).ledger?.state).toBe('pending');

    // Another worker leaves the order alone while the crashed worker's claim is live...
    const other = w.worker('worker-b');
    expect(await other.downloadOrders('shop')).toMatchObject({ unfinished: 1, cursorAfter: null });
    // ...and finishes it with the same idempotency key once the claim expired.
    w.clock.advance(61 * SECOND);
    expect(await other.downloadOrders('shop')).toMatchObject({ imported: 1 });
    expect(w.pos.sales()).toHaveLength(1);
    expect(w.pos.payments()).toHaveLength(1);
    expect((await w.omni.orderHistory('shop', order.externalId)).ledger?.state).toBe('imported');
  });

  it('backfills 10k orders of every status through a 429 storm on the channel and the POS', async () => {
    const w = ordersWorld({ pageSize: 100 });
    trade(w, 10_000, 'backfill');
    w.channel.setFaults({ rateLimit: { rate: 0.3, retryAfterSeconds: 0.001 }, methods: ['listOrders'] });
    const omni = createOmnisync({
      pos: flakyPos(w.pos, 0.3),
      store: w.store,
      clock: w.clock.now,
      channels: { shop: { connector: w.channel, orders: MAPPED } },
    });
    const newest = w.channel
      .orders()
      .map((o) => o.updatedAt)
      .sort()
      .at(-1) as string;
    const report = await omni.downloadOrders('shop', { from: '2026-01-01T00:00:00.000Z', retry: FAST, concurrency: 8 });
    expect(w.channel.faultLog.filter((f) => f.kind === 'rateLimit').length).toBeGreaterThan(20);
    expect(report.failed).toBe(0);
    const cancelledNeverImported = w.channel.orders().filter((o) => o.status === 'cancelled').length;
    expect(report.skipped).toBe(cancelledNeverImported);
    // A few orders outlasted their retries: the cursor stops before the oldest of them...
    expect(report.unfinished).toBeGreaterThan(0);
    expect(report.cursorAfter !== null && report.cursorAfter < newest).toBe(true);
    // ...and the next download (here, the retry at its end already did) finishes them.
    const again = await omni.downloadOrders('shop', { retry: FAST });
    expect(again).toMatchObject({ unfinished: 0, failed: 0, cursorAfter: newest });
    expect(realProblems(checkConsistency(w.channel, w.pos))).toEqual([]);
    expect(w.pos.sales()).toHaveLength(10_000 - cancelledNeverImported);
  }, 60_000);

  it('a back date backfills orders before the start date, and the cursor never moves back', async () => {
    const w = ordersWorld();
    trade(w, 40);
    const middle = w.channel.orders()[20]?.createdAt as string;
    const late = createOmnisync({
      pos: w.pos,
      store: w.store,
      clock: w.clock.now,
      channels: { shop: { connector: w.channel, orders: { ...MAPPED, startDate: middle } } },
    });
    const first = await late.downloadOrders('shop');
    expect(first.from).toBe(middle);
    const afterFirst = first.cursorAfter;
    expect(w.pos.sales().every((s) => s.order.updatedAt >= middle)).toBe(true);
    const backfill = await late.downloadOrders('shop', { from: '2026-01-01T00:00:00.000Z' });
    expect(backfill.cursorAfter).toBe(afterFirst);
    expect(realProblems(checkConsistency(w.channel, w.pos))).toEqual([]);
  });
});

describe('page commits', () => {
  it('a page whose shared commit fails is committed order by order, each once', async () => {
    const w = ordersWorld({ pageSize: 25 });
    trade(w, 60);
    let refused = 0;
    const base = w.store;
    const store: SyncStore = {
      ...base,
      kind: base.kind,
      close: () => base.close(),
      transaction: (fn) =>
        base.transaction((tx) => {
          let updates = 0;
          return fn({
            ...tx,
            updateLedgerEntry: (entry) => {
              if (++updates > 1 && refused++ === 0) throw new StoreError('STORE_LOCKED', 'the store stayed busy');
              return tx.updateLedgerEntry(entry);
            },
          });
        }),
    };
    const omni = createOmnisync({
      pos: w.pos,
      store,
      clock: w.clock.now,
      channels: { shop: { connector: w.channel, orders: MAPPED } },
    });
    const imported: string[] = [];
    omni.on('order:imported', (e) => imported.push(e.externalId));
    const report = await omni.downloadOrders('shop');
    expect(refused).toBeGreaterThan(0);
    expect(report.failed + report.unfinished).toBe(0);
    expect(new Set(imported).size).toBe(imported.length);
    expect(realProblems(checkConsistency(w.channel, w.pos))).toEqual([]);
  });
});

describe('two workers on one store', () => {
  it('one download per channel at a time: the second worker is told the lease is held', async () => {
    const w = ordersWorld();
    trade(w, 50);
    const b = w.worker('worker-b');
    const results = await Promise.allSettled([w.omni.downloadOrders('shop'), b.downloadOrders('shop')]);
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    const rejected = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(LeaseHeldError.isInstance(rejected.reason)).toBe(true);
    expect(realProblems(checkConsistency(w.channel, w.pos))).toEqual([]);
  });

  it('a download on one worker and the same webhooks on another give one sale per order', async () => {
    const w = ordersWorld({ pageSize: 20 });
    const b = w.worker('worker-b');
    const random = createRandom('race');
    for (let i = 0; i < 120; i++) {
      w.clock.advance(SECOND);
      const o = w.channel.sell({ sku: 'TS-RED-M', status: random.chance(0.5) ? 'paid' : 'unpaid' });
      if (random.chance(0.3))
        w.channel.complete(o.status === 'paid' ? o.externalId : w.channel.pay(o.externalId).externalId);
    }
    const deliveries = w.channel.webhooks.drain();
    const ingest = async (worker: typeof b) => {
      for (const d of deliveries) {
        await worker.ingestWebhook('shop', d).catch((error) => {
          if (!OrderImportError.isInstance(error)) throw error; // "deliver again": the other worker has it
        });
      }
    };
    await Promise.all([w.omni.downloadOrders('shop', { concurrency: 8 }), ingest(b), ingest(w.worker('worker-c'))]);
    await w.omni.downloadOrders('shop');
    expect(Math.max(...salesByOrder(w.pos).values())).toBe(1);
    expect(realProblems(checkConsistency(w.channel, w.pos))).toEqual([]);
  });
});
