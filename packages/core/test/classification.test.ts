import {
  createMemoryStore,
  createOmnisync,
  InvalidArgumentError,
  InvalidSettingsError,
  type MatchingOptionsInput,
} from '@omnisync/core';
import { createMockChannel, createMockPos } from '@omnisync/mock';
import { describe, expect, it, vi } from 'vitest';
import { HelperThread } from '../src/catalog/helper-thread';

function setup(matching?: MatchingOptionsInput, store = createMemoryStore(), workerId?: string) {
  const shop = createMockChannel({
    channelId: 'shop',
    listings: [
      { listingId: 'L1', sku: 'A-1', title: 'Red shirt' },
      { listingId: 'L2', sku: ' b-2 ', title: 'Blue shirt' },
      { listingId: 'L3', sku: 'DUP', title: 'Mystery' },
      { listingId: 'L4', sku: null, title: 'No SKU' },
      { listingId: 'L5', sku: 'A-1', title: 'Red shirt (bundle page)' },
      { listingId: 'L6', sku: 'GHOST', title: 'Old', status: 'inactive' },
      { listingId: 'L7', sku: 'whatever', title: 'Mapped by id' },
    ],
  });
  const mall = createMockChannel({ channelId: 'mall', listings: [{ listingId: 'M1', sku: 'B-2', title: 'Blue' }] });
  const pos = createMockPos({
    items: [
      { id: 'i1', sku: 'A-1', name: 'Red shirt' },
      { id: 'i2', sku: 'B-2', name: 'Blue shirt' },
      { id: 'i3', sku: 'DUP', name: 'Dup one' },
      { id: 'i4', sku: 'DUP ', name: 'Dup two' },
      { id: 'i5', sku: 'X-9', name: 'Mapped', externalIds: { shop: 'L7' } },
      { id: 'i6', sku: 'NOWHERE', name: 'Not listed' },
    ],
  });
  const omni = createOmnisync({
    pos,
    channels: { shop, mall },
    store,
    ...(matching ? { matching } : {}),
    ...(workerId ? { workerId } : {}),
  });
  return { omni, shop, mall, pos, store };
}

async function scanned(matching?: MatchingOptionsInput) {
  const s = setup(matching);
  await s.omni.scan('shop');
  await s.omni.scan('mall');
  return s;
}

describe('classification through the facade', () => {
  it('counts every tab per channel', async () => {
    const { omni } = await scanned();
    const summary = await omni.classify();
    expect(summary.items).toBe(6);
    expect(summary.channels.find((c) => c.channelId === 'shop')).toMatchObject({
      counts: {
        listings: 7,
        live: 6,
        soldInChannel: 2,
        notInPos: 3,
        notInPosByReason: { 'empty-sku': 1, 'unknown-sku': 1, conflict: 1 },
        multipleListingGroups: 1,
      },
      tabs: { soldInChannel: 2, notInPos: 3, notInChannel: 4, multipleListing: 1 },
    });
  });

  it('lists Not In POS with each reason and both items of a conflict', async () => {
    const { omni } = await scanned();
    const page = await omni.catalogTab('not-in-pos', { channelId: 'shop' });
    expect(page.rows.map((r) => [r.listing.listingId, r.reason, r.conflictItems.map((i) => i.id)])).toEqual([
      ['L2', 'unknown-sku', []],
      ['L3', 'conflict', ['i3', 'i4']],
      ['L4', 'empty-sku', []],
    ]);
    const unknown = await omni.catalogTab('not-in-pos', { reason: 'unknown-sku' });
    expect(unknown.rows.map((r) => r.listing.title)).toEqual(['Blue shirt']);
  });

  it('shows the channels each item is on, what it is missing from, and multiple listings', async () => {
    const { omni } = await scanned();
    const inPos = await omni.catalogTab('in-pos');
    expect(inPos.rows.map((r) => [r.item.id, r.channelIds])).toEqual([
      ['i1', ['shop']],
      ['i2', ['mall']],
      ['i3', []],
      ['i4', []],
      ['i5', ['shop']],
      ['i6', []],
    ]);
    expect(inPos.rows[2]!.conflictWith.map((i) => i.id)).toEqual(['i4']);
    const notInShop = await omni.catalogTab('not-in-channel', { channelId: 'shop' });
    expect(notInShop.rows.map((r) => r.item.id)).toEqual(['i2', 'i3', 'i4', 'i6']);
    const multiple = await omni.catalogTab('multiple-listing', { channelId: 'shop' });
    expect(multiple.rows).toEqual([
      expect.objectContaining({ item: expect.objectContaining({ id: 'i1' }), sku: 'A-1' }),
    ]);
    expect(multiple.rows[0]!.listings.map((l) => l.listingId)).toEqual(['L1', 'L5']);
  });

  it('filters by text and pages', async () => {
    const { omni } = await scanned();
    expect((await omni.catalogTab('in-pos', { text: 'dup' })).rows.map((r) => r.item.id)).toEqual(['i3', 'i4']);
    expect((await omni.catalogTab('not-in-pos', { text: 'mystery' })).rows.map((r) => r.listing.key)).toEqual(['L3']);
    const second = await omni.catalogTab('in-pos', { page: 2, pageSize: 4 });
    expect([second.total, second.rows.map((r) => r.item.id)]).toEqual([6, ['i5', 'i6']]);
    await expect(omni.catalogTab('in-pos', { pageSize: 0 })).rejects.toSatisfy(InvalidArgumentError.isInstance);
  });

  it('matches case-insensitively when asked', async () => {
    const { omni } = await scanned({ caseInsensitive: true });
    expect(await omni.listingMatch('shop', 'L2')).toEqual({ kind: 'matched', itemId: 'i2', via: 'sku' });
  });

  it('gives the channel statistics with the last scan', async () => {
    const { omni } = await scanned();
    const [shop] = await omni.channelStatistics();
    expect(shop).toMatchObject({
      channelId: 'shop',
      liveProducts: 6,
      soldInChannel: 2,
      notInPos: 3,
      multipleListedSkus: 1,
      lastScan: { type: 'full', outcome: 'ok', error: null },
    });
    expect(shop!.lastSuccessfulScanAt).toBe(shop!.lastScan!.finishedAt);
  });
});

describe('incremental classification', () => {
  it('follows what a scan wrote, a POS SKU fix and a new mapping', async () => {
    const { omni, shop, pos, store } = await scanned();
    await omni.classify();
    shop.changeSku({ listingId: 'L2' }, 'B-2');
    await omni.scan('shop', { type: 'single', listingId: 'L2' });
    expect(await omni.listingMatch('shop', 'L2')).toEqual({ kind: 'matched', itemId: 'i2', via: 'sku' });

    pos.editItem('i4', { sku: 'DUP-2' });
    await omni.scan('shop', { type: 'active' });
    expect(await omni.listingMatch('shop', 'L3')).toEqual({ kind: 'matched', itemId: 'i3', via: 'sku' });

    await store.putMapping({ tenantId: 'default', targetId: 'shop', itemId: 'i6', modifierId: null, externalId: 'L4' });
    expect(await omni.listingMatch('shop', 'L4')).toEqual({ kind: 'matched', itemId: 'i6', via: 'mapping' });
    const shopCounts = (await omni.classify({ channelId: 'shop' })).channels[0]!.counts;
    expect(shopCounts).toMatchObject({ notInPos: 0, soldInChannel: 5 });
    expect(shopCounts).toEqual((await omni.refreshCatalog()).channels.find((c) => c.channelId === 'shop')!.counts);
  });

  it('notices a listing written to the snapshot outside a scan', async () => {
    const { omni, store } = await scanned();
    expect((await omni.classify({ channelId: 'mall' })).channels[0]!.counts.soldInChannel).toBe(1);
    await store.upsertListings(
      'default',
      'mall',
      [
        {
          channelId: 'mall',
          listingId: 'M2',
          sku: 'A-1',
          title: 'Uploaded',
          status: 'live',
          quantity: 1,
          attributes: {},
          updatedAt: '2026-11-01T00:00:00Z',
        },
      ],
      null,
    );
    expect((await omni.classify({ channelId: 'mall' })).channels[0]!.counts.soldInChannel).toBe(2);
  });

  it('takes in a scan another worker ran on the shared store', async () => {
    const store = createMemoryStore();
    const a = setup(undefined, store, 'worker-a');
    await a.omni.scan('shop');
    expect((await a.omni.classify({ channelId: 'shop' })).channels[0]!.counts.notInPos).toBe(3);
    a.shop.deleteListing({ listingId: 'L4' });
    const b = setup(undefined, store, 'worker-b');
    b.shop.deleteListing({ listingId: 'L4' });
    await b.omni.scan('shop');
    expect((await a.omni.classify({ channelId: 'shop' })).channels[0]!.counts.notInPos).toBe(2);
  });
});

describe('the catalog option', () => {
  /** An instance over a POS of 5000 items (a batch big enough for the helper thread) and one small channel. */
  function bigPos(catalog?: { parallel?: unknown }) {
    const items = Array.from({ length: 5000 }, (_, n) => ({ id: `i${n}`, sku: `SKU-${n}`, name: `Item ${n}` }));
    const shop = createMockChannel({
      channelId: 'shop',
      listings: [{ listingId: 'L1', sku: 'SKU-7', title: 'Seven' }],
    });
    return createOmnisync({
      pos: createMockPos({ items }),
      channels: { shop },
      ...(catalog ? { catalog: catalog as { parallel?: boolean } } : {}),
    });
  }

  it('keeps classification off the helper thread with parallel: false, and uses it by default', async () => {
    const started = vi.spyOn(HelperThread, 'get');
    const alone = bigPos({ parallel: false });
    await alone.scan('shop');
    expect((await alone.classify()).items).toBe(5000);
    expect(started).not.toHaveBeenCalled();
    const helped = bigPos();
    await helped.scan('shop');
    expect((await helped.classify()).channels[0]!.counts.soldInChannel).toBe(1);
    expect(started).toHaveBeenCalled();
    started.mockRestore();
  });

  it('refuses a wrong setting with a typed error naming it', () => {
    expect(() => bigPos({ parallel: 'yes' })).toThrow(InvalidSettingsError);
    expect(() => bigPos({ parallel: 'yes' })).toThrow(/catalog/);
  });
});
