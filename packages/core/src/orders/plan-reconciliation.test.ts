import { describe, expect, it } from 'vitest';
import type { LedgerEntry } from '../store/records';
import { fixtureOrder } from './__fixtures__/orders';
import { parseOrderImportRules } from './import-rules';
import { newestVersions, planReconciliation } from './plan-reconciliation';

const rules = parseOrderImportRules('shop', {});

function entry(
  externalId: string,
  state: string,
  data: Record<string, unknown>,
  channelUpdatedAt: string,
): LedgerEntry {
  return {
    tenantId: 't',
    channelId: 'shop',
    externalId,
    state,
    saleId: state === 'imported' ? `sale-${externalId}` : null,
    channelUpdatedAt,
    data,
    revision: 1,
    createdAt: channelUpdatedAt,
    updatedAt: channelUpdatedAt,
  };
}

describe('planReconciliation', () => {
  const t1 = '2026-11-01T10:00:00.000Z';
  const t2 = '2026-11-01T11:00:00.000Z';

  it('reports missing and stale orders with their reasons, and leaves the rest alone', () => {
    const orders = [
      fixtureOrder({ externalId: 'missing', updatedAt: t1 }),
      fixtureOrder({ externalId: 'stale', status: 'completed', rawStatus: 'completed', updatedAt: t2 }),
      fixtureOrder({ externalId: 'fresh', updatedAt: t1 }),
      fixtureOrder({ externalId: 'cancelled-never-imported', status: 'cancelled', rawStatus: 'cancelled' }),
      fixtureOrder({ externalId: 'waits', updatedAt: t1 }),
      fixtureOrder({ externalId: 'same-status-newer', updatedAt: t2 }),
    ];
    const ledger = new Map([
      ['stale', entry('stale', 'imported', { status: 'paid', applied: { sale: true, payment: true } }, t1)],
      ['fresh', entry('fresh', 'imported', { status: 'paid', applied: { sale: true, payment: true } }, t1)],
      ['waits', entry('waits', 'waiting', { problems: [{ kind: 'unknown-sku', message: 'no SKU X.' }] }, t1)],
      [
        'same-status-newer',
        entry('same-status-newer', 'imported', { status: 'paid', applied: { sale: true, payment: true } }, t1),
      ],
    ]);
    const plan = planReconciliation(orders, ledger, rules);
    expect(plan.map((s) => [s.externalId, s.kind])).toEqual([
      ['missing', 'import'],
      ['stale', 'update-status'],
      ['waits', 'import'],
    ]);
    expect(plan[1]!.reason).toContain('completed');
    expect(plan[1]!.ledgerStatus).toBe('paid');
    expect(plan[2]!.reason).toContain('no SKU X.');
  });

  it('keeps the newest version of an order listed twice', () => {
    const old = fixtureOrder({ updatedAt: t1, status: 'unpaid' });
    const newer = fixtureOrder({ updatedAt: t2, status: 'paid' });
    expect(newestVersions([newer, old])).toEqual([newer]);
    expect(newestVersions([old, newer])).toEqual([newer]);
  });
});
