import { describe, expect, it, vi } from 'vitest';
import { setup } from './inventory-fixtures';

const orders = { payments: { unmapped: 'pass-through' }, delivery: { unmapped: 'pass-through' } };

function shop() {
  return setup(
    {
      items: [
        { id: 'A', sku: 'A', name: 'Kopi', quantity: 10 },
        { id: 'B', sku: 'B', name: 'Teh', quantity: 5 },
      ],
    },
    {
      shop: {
        listings: [
          { listingId: '1', sku: 'A', quantity: 3 },
          { listingId: '2', sku: 'B', quantity: 5 },
        ],
        orders,
      },
      mall: { listings: [{ listingId: '7', sku: 'A', quantity: 10 }], orders },
    },
  );
}

describe('omni.reconcile()', () => {
  it('plans in a dry run (missing orders, stock to push, each with a reason) and changes nothing', async () => {
    const { omni, channels, pos, clock } = shop();
    clock.advance(60_000);
    channels.shop!.sell({ sku: 'B', quantity: 2, status: 'paid' });
    clock.advance(60_000);
    const plan = await omni.reconcile({ dryRun: true });
    expect(plan.dryRun).toBe(true);
    const shopReport = plan.channels.find((c) => c.channelId === 'shop')!;
    expect('failure' in shopReport.orders).toBe(false);
    if (!('failure' in shopReport.orders)) {
      expect(shopReport.orders.download).toBeNull();
      expect(shopReport.orders.reconcile.missing).toBe(1);
    }
    expect(plan.problems.join('\n')).toContain('shop: 1 missing');
    expect('failure' in plan.inventory).toBe(false);
    if (!('failure' in plan.inventory)) expect(plan.inventory.totals.changes).toBeGreaterThan(0);
    expect(pos.sales()).toHaveLength(0);
    expect(channels.shop!.quantityOf({ listingId: '1' })).toBe(3);
  });

  it('runs scan, orders and inventory for every channel and ends consistent', async () => {
    const { omni, channels, pos, clock } = shop();
    clock.advance(60_000);
    channels.shop!.sell({ sku: 'A', quantity: 2, status: 'paid' });
    channels.mall!.sell({ sku: 'A', quantity: 1, status: 'paid' });
    clock.advance(60_000);
    const report = await omni.reconcile();
    expect(report.problems).toEqual([]);
    expect(pos.sales()).toHaveLength(2);
    // 10 on hand, 3 sold: both channels of SKU A show what is left, B is unchanged.
    expect(channels.shop!.quantityOf({ listingId: '1' })).toBe(7);
    expect(channels.mall!.quantityOf({ listingId: '7' })).toBe(7);
    const again = await omni.reconcile();
    expect(pos.sales()).toHaveLength(2);
    if (!('failure' in again.inventory)) expect(again.inventory.totals.pushed).toBe(0);
  });

  it('records a failing channel and goes on with the others', async () => {
    const { omni, channels, clock } = shop();
    clock.advance(60_000);
    vi.spyOn(channels.mall!, 'listListings').mockImplementation(() => {
      throw new Error('mall is down');
    });
    const report = await omni.reconcile();
    const mall = report.channels.find((c) => c.channelId === 'mall')!;
    expect('failure' in mall.scan && mall.scan.failure.message).toContain('mall is down');
    expect(report.problems.some((p) => p.startsWith('mall: scan failed'))).toBe(true);
    const shopScan = report.channels.find((c) => c.channelId === 'shop')!.scan;
    expect('failure' in shopScan).toBe(false);
  });
});

describe('omni.startAutoSync()', () => {
  it('downloads orders on its interval, never overlapping, and stops cleanly', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      const { omni, channels, pos } = shop();
      const sync = omni.startAutoSync({
        intervals: { ordersMs: 1_000, outboxMs: 1_000, inventoryMs: 60_000, scanMs: 60_000, reconcileMs: 600_000 },
        eventMode: false,
      });
      expect(() => omni.startAutoSync()).toThrow('already running');
      await vi.advanceTimersByTimeAsync(100);
      channels.shop!.sell({ sku: 'A', quantity: 1, status: 'paid' });
      await vi.advanceTimersByTimeAsync(2_500);
      expect(pos.sales()).toHaveLength(1);
      await sync.stop();
      channels.shop!.sell({ sku: 'A', quantity: 1, status: 'paid' });
      await vi.advanceTimersByTimeAsync(5_000);
      expect(pos.sales()).toHaveLength(1);
      expect(() => omni.startAutoSync({ eventMode: false }).stop()).not.toThrow();
    } finally {
      vi.useRealTimers();
    }
  });

  it('switches event mode on by date and by hand: shorter intervals and an extra buffer', async () => {
    const { omni } = shop();
    const sync = omni.startAutoSync({ eventMode: { dates: ['2026-11-11'], extraBuffer: 3 } });
    expect(sync.eventMode).toBe(true);
    expect((await omni.explainQuantity('shop', { sku: 'A' })).sentence).toBe('7 = 10 on hand - 0 reserved - 3 buffer');
    sync.setEventMode(false);
    expect(sync.eventMode).toBe(false);
    expect((await omni.explainQuantity('shop', { sku: 'A' })).quantity).toBe(10);
    sync.setEventMode('auto');
    expect(sync.eventMode).toBe(true);
    await sync.stop();
    expect((await omni.explainQuantity('shop', { sku: 'A' })).quantity).toBe(10);
    await omni.close();
  });
});

describe('omni.notice()', () => {
  it('lets a host raise a notice: emitted, and kept in the action log with its subject', async () => {
    const { omni } = shop();
    const seen: string[] = [];
    omni.on('notice', (n) => seen.push(n.kind));
    await omni.notice({
      kind: 'webhook-disabled',
      channelId: 'shop',
      message: 'Webhook 12 was disabled.',
      subject: { type: 'webhook', id: '12' },
    });
    expect(seen).toEqual(['webhook-disabled']);
    const logged = await omni.actions({ subjectType: 'webhook', subjectId: '12' });
    expect(logged.items[0]).toMatchObject({
      outcome: 'notice',
      channelId: 'shop',
      message: 'Webhook 12 was disabled.',
    });
  });
});
