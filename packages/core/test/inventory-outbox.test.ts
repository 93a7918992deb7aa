import { describe, expect, it } from 'vitest';
import { failOnce, recordStockUpdates, scanAll, setup } from './inventory-fixtures';

const item = (sku: string, quantity: number) => ({ id: sku, sku, name: sku, quantity });

function catalog(count: number, batchLimit = 50) {
  const skus = Array.from({ length: count }, (_, n) => `S${n + 1}`);
  return setup(
    { items: skus.map((sku) => item(sku, 10)) },
    { shop: { listings: skus.map((sku, n) => ({ listingId: String(n + 1), sku, quantity: 10 })), batchLimit } },
  );
}

describe('stock outbox', () => {
  it('coalesces a burst: ten changes to one item send one update with the latest quantity', async () => {
    const { omni, channels, clock, pos } = catalog(1);
    const sent = recordStockUpdates(channels.shop!);
    await scanAll(omni, channels, clock);
    for (let n = 1; n <= 10; n++) {
      pos.adjustStock('S1', -1);
      await omni.stockChanged(['S1'], 'sale');
    }
    expect(await omni.store.listOutbox({ tenantId: 'default', topic: 'stock' })).toHaveLength(1);
    const report = await omni.pushPendingStock();
    expect(report).toMatchObject({ items: 1, pushed: 1, requests: { shop: 1 } });
    expect(sent).toEqual([[expect.objectContaining({ listingId: '1', quantity: 0 })]]);
    expect(await omni.store.listOutbox({ tenantId: 'default' })).toEqual([]);
  });

  it('pushes nothing when the quantity ends where the channel already is', async () => {
    const { omni, channels, clock, pos } = catalog(1);
    await scanAll(omni, channels, clock);
    pos.adjustStock('S1', -3);
    pos.adjustStock('S1', 3);
    await omni.stockChanged(['S1', 'S1']);
    expect(await omni.pushPendingStock()).toMatchObject({ items: 1, pushed: 0, requests: { shop: 0 } });
  });

  it('survives a restart: a new instance on the same store pushes what the old one queued', async () => {
    const { omni, channels, clock, pos, open } = catalog(2);
    await scanAll(omni, channels, clock);
    pos.setStock('S2', 4);
    await omni.stockChanged(['S2']);
    await omni.close();
    const restarted = open({ workerId: 'after-restart' });
    await restarted.pushPendingStock();
    expect(channels.shop?.quantityOf({ listingId: '2' })).toBe(4);
  });

  it('takes over the claim of a worker that died mid-push once its visibility timeout passes', async () => {
    const { omni, channels, clock, pos, open } = catalog(1);
    await scanAll(omni, channels, clock);
    pos.setStock('S1', 2);
    await omni.stockChanged(['S1']);
    await omni.store.claim({
      tenantId: 'default',
      topic: 'stock',
      owner: 'crashed',
      limit: 10,
      visibilityTimeoutMs: 60_000,
    });
    const survivor = open({ workerId: 'survivor' });
    expect(await survivor.pushPendingStock()).toMatchObject({ items: 0 });
    clock.advance(61_000);
    expect(await survivor.pushPendingStock()).toMatchObject({ items: 1, pushed: 1 });
    expect(channels.shop?.quantityOf({ listingId: '1' })).toBe(2);
  });

  it('lets two workers drain one outbox without pushing any listing twice', async () => {
    const { omni, channels, clock, pos, open } = catalog(60, 10);
    const sent = recordStockUpdates(channels.shop!);
    await scanAll(omni, channels, clock);
    const ids = Array.from({ length: 60 }, (_, n) => `S${n + 1}`);
    for (const id of ids) pos.setStock(id, 3);
    await omni.stockChanged(ids);
    const a = open({ workerId: 'a' });
    const b = open({ workerId: 'b' });
    const [ra, rb] = await Promise.all([a.pushPendingStock({ limit: 7 }), b.pushPendingStock({ limit: 7 })]);
    const pushed = sent.flat().map((u) => u.listingId);
    expect(pushed.sort()).toEqual(Array.from({ length: 60 }, (_, n) => String(n + 1)).sort());
    expect(ra.items + rb.items).toBe(60);
    expect(ra.items).toBeGreaterThan(0);
    expect(rb.items).toBeGreaterThan(0);
  });

  it('retries per-item failures, reports what cannot land, and keeps the rest of the batch', async () => {
    const { omni, channels, clock, pos } = catalog(5, 2);
    await scanAll(omni, channels, clock);
    for (const n of [1, 2, 3, 4, 5]) pos.setStock(`S${n}`, 1);
    channels.shop?.deleteListing({ listingId: '4' });
    failOnce(channels.shop!, ['2']);
    channels.shop?.failNext({ kind: 'serverError', method: 'updateStock', status: 503 });
    const report = await omni.updateInventory({ retryDelayMs: 1 });
    const shop = report.channels[0]!;
    expect(shop.pushed).toBe(4);
    expect(shop.failed).toMatchObject([{ listingKey: '4', error: { code: 'NOT_FOUND', retryable: false } }]);
    expect([1, 2, 3, 5].map((n) => channels.shop?.quantityOf({ listingId: String(n) }))).toEqual([1, 1, 1, 1]);
    const errors = await omni.actions({ subjectType: 'listing', outcome: 'error' });
    expect(errors.items.map((a) => a.subjectId)).toEqual(['4']);
  });

  it('gives a failed item back to the outbox with backoff, and pushes it on a later drain', async () => {
    const { omni, channels, clock, pos } = catalog(1);
    await scanAll(omni, channels, clock);
    pos.setStock('S1', 6);
    await omni.stockChanged(['S1']);
    channels.shop?.failNext({ kind: 'serverError', method: 'updateStock', status: 503, times: 2 });
    const first = await omni.pushPendingStock({ maxAttempts: 2, retryDelayMs: 1 });
    expect(first).toMatchObject({ pushed: 0, released: 1 });
    const [entry] = await omni.store.listOutbox({ tenantId: 'default', topic: 'stock' });
    expect(entry).toMatchObject({ key: 'S1', attempts: 1 });
    expect(await omni.pushPendingStock()).toMatchObject({ items: 0 });
    clock.advance(5_000);
    expect(await omni.pushPendingStock()).toMatchObject({ items: 1, pushed: 1 });
    expect(channels.shop?.quantityOf({ listingId: '1' })).toBe(6);
  });

  it('gives claimed items back at once when a drain is cancelled', async () => {
    const { omni, channels, clock, pos } = catalog(3);
    await scanAll(omni, channels, clock);
    for (const sku of ['S1', 'S2', 'S3']) pos.setStock(sku, 1);
    await omni.stockChanged(['S1', 'S2', 'S3']);
    channels.shop?.setFaults({ latency: 200, methods: ['updateStock'] });
    const abort = new AbortController();
    setTimeout(() => abort.abort(), 20);
    await expect(omni.pushPendingStock({ signal: abort.signal })).rejects.toThrow(/cancelled/);
    const queue = await omni.store.listOutbox({ tenantId: 'default', topic: 'stock' });
    expect(queue.map((e) => e.claimedBy)).toEqual([null, null, null]);
    channels.shop?.setFaults({});
    expect(await omni.pushPendingStock()).toMatchObject({ items: 3, pushed: 3 });
  });

  it('reuses what one drain read for the next, yet sees what another worker pushed meanwhile', async () => {
    const { omni, channels, clock, pos, open } = catalog(2);
    await scanAll(omni, channels, clock);
    let itemReads = 0;
    const listItems = pos.listItems.bind(pos);
    pos.listItems = (args) => {
      itemReads++;
      return listItems(args);
    };
    const other = open({ workerId: 'other' });
    pos.setStock('S1', 5);
    await omni.stockChanged(['S1']);
    await omni.pushPendingStock();
    expect(itemReads).toBe(1);
    pos.setStock('S1', 7);
    await other.stockChanged(['S1']);
    await other.pushPendingStock();
    pos.setStock('S1', 5);
    await omni.stockChanged(['S1']);
    await omni.pushPendingStock();
    expect(itemReads).toBe(2);
    expect(channels.shop?.quantityOf({ listingId: '1' })).toBe(5);
  });

  it('reloads its view when a scan brought new listings', async () => {
    const { omni, channels, clock, pos } = catalog(1);
    await scanAll(omni, channels, clock);
    pos.setStock('S1', 3);
    await omni.stockChanged(['S1']);
    await omni.pushPendingStock();
    channels.shop?.addListing({ listingId: '50', sku: 'S1', quantity: 9 });
    await scanAll(omni, channels, clock);
    pos.setStock('S1', 2);
    await omni.stockChanged(['S1']);
    await omni.pushPendingStock();
    expect(channels.shop?.quantityOf({ listingId: '50' })).toBe(2);
    expect(channels.shop?.quantityOf({ listingId: '1' })).toBe(2);
  });

  it('queues a POS sale that takes the last units ahead of routine changes', async () => {
    const { omni, channels, clock, pos } = catalog(2);
    await scanAll(omni, channels, clock);
    pos.adjustStock('S2', -1);
    expect(await omni.stockChanged(['S2'], 'adjustment')).toEqual({ queued: 1, urgent: 0 });
    pos.adjustStock('S1', -10);
    expect(await omni.stockChanged(['S1'], 'sale')).toEqual({ queued: 1, urgent: 1 });
    const queue = await omni.store.listOutbox({ tenantId: 'default', topic: 'stock' });
    expect(queue.map((e) => [e.key, e.priority])).toEqual([
      ['S1', 0],
      ['S2', 100],
    ]);
    await expect(omni.stockChanged(['S1', ''])).rejects.toThrow(/non-empty strings/);
  });

  it('drops its view after a scan that moved a SKU to another listing', async () => {
    const { omni, channels, clock, pos } = catalog(2);
    await scanAll(omni, channels, clock);
    pos.setStock('S1', 3);
    await omni.stockChanged(['S1']);
    await omni.pushPendingStock();
    channels.shop?.changeSku({ listingId: '2' }, 'S1');
    await scanAll(omni, channels, clock);
    pos.setStock('S1', 2);
    await omni.stockChanged(['S1']);
    await omni.pushPendingStock();
    expect(channels.shop?.quantityOf({ listingId: '2' })).toBe(2);
  });

  it('pushes the components of a sold bundle, and every bundle sharing them', async () => {
    const { omni, channels, clock, pos } = setup(
      {
        items: [
          item('CUP', 10),
          item('SAUCER', 10),
          {
            id: 'SET',
            sku: 'SET',
            name: 'Set',
            components: [
              { itemId: 'CUP', quantity: 1 },
              { itemId: 'SAUCER', quantity: 1 },
            ],
          },
          { id: 'PAIR', sku: 'PAIR', name: 'Pair', components: [{ itemId: 'CUP', quantity: 2 }] },
        ],
      },
      {
        shop: {
          listings: [
            { listingId: '1', sku: 'CUP', quantity: 10 },
            { listingId: '2', sku: 'SAUCER', quantity: 10 },
            { listingId: '3', sku: 'SET', quantity: 10 },
            { listingId: '4', sku: 'PAIR', quantity: 5 },
          ],
        },
      },
    );
    await scanAll(omni, channels, clock);
    pos.adjustStock('CUP', -4);
    pos.adjustStock('SAUCER', -4);
    await omni.stockChanged(['SET'], 'sale');
    await omni.pushPendingStock();
    expect(['1', '2', '3', '4'].map((id) => channels.shop?.quantityOf({ listingId: id }))).toEqual([6, 6, 6, 3]);
  });

  it('never overwrites a push made from fresher stock by another worker during a long update', async () => {
    const { omni, channels, clock, pos, open } = catalog(2, 1);
    await scanAll(omni, channels, clock);
    pos.setStock('S1', 5);
    pos.setStock('S2', 5);
    const other = open({ workerId: 'other' });
    const updateStock = channels.shop!.updateStock.bind(channels.shop);
    let interleaved = false;
    channels.shop!.updateStock = async (updates, options) => {
      if (!interleaved) {
        interleaved = true;
        clock.advance(10);
        pos.setStock('S2', 1);
        await other.stockChanged(['S2']);
        await other.pushPendingStock();
      }
      return updateStock(updates, options);
    };
    const report = await omni.updateInventory();
    expect(report.channels[0]).toMatchObject({ pushed: 1, superseded: 1 });
    expect(channels.shop?.quantityOf({ listingId: '2' })).toBe(1);
    expect(await omni.store.listOutbox({ tenantId: 'default', topic: 'stock' })).toMatchObject([
      { key: 'S2', payload: { reason: 'superseded' } },
    ]);
    clock.advance(1000);
    expect(await omni.pushPendingStock()).toMatchObject({ items: 1, pushed: 0 });
    expect(channels.shop?.quantityOf({ listingId: '2' })).toBe(1);
  });
});
