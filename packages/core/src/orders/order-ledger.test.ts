import { describe, expect, it } from 'vitest';
import type { LedgerEntry } from '../store/records';
import { claimedByOther, freshLedgerData, isNewer } from './order-ledger';

const entry = (channelUpdatedAt: string | null, status: string | null): LedgerEntry => ({
  tenantId: 't',
  channelId: 'shop',
  externalId: '1',
  state: 'imported',
  saleId: 'S1',
  channelUpdatedAt,
  data: { status },
  revision: 1,
  createdAt: '2026-11-01T00:00:00Z',
  updatedAt: '2026-11-01T00:00:00Z',
});
const t = '2026-11-01T10:00:00.000Z';

describe('isNewer', () => {
  it('orders versions by the channel updated time', () => {
    expect(isNewer({ updatedAt: '2026-11-01T10:00:01.000Z', status: 'paid' }, entry(t, 'completed'))).toBe(true);
    expect(isNewer({ updatedAt: '2026-11-01T09:59:59.000Z', status: 'completed' }, entry(t, 'paid'))).toBe(false);
    expect(isNewer({ updatedAt: t, status: 'paid' }, entry(null, null))).toBe(true);
  });

  it('with equal times, takes only a status further along (one-second channel clocks)', () => {
    expect(isNewer({ updatedAt: '2026-11-01T10:00:00+00:00', status: 'completed' }, entry(t, 'paid'))).toBe(true);
    expect(isNewer({ updatedAt: t, status: 'paid' }, entry(t, 'paid'))).toBe(false);
    expect(isNewer({ updatedAt: t, status: 'unpaid' }, entry(t, 'paid'))).toBe(false);
  });
});

describe('claimedByOther', () => {
  it('respects a live claim of another worker only', () => {
    const data = { ...freshLedgerData(), claim: { owner: 'w2', until: 1000 } };
    expect(claimedByOther(data, 'w1', 999)).toBe(true);
    expect(claimedByOther(data, 'w1', 1000)).toBe(false);
    expect(claimedByOther(data, 'w2', 999)).toBe(false);
  });
});
