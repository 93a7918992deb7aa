import { InvalidSettingsError, LeaseHeldError, type Notice } from '@omnisync/core';
import { describe, expect, it } from 'vitest';
import { recordStockUpdates, scanAll, setup } from './inventory-fixtures';

const item = (sku: string, quantity: number, extra: Record<string, unknown> = {}) => ({
  id: sku,
  sku,
  name: sku,
  quantity,
  ...extra,
});

describe('updateInventory: quantity rules', () => {
  it('counts the chosen warehouses, minus reservations, buffer and share, and explains it', async () => {
    const { omni, channels, clock } = setup(
      {
        warehouses: ['main', 'store'],
        items: [{ id: 'A', sku: 'A', name: 'A' }],
        stock: [
          { sku: 'A', warehouseId: 'main', onHand: 12, reserved: 2 },
          { sku: 'A', warehouseId: 'store', onHand: 30 },
        ],
      },
      {
        shop: {
          listings: [{ listingId: '1', sku: 'A', quantity: 1 }],
          inventory: { warehouses: ['main'], buffer: 2, share: 0.9 },
        },
        all: { listings: [{ listingId: '1', sku: 'A', quantity: 1 }] },
      },
    );
    await scanAll(omni, channels, clock);
    const why = await omni.explainQuantity('shop', { sku: 'A' });
    expect(why.sentence).toBe('7 = 12 on hand - 2 reserved - 2 buffer - 1 share');
    expect(why).toMatchObject({ listingKey: '1', itemId: 'A', quantity: 7, wouldPush: true });
    expect(why.breakdown?.stock?.warehouses).toEqual([{ warehouseId: 'main', onHand: 12, reserved: 2 }]);
    const report = await omni.updateInventory();
    expect(report.totals).toMatchObject({ pushed: 2, failed: 0 });
    expect(channels.shop?.quantityOf({ listingId: '1' })).toBe(7);
    expect(channels.all?.quantityOf({ listingId: '1' })).toBe(40);
  });

  it('sends only in stock or not in availability mode, with the configured quantity for "yes"', async () => {
    const { omni, channels, clock } = setup(
      { items: [item('A', 3), item('B', 0)] },
      {
        shop: {
          listings: [
            { listingId: '1', sku: 'A', quantity: 0 },
            { listingId: '2', sku: 'B', quantity: 9 },
          ],
          inventory: { mode: 'availability', inStockQuantity: 5 },
        },
      },
    );
    await scanAll(omni, channels, clock);
    await omni.updateInventory();
    expect(channels.shop?.quantityOf({ listingId: '1' })).toBe(5);
    expect(channels.shop?.quantityOf({ listingId: '2' })).toBe(0);
  });

  it('refuses bad rules when the instance is created, naming the channel and the path', () => {
    const create = () => setup({}, { shop: { inventory: { buffer: -1, mode: 'exact' } } });
    expect(create).toThrow(InvalidSettingsError);
    expect(create).toThrow(/channels\.shop\.inventory settings: buffer/);
  });

  it('gives every listing of a multiple-listed SKU the same quantity, and a bundle what its components allow', async () => {
    const { omni, channels, clock } = setup(
      {
        items: [
          item('CUP', 7),
          item('SAUCER', 5),
          {
            id: 'KIT',
            sku: 'KIT',
            name: 'Kit',
            components: [
              { itemId: 'CUP', quantity: 2 },
              { itemId: 'SAUCER', quantity: 1 },
            ],
          },
        ],
      },
      {
        shop: {
          listings: [
            { listingId: '1', sku: 'CUP', quantity: 0 },
            { listingId: '2', sku: 'CUP', quantity: 0 },
            { listingId: '3', sku: 'KIT', quantity: 0 },
          ],
        },
      },
    );
    await scanAll(omni, channels, clock);
    await omni.updateInventory();
    expect([
      channels.shop?.quantityOf({ listingId: '1' }),
      channels.shop?.quantityOf({ listingId: '2' }),
      channels.shop?.quantityOf({ listingId: '3' }),
    ]).toEqual([7, 7, 3]);
    expect((await omni.explainQuantity('shop', '3')).sentence).toBe('3 = min(CUP 7 / 2, SAUCER 5 / 1) bundles');
  });
});

describe('updateInventory: what is pushed', () => {
  it('pushes only differences, batched to the channel limit, and nothing the second time', async () => {
    const listings = Array.from({ length: 7 }, (_, n) => ({
      listingId: String(n + 1),
      sku: `S${n + 1}`,
      quantity: n < 2 ? 4 : 0,
    }));
    const { omni, channels, clock } = setup(
      { items: listings.map((l) => item(l.sku, 4)) },
      { shop: { listings, batchLimit: 2 } },
    );
    const sent = recordStockUpdates(channels.shop!);
    await scanAll(omni, channels, clock);
    const first = await omni.updateInventory();
    expect(first.channels[0]).toMatchObject({ unchanged: 2, pushed: 5, requests: 3 });
    expect(sent.map((b) => b.length)).toEqual([2, 2, 1]);
    const second = await omni.updateInventory();
    expect(second.totals).toMatchObject({ changes: 0, pushed: 0, requests: 0, unchanged: 7 });
    expect(sent).toHaveLength(3);
  });

  it('reports unmatched and conflicting SKUs and pushes nothing to them', async () => {
    const { omni, channels, clock } = setup(
      { items: [item('D1', 5, { sku: 'DUP' }), item('D2', 5, { sku: 'DUP' })] },
      {
        shop: {
          listings: [
            { listingId: '1', sku: 'DUP', quantity: 1 },
            { listingId: '2', sku: 'NOPE', quantity: 1 },
            { listingId: '3', sku: null, quantity: 1 },
          ],
        },
      },
    );
    await scanAll(omni, channels, clock);
    const report = await omni.updateInventory();
    expect(report.channels[0]?.skipped.map((s) => [s.listingKey, s.reason])).toEqual([
      ['1', 'sku-conflict'],
      ['2', 'unknown-sku'],
      ['3', 'empty-sku'],
    ]);
    expect(channels.shop?.callsTo('updateStock')).toHaveLength(0);
    expect((await omni.explainQuantity('shop', '1')).skipped?.reason).toBe('sku-conflict');
  });

  it('returns the plan with a reason for each change in a dry run, and pushes nothing', async () => {
    const { omni, channels, clock } = setup(
      { items: [item('A', 9)] },
      { shop: { listings: [{ listingId: '1', sku: 'A', quantity: 4 }] } },
    );
    await scanAll(omni, channels, clock);
    const plan = await omni.updateInventory({ dryRun: true });
    expect(plan.dryRun).toBe(true);
    expect(plan.channels[0]?.changes).toMatchObject([{ listingKey: '1', from: 4, to: 9 }]);
    expect(plan.channels[0]?.changes[0]?.reason).toBe(
      'the channel holds 4 (last scan); POS gives 9 = 9 on hand - 0 reserved',
    );
    expect(channels.shop?.quantityOf({ listingId: '1' })).toBe(4);
  });

  it('takes a rescan showing our own push for its echo, and corrects an edit made on the channel', async () => {
    const { omni, channels, clock } = setup(
      { items: [item('A', 9)] },
      { shop: { listings: [{ listingId: '1', sku: 'A', quantity: 4 }] } },
    );
    await scanAll(omni, channels, clock);
    await omni.updateInventory();
    await scanAll(omni, channels, clock);
    expect((await omni.explainQuantity('shop', '1')).known).toMatchObject({
      quantity: 9,
      echo: true,
      channelEdit: false,
    });
    expect((await omni.updateInventory()).totals.pushed).toBe(0);
    channels.shop?.setQuantity({ listingId: '1' }, 20);
    await scanAll(omni, channels, clock);
    const fix = await omni.updateInventory();
    expect(fix.channels[0]?.changes[0]?.reason).toContain('changed on the channel since our last push');
    expect(channels.shop?.quantityOf({ listingId: '1' })).toBe(9);
  });

  it('uses compare-and-set, and on conflict takes off units sold on the channel meanwhile', async () => {
    const { omni, channels, clock } = setup(
      { items: [item('A', 9)] },
      { shop: { listings: [{ listingId: '1', sku: 'A', quantity: 5 }] } },
    );
    const sent = recordStockUpdates(channels.shop!);
    await scanAll(omni, channels, clock);
    channels.shop?.sell({ sku: 'A', quantity: 2 });
    const report = await omni.updateInventory();
    expect(sent.map((b) => b[0]?.expectedQuantity)).toEqual([5, 3]);
    expect(report.channels[0]).toMatchObject({ pushed: 1, conflicts: 1 });
    expect(channels.shop?.quantityOf({ listingId: '1' })).toBe(7);
  });

  it('deactivates at zero, reactivates on restock, and warns where a channel cannot', async () => {
    const notices: Notice[] = [];
    const { omni, channels, clock, pos } = setup(
      { items: [item('A', 0)] },
      {
        shop: { listings: [{ listingId: '1', sku: 'A', quantity: 2 }], inventory: { deactivateAtZero: true } },
        plain: {
          listings: [{ listingId: '1', sku: 'A', quantity: 2 }],
          inventory: { deactivateAtZero: true },
          capabilities: { deactivateListing: false },
        },
      },
    );
    omni.on('notice', (n) => notices.push(n));
    await scanAll(omni, channels, clock);
    await omni.updateInventory();
    expect(channels.shop?.listing({ listingId: '1' })).toMatchObject({ status: 'inactive', quantity: 0 });
    expect(channels.plain?.listing({ listingId: '1' })).toMatchObject({ status: 'live', quantity: 0 });
    expect(notices.map((n) => [n.kind, n.channelId])).toEqual([['setting-unsupported', 'plain']]);
    expect((await omni.updateInventory()).totals.pushed).toBe(0);
    pos.setStock('A', 4);
    await omni.stockChanged(['A'], 'restock');
    await omni.pushPendingStock();
    expect(channels.shop?.listing({ listingId: '1' })).toMatchObject({ status: 'live', quantity: 4 });
  });

  it('never reactivates a listing the seller switched off', async () => {
    const { omni, channels, clock } = setup(
      { items: [item('A', 5)] },
      {
        shop: {
          listings: [{ listingId: '1', sku: 'A', quantity: 0, status: 'inactive' }],
          inventory: { deactivateAtZero: true },
        },
      },
    );
    await scanAll(omni, channels, clock);
    await omni.updateInventory();
    expect(channels.shop?.listing({ listingId: '1' })).toMatchObject({ status: 'inactive', quantity: 5 });
  });

  it('refuses a second update of the same channel while one runs elsewhere', async () => {
    const { omni, channels, clock, open } = setup(
      { items: [item('A', 5)] },
      { shop: { listings: [{ listingId: '1', sku: 'A' }] } },
    );
    await scanAll(omni, channels, clock);
    const other = open({ workerId: 'other' });
    await omni.store.acquireLease({ tenantId: 'default', key: 'inventory:shop', owner: 'other', ttlMs: 60_000 });
    await expect(omni.updateInventory()).rejects.toThrow(LeaseHeldError);
    await expect(other.updateInventory({ dryRun: true })).resolves.toMatchObject({ dryRun: true });
  });

  it('tells the echo of our push from a change made on the channel when a listing webhook reports it', async () => {
    const { omni, channels, clock } = setup(
      { items: [item('A', 9)] },
      { shop: { listings: [{ listingId: '1', sku: 'A', quantity: 4 }] } },
    );
    await scanAll(omni, channels, clock);
    await omni.updateInventory();
    clock.advance(1000);
    const echo = await omni.listingsReported('shop', [channels.shop!.listing({ listingId: '1' })!]);
    expect(echo).toEqual([{ listingKey: '1', quantity: 9, kind: 'echo', previous: 9 }]);
    expect((await omni.updateInventory()).totals.pushed).toBe(0);
    clock.advance(1000);
    channels.shop?.setQuantity({ listingId: '1' }, 2);
    const events = await channels.shop!.parseWebhook!(channels.shop!.webhooks.drain().at(-1)!);
    const listings = events.flatMap((e) => (e.type === 'listing' ? [e.listing] : []));
    expect(await omni.listingsReported('shop', listings)).toMatchObject([
      { kind: 'channel-edit', quantity: 2, previous: 9 },
    ]);
    const log = await omni.actions({ subjectType: 'listing', subjectId: '1' });
    expect(log.items[0]).toMatchObject({ action: 'stock:channel-edit' });
    const fix = await omni.updateInventory();
    expect(fix.channels[0]?.changes).toMatchObject([{ from: 2, to: 9 }]);
    expect(channels.shop?.quantityOf({ listingId: '1' })).toBe(9);
  });
});
