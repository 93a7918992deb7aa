import { UnsupportedCapabilityError } from '@omnisync/core';
import { describe, expect, it } from 'vitest';
import { scanAll, setup } from './inventory-fixtures';

describe('downloadProducts', () => {
  function env(posCapabilities = {}) {
    return setup(
      {
        items: [
          { id: 'A', sku: 'A', name: 'Known', quantity: 3 },
          { id: 'D1', sku: 'DUP', name: 'Dup one' },
          { id: 'D2', sku: 'DUP', name: 'Dup two' },
        ],
        capabilities: posCapabilities,
      },
      {
        shop: {
          listings: [
            {
              listingId: '1',
              sku: 'TEE-RED-M',
              title: 'Tee red M',
              price: '75000.00',
              attributes: { colour: 'red', size: 'M' },
            },
            { listingId: '2', sku: null, title: 'No SKU' },
            { listingId: '3', sku: 'DUP', title: 'Clash with POS' },
            { listingId: '4', sku: 'A', title: 'Already in POS' },
            { listingId: '5', sku: 'MUG', title: 'Mug' },
            { listingId: '6', sku: 'MUG', title: 'Mug (bundle page)' },
            { listingId: '8', sku: 'CAP', title: 'Cap', attributes: { size: 'S' } },
            { listingId: '9', sku: 'CAP', title: 'Cap', attributes: { size: 'L' } },
          ],
        },
      },
    );
  }

  it('creates POS items from every Not In POS listing, with SKU, title, price and variant attributes', async () => {
    const { omni, channels, clock, pos } = env();
    await scanAll(omni, channels, clock);
    const report = await omni.downloadProducts('shop', { all: true });
    expect(report.created.map((c) => [c.sku, c.listingKeys])).toEqual([
      ['TEE-RED-M', ['1']],
      ['MUG', ['5', '6']],
    ]);
    expect(report.refused.map((r) => [r.listingKey, r.reason])).toEqual([
      ['2', 'no-sku'],
      ['3', 'sku-conflict'],
      ['8', 'sku-conflict'],
      ['9', 'sku-conflict'],
    ]);
    const tee = pos.items().find((i) => i.sku === 'TEE-RED-M');
    expect(tee).toMatchObject({
      name: 'Tee red M',
      price: { amount: '75000.00', currency: 'IDR' },
      attributes: { colour: 'red', size: 'M' },
    });
    expect(pos.items().filter((i) => i.sku === 'MUG')).toHaveLength(1);
    const again = await omni.downloadProducts('shop', { all: true });
    expect(again.created).toEqual([]);
  });

  it('downloads chosen listings and says why it refuses the others; a dry run creates nothing', async () => {
    const { omni, channels, clock, pos } = env();
    await scanAll(omni, channels, clock);
    const before = pos.items().length;
    const plan = await omni.downloadProducts('shop', { listingKeys: ['1', '4', 'nope'], dryRun: true });
    expect(plan.created).toMatchObject([{ itemId: null, sku: 'TEE-RED-M' }]);
    expect(plan.refused.map((r) => [r.listingKey, r.reason])).toEqual([
      ['4', 'already-in-pos'],
      ['nope', 'not-found'],
    ]);
    expect(pos.items()).toHaveLength(before);
    const done = await omni.downloadProducts('shop', { listingKeys: ['1'] });
    expect(done.created[0]?.itemId).toEqual(expect.any(String));
    const log = await omni.actions({ subjectType: 'listing', subjectId: '1' });
    expect(log.items[0]).toMatchObject({ action: 'product:download', outcome: 'ok' });
  });

  it('throws UnsupportedCapabilityError when the POS cannot create items', async () => {
    const { omni, channels, clock } = env({ createItem: false });
    await scanAll(omni, channels, clock);
    await expect(omni.downloadProducts('shop', { all: true })).rejects.toThrow(UnsupportedCapabilityError);
  });
});

describe('uploadProducts', () => {
  function env(mallCapabilities = {}) {
    return setup(
      {
        items: [
          {
            id: 'A',
            sku: 'A',
            name: 'Tee',
            quantity: 12,
            attributes: { size: 'M' },
            price: { amount: '9.50', currency: 'IDR' },
          },
          { id: 'B', sku: 'B', name: 'Listed both', quantity: 1 },
          { id: 'C', sku: 'C', name: 'Only in POS', quantity: 1 },
          { id: 'N', sku: null, name: 'No SKU' },
          { id: 'D1', sku: 'DUP', name: 'Dup one' },
          { id: 'D2', sku: 'DUP', name: 'Dup two' },
        ],
      },
      {
        shop: {
          listings: [
            { listingId: '1', sku: 'A' },
            { listingId: '2', sku: 'B' },
          ],
        },
        mall: { listings: [{ listingId: '9', sku: 'B' }], inventory: { buffer: 2 }, capabilities: mallCapabilities },
      },
    );
  }

  it('creates Not In Channel items on the channel with the quantity its rules give', async () => {
    const { omni, channels, clock } = env();
    await scanAll(omni, channels, clock);
    const notInMall = async () =>
      (await omni.catalogTab('not-in-channel', { channelId: 'mall' })).rows.map((r) => r.item.id);
    expect(await notInMall()).toContain('A');
    const report = await omni.uploadProducts('mall');
    expect(report.created).toMatchObject([{ itemId: 'A', sku: 'A', quantity: 10 }]);
    expect(await notInMall()).not.toContain('A');
    const key = report.created[0]?.listingKey as string;
    expect(channels.mall?.listing({ sku: 'A' })).toMatchObject({
      title: 'Tee',
      quantity: 10,
      attributes: { size: 'M' },
    });
    expect((await omni.updateInventory({ channelIds: ['mall'] })).totals.pushed).toBe(0);
    expect((await omni.explainQuantity('mall', key)).known).toMatchObject({ quantity: 10, source: 'push' });
  });

  it('uploads chosen items and refuses the rest with the reason', async () => {
    const { omni, channels, clock } = env();
    await scanAll(omni, channels, clock);
    const report = await omni.uploadProducts('mall', { itemIds: ['C', 'B', 'N', 'D1', 'ghost'], dryRun: true });
    expect(report.created.map((c) => c.itemId)).toEqual(['C']);
    expect(report.refused.map((r) => [r.itemId, r.reason])).toEqual([
      ['B', 'already-listed'],
      ['N', 'no-sku'],
      ['D1', 'sku-conflict'],
      ['ghost', 'not-found'],
    ]);
    expect(channels.mall?.listing({ sku: 'C' })).toBeNull();
  });

  it('throws UnsupportedCapabilityError where the connector cannot create listings', async () => {
    const { omni, channels, clock } = env({ createListing: false });
    await scanAll(omni, channels, clock);
    await expect(omni.uploadProducts('mall')).rejects.toThrow(UnsupportedCapabilityError);
    await expect(omni.uploadProducts('mall')).rejects.toThrow(/does not support "createListing"/);
  });
});
