import { describe, expect, it } from 'vitest';
import { ordersWorld } from './orders-fixtures';

const SECOND = 1000;

async function setup() {
  const w = ordersWorld();
  await w.omni.scan('shop', { type: 'full' });
  w.channel.webhooks.drain();
  const snapshot = async (sku: string) =>
    (await w.store.listListings({ tenantId: 'default', channelId: 'shop', sku })).items[0];
  return { w, snapshot };
}

describe('listing webhooks', () => {
  it('a channel-side edit updates the snapshot outside a scan and is classified as a channel edit', async () => {
    const { w, snapshot } = await setup();
    const before = await snapshot('MUG-01');
    w.clock.advance(SECOND);
    w.channel.editListing({ sku: 'MUG-01' }, { quantity: 7, title: 'Mug, blue' });
    const [delivery] = w.channel.webhooks.drain();
    const report = await w.omni.ingestWebhook('shop', delivery!);
    expect(report.listings).toEqual([{ listingKey: before!.key, outcome: 'channel-edit' }]);
    expect(await snapshot('MUG-01')).toMatchObject({ quantity: 7, title: 'Mug, blue', seenInScan: before!.seenInScan });
    const log = await w.store.listActions({ tenantId: 'default', subjectType: 'listing', subjectId: before!.key });
    expect(log.items.some((a) => a.action === 'stock:channel-edit')).toBe(true);
    // A duplicated delivery changes nothing more.
    expect((await w.omni.ingestWebhook('shop', delivery!)).listings).toEqual([
      { listingKey: before!.key, outcome: 'unchanged' },
    ]);
  });

  it('an older delivery arriving after a newer one is ignored', async () => {
    const { w, snapshot } = await setup();
    w.clock.advance(SECOND);
    w.channel.editListing({ sku: 'TS-RED-M' }, { quantity: 5 });
    w.clock.advance(SECOND);
    w.channel.editListing({ sku: 'TS-RED-M' }, { quantity: 4 });
    const [older, newer] = w.channel.webhooks.drain();
    await w.omni.ingestWebhook('shop', newer!);
    expect((await w.omni.ingestWebhook('shop', older!)).listings).toMatchObject([{ outcome: 'stale' }]);
    expect((await snapshot('TS-RED-M'))?.quantity).toBe(4);
  });

  it('a deletion marks the listing deleted in the snapshot; one never seen is reported not found', async () => {
    const { w, snapshot } = await setup();
    const listing = await snapshot('TS-BLUE-L');
    w.clock.advance(SECOND);
    w.channel.deleteListing({ listingId: listing!.listingId });
    const deliveries = w.channel.webhooks.drain();
    const reports = await Promise.all(deliveries.map((d) => w.omni.ingestWebhook('shop', d)));
    expect(reports.flatMap((r) => r.listings)).toContainEqual({ listingKey: listing!.key, outcome: 'deleted' });
    expect((await snapshot('TS-BLUE-L'))?.status).toBe('deleted');
    const added = w.channel.addListing({ sku: 'NEW-1', quantity: 1 });
    w.channel.webhooks.drain();
    w.channel.deleteListing({ listingId: added[0]!.listingId });
    const [gone] = w.channel.webhooks.drain();
    expect((await w.omni.ingestWebhook('shop', gone!)).listings).toEqual([
      { listingKey: added[0]!.listingId, outcome: 'not-found' },
    ]);
  });
});
