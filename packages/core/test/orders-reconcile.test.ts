import { describe, expect, it } from 'vitest';
import { checkConsistency, ordersWorld } from './orders-fixtures';

const MINUTE = 60_000;
const DAY_START = '2026-11-01T00:00:00.000Z';

/**
 * A busy channel server writes some orders late, with update times older than
 * the cursor's overlap: a download misses them. Reconciliation must not.
 */
function busyDay() {
  const w = ordersWorld();
  const early = w.channel.sell({ sku: 'MUG-01', status: 'paid' });
  w.clock.advance(60 * MINUTE);
  const lateFor = w.clock.ms();
  w.channel.sell({ sku: 'MUG-01', status: 'paid' });
  return { w, early, lateFor };
}

async function writeLate(w: ReturnType<typeof ordersWorld>, at: number, act: () => void) {
  const now = w.clock.ms();
  w.clock.advance(at - now);
  act();
  w.clock.advance(now - at);
}

describe('reconcileOrders', () => {
  it('reports missing orders and stale statuses with their reasons, and a dry run changes nothing', async () => {
    const { w, early } = busyDay();
    await w.omni.downloadOrders('shop');
    // Written late, dated 30 minutes before the newest order: behind the cursor and its 10-minute overlap.
    let missing = '';
    await writeLate(w, w.clock.ms() - 30 * MINUTE, () => {
      missing = w.channel.sell({ sku: 'TS-RED-M', status: 'paid' }).externalId;
      w.channel.complete(early.externalId);
    });
    w.channel.webhooks.drain(); // and their webhooks were lost
    await w.omni.downloadOrders('shop');
    expect(checkConsistency(w.channel, w.pos).length).toBe(2);

    const salesBefore = w.pos.sales().length;
    const plan = await w.omni.reconcileOrders('shop', { from: DAY_START, dryRun: true });
    expect(plan).toMatchObject({ dryRun: true, checked: 3, missing: 1, stale: 1, repaired: 0 });
    expect(plan.steps).toMatchObject([
      {
        externalId: early.externalId,
        kind: 'update-status',
        channelStatus: 'completed',
        ledgerStatus: 'paid',
        outcome: null,
      },
      { externalId: missing, kind: 'import', channelStatus: 'paid', ledgerStatus: null, outcome: null },
    ]);
    expect(plan.steps[0]?.reason).toMatch(/Stale status: the channel says COMPLETED/);
    expect(plan.steps[1]?.reason).toMatch(/Not in the ledger/);
    expect(w.pos.sales()).toHaveLength(salesBefore);
    expect(w.pos.sales().find((s) => s.order.externalId === early.externalId)?.status).toBe('paid');

    const repaired = await w.omni.reconcileOrders('shop', { from: DAY_START });
    expect(repaired).toMatchObject({ dryRun: false, missing: 1, stale: 1, repaired: 2 });
    expect(repaired.steps.map((s) => s.outcome)).toEqual(['updated', 'imported']);
    expect(checkConsistency(w.channel, w.pos)).toEqual([]);

    // Once repaired, there is nothing left to do.
    expect(await w.omni.reconcileOrders('shop', { from: DAY_START })).toMatchObject({ steps: [], repaired: 0 });
    const history = await w.omni.orderHistory('shop', missing);
    expect(history.actions.map((a) => a.action)).toContain('reconcile:import');
  });

  it('lists a waiting order with why it waits, and repairs it once the POS has the item', async () => {
    const w = ordersWorld();
    w.channel.addListing({ sku: 'NEW-1', quantity: 5 });
    const order = w.channel.sell({ sku: 'NEW-1', status: 'paid' });
    await w.omni.downloadOrders('shop');
    const plan = await w.omni.reconcileOrders('shop', { from: DAY_START, dryRun: true });
    expect(plan.steps).toMatchObject([{ externalId: order.externalId, kind: 'import', ledgerState: 'waiting' }]);
    expect(plan.steps[0]?.reason).toContain('NEW-1');
    w.pos.addItem({ sku: 'NEW-1', quantity: 5 });
    expect(await w.omni.reconcileOrders('shop', { from: DAY_START })).toMatchObject({ repaired: 1 });
    expect(w.pos.sales()).toHaveLength(1);
  });

  it('only looks at the window it is given', async () => {
    const w = ordersWorld();
    w.channel.sell({ sku: 'MUG-01', status: 'paid' });
    w.clock.advance(120 * MINUTE);
    const inside = w.channel.sell({ sku: 'MUG-01', status: 'paid' });
    const report = await w.omni.reconcileOrders('shop', { from: new Date(w.clock.ms() - MINUTE).toISOString() });
    expect(report.checked).toBe(1);
    expect(w.pos.sales().map((s) => s.order.externalId)).toEqual([inside.externalId]);
  });

  it('rejects a window that is not a date', async () => {
    const w = ordersWorld();
    await expect(w.omni.reconcileOrders('shop', { from: 'yesterday' })).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
    });
  });
});
