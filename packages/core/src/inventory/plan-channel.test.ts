import { describe, expect, it } from 'vitest';
import { buildItemIndex, matchListing } from '../matching/item-index';
import type { PosItem } from '../model/pos-item';
import type { StockLevel } from '../model/stock';
import type { SnapshotListing } from '../store/records';
import { computeQuantity } from './compute-quantity';
import { isPushEcho, knownQuantity } from './known-quantity';
import { type PlanChannelInput, planChannel } from './plan-channel';
import { QuantityRules } from './quantity-rules';

const item = (id: string, sku: string): PosItem => ({
  id,
  sku,
  name: id,
  attributes: {},
  externalIds: {},
  modifiers: [],
  components: [],
  active: true,
  updatedAt: '2026-11-01T00:00:00Z',
});

const listing = (key: string, sku: string | null, over: Partial<SnapshotListing> = {}): SnapshotListing => ({
  tenantId: 't',
  channelId: 'shop',
  key,
  listingId: key,
  variantId: null,
  sku,
  title: key,
  status: 'live',
  quantity: 5,
  attributes: {},
  updatedAt: '2026-11-10T00:00:00.000Z',
  seenInScan: 's1',
  seenAt: '2026-11-10T00:00:00.000Z',
  pushedQuantity: null,
  pushedAt: null,
  ...over,
});

const index = buildItemIndex([item('a', 'A'), item('b', 'B'), item('d1', 'DUP'), item('d2', 'DUP')]);
const stock = new Map<string, StockLevel[]>([
  ['a', [{ itemId: 'a', warehouseId: 'main', onHand: 7, reserved: 0 }]],
  ['b', [{ itemId: 'b', warehouseId: 'main', onHand: 0, reserved: 0 }]],
]);

function input(listings: SnapshotListing[], over: Partial<PlanChannelInput> = {}): PlanChannelInput {
  const rules = over.rules ?? QuantityRules.parse({});
  return {
    channelId: 'shop',
    listings,
    match: (l) => matchListing(index, 'shop', l),
    quantityOf: (i) => computeQuantity(i, stock, rules, null),
    rules,
    capabilities: { compareAndSetStock: false, deactivateListing: true },
    deactivatedByUs: new Set(),
    ...over,
  };
}

describe('planChannel', () => {
  it('gives every listing of a multiple-listed SKU the same quantity', () => {
    const plan = planChannel(input([listing('1', 'A'), listing('2', 'A '), listing('3', 'A', { quantity: 7 })]));
    expect(plan.changes.map((c) => [c.listingKey, c.from, c.to])).toEqual([
      ['1', 5, 7],
      ['2', 5, 7],
    ]);
    expect(plan.unchanged).toBe(1);
    expect(plan.changes[0]?.reason).toBe('the channel holds 5 (last scan); POS gives 7 = 7 on hand - 0 reserved');
  });

  it('reports unmatched and conflicting SKUs instead of pushing to them', () => {
    const plan = planChannel(input([listing('1', null), listing('2', 'NOPE'), listing('3', 'DUP')]));
    expect(plan.changes).toEqual([]);
    expect(plan.skipped.map((s) => [s.listingKey, s.reason])).toEqual([
      ['1', 'empty-sku'],
      ['2', 'unknown-sku'],
      ['3', 'sku-conflict'],
    ]);
    expect(plan.skipped[2]?.itemIds).toEqual(['d1', 'd2']);
  });

  it('ignores archived and deleted listings', () => {
    const plan = planChannel(
      input([listing('1', 'A', { status: 'deleted' }), listing('2', 'A', { status: 'archived' })]),
    );
    expect(plan).toMatchObject({ changes: [], unchanged: 0, skipped: [] });
  });

  it('compares with our last push when it is newer than the scan', () => {
    const pushed = listing('1', 'A', { quantity: 3, pushedQuantity: 7, pushedAt: '2026-11-10T01:00:00.000Z' });
    expect(planChannel(input([pushed])).unchanged).toBe(1);
  });

  it('takes a report of the quantity we pushed for our echo, and another quantity for a channel edit', () => {
    const after = { seenAt: '2026-11-10T02:00:00.000Z', pushedAt: '2026-11-10T01:00:00.000Z' };
    const echo = listing('1', 'A', { quantity: 7, pushedQuantity: 7, ...after });
    expect(knownQuantity(echo)).toEqual({
      quantity: 7,
      source: 'scan',
      echo: true,
      channelEdit: false,
      at: '2026-11-10T02:00:00.000Z',
    });
    expect(isPushEcho(echo, 7)).toBe(true);
    expect(planChannel(input([echo])).unchanged).toBe(1);
    const edited = listing('1', 'A', { quantity: 9, pushedQuantity: 7, ...after });
    const plan = planChannel(input([edited]));
    expect(plan.changes[0]).toMatchObject({ from: 9, to: 7 });
    expect(plan.changes[0]?.reason).toContain('changed on the channel since our last push');
  });

  it('deactivates a live listing at zero and reactivates only what it deactivated', () => {
    const rules = QuantityRules.parse({ deactivateAtZero: true });
    const zero = planChannel(input([listing('1', 'B', { quantity: 0 })], { rules }));
    expect(zero.changes[0]).toMatchObject({ to: 0, active: false });
    const notOurs = planChannel(input([listing('1', 'A', { status: 'inactive', quantity: 7 })], { rules }));
    expect(notOurs.unchanged).toBe(1);
    const ours = planChannel(input([listing('1', 'A', { quantity: 0 })], { rules, deactivatedByUs: new Set(['1']) }));
    expect(ours.changes[0]).toMatchObject({ to: 7, active: true });
    const noCapability = planChannel(
      input([listing('1', 'B', { quantity: 0 })], {
        rules,
        capabilities: { compareAndSetStock: false, deactivateListing: false },
      }),
    );
    expect(noCapability.unchanged).toBe(1);
  });

  it('sends the known quantity as the compare-and-set guard where the channel supports it', () => {
    const plan = planChannel(
      input([listing('1', 'A')], { capabilities: { compareAndSetStock: true, deactivateListing: false } }),
    );
    expect(plan.changes[0]).toMatchObject({ from: 5, to: 7, expectedQuantity: 5 });
  });
});
