import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createOmnisync } from '@omnisync/core';
import { createMockChannel, createMockPos } from '@omnisync/mock';
import { createSqliteStore } from '@omnisync/store-sqlite';
import { afterEach, describe, expect, it } from 'vitest';
import { recordStockUpdates } from './inventory-fixtures';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function world(count: number) {
  const dir = mkdtempSync(join(tmpdir(), 'omnisync-inventory-'));
  dirs.push(dir);
  const path = join(dir, 'store.db');
  const skus = Array.from({ length: count }, (_, n) => `S${n + 1}`);
  const pos = createMockPos({ items: skus.map((sku) => ({ id: sku, sku, name: sku, quantity: 10 })) });
  const shop = createMockChannel({
    channelId: 'shop',
    batchLimit: 10,
    listings: skus.map((sku, n) => ({ listingId: String(n + 1), sku, quantity: 10 })),
  });
  /** One process: its own store client on the shared file. */
  const open = async (workerId: string) => {
    const store = await createSqliteStore({ path });
    return { store, omni: createOmnisync({ pos, channels: { shop }, store, workerId }) };
  };
  return { pos, shop, skus, open };
}

describe('stock outbox on a SQLite file', () => {
  it('survives a restart: what one process queued, the next one pushes', async () => {
    const { pos, shop, open } = world(3);
    const first = await open('before');
    await first.omni.scan('shop', { type: 'full' });
    pos.setStock('S2', 4);
    await first.omni.stockChanged(['S2']);
    await first.omni.close();
    await first.store.close();
    const second = await open('after');
    expect(await second.omni.pushPendingStock()).toMatchObject({ items: 1, pushed: 1 });
    expect(shop.quantityOf({ listingId: '2' })).toBe(4);
    await second.store.close();
  });

  it('lets two store clients drain one outbox without pushing any listing twice', async () => {
    const { pos, shop, skus, open } = world(40);
    const sent = recordStockUpdates(shop);
    const a = await open('a');
    const b = await open('b');
    await a.omni.scan('shop', { type: 'full' });
    for (const sku of skus) pos.setStock(sku, 2);
    await a.omni.stockChanged(skus);
    const [ra, rb] = await Promise.all([a.omni.pushPendingStock({ limit: 5 }), b.omni.pushPendingStock({ limit: 5 })]);
    expect(ra.items + rb.items).toBe(40);
    expect(
      sent
        .flat()
        .map((u) => u.listingId)
        .sort(),
    ).toEqual(skus.map((_, n) => String(n + 1)).sort());
    await a.store.close();
    await b.store.close();
  });
});
