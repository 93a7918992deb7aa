import { describe, expect, it } from 'vitest';
import { InvalidSettingsError } from '../errors/errors';
import { parseOrderImportRules, statusIn } from './import-rules';

describe('order import rules', () => {
  it('has the seed defaults when nothing is configured', () => {
    const rules = parseOrderImportRules('shop', undefined);
    expect(rules.statuses.import).toEqual(['unpaid', 'on_hold', 'paid', 'accepted', 'shipped', 'completed']);
    expect(rules.statuses.refused).toEqual(['cancelled', 'returned']);
    expect(rules.externalSaleNumber).toBe(true);
    expect(rules.saleDate).toBe('order');
    expect(rules.customers).toEqual({
      match: ['vatNumber', 'companyId', 'phone', 'email'],
      create: true,
      type: 'person',
    });
    expect(rules.payments).toEqual({ mapping: {}, default: null, unmapped: 'wait' });
    expect(rules.writeBack.enabled).toBe(false);
  });

  it('keeps defaults for the parts of a nested group left out', () => {
    const rules = parseOrderImportRules('shop', {
      statuses: { paid: ['processing'] },
      customers: { match: ['email'] },
    });
    expect(rules.statuses.paid).toEqual(['processing']);
    expect(rules.statuses.import).toContain('unpaid');
    expect(rules.customers.create).toBe(true);
  });

  it('names the channel and the bad path, not the value', () => {
    try {
      parseOrderImportRules('shop', { currency: { default: 'rupiah-secret' }, saleDate: 'tomorrow', nope: 1 });
      expect.unreachable();
    } catch (error) {
      expect(InvalidSettingsError.isInstance(error)).toBe(true);
      const message = (error as Error).message;
      expect(message).toContain('channels.shop.orders');
      expect(message).toContain('currency.default');
      expect(message).toContain('saleDate');
      expect(message).toContain('nope');
      expect(message).not.toContain('rupiah-secret');
    }
  });

  it('matches a status list on the canonical or the raw status', () => {
    const order = { status: 'paid', rawStatus: 'processing' };
    expect(statusIn(['processing'], order)).toBe(true);
    expect(statusIn(['paid'], order)).toBe(true);
    expect(statusIn(['completed'], order)).toBe(false);
  });
});
