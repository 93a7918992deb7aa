import { describe, expect, it } from 'vitest';
import { buildItemIndex } from '../matching/item-index';
import { fixtureItem, fixtureOrder } from './__fixtures__/orders';
import { type OrderImportRulesInput, parseOrderImportRules } from './import-rules';
import { resolveSale } from './resolve-sale';

const index = buildItemIndex(
  [
    fixtureItem('pos-1', 'TS-RED-M'),
    fixtureItem('pos-2', 'DUP'),
    fixtureItem('pos-3', 'DUP'),
    fixtureItem('pos-4', 'X'),
  ],
  [{ tenantId: 't', targetId: 'shop', itemId: 'pos-4', modifierId: null, externalId: '99:5' }],
);
const now = new Date('2026-11-02T08:00:00.000Z');
const mapped: OrderImportRulesInput = { payments: { mapping: { bacs: 'BANK' } }, delivery: { default: 'COURIER' } };

function resolve(order = fixtureOrder(), rules: OrderImportRulesInput = mapped, allowed: string[] | null = null) {
  return resolveSale(order, {
    channelId: 'shop',
    rules: parseOrderImportRules('shop', rules),
    index,
    allowedCurrencies: allowed,
    now,
  });
}

describe('resolveSale', () => {
  it('builds the sale from the rules', () => {
    const r = resolve(fixtureOrder(), {
      ...mapped,
      saleType: 'web',
      merchantId: 'u7',
      taxRate: '11',
      warehouseId: 'w1',
    });
    expect(r).toEqual({
      ok: true,
      sale: {
        itemIds: { l1: 'pos-1' },
        currency: 'IDR',
        paymentMethod: 'BANK',
        deliveryMethod: 'COURIER',
        saleNumber: '#1042',
        saleDate: '2026-11-01T10:00:00.000Z',
        taxRate: '11',
        saleType: 'web',
        merchantId: 'u7',
        reserve: true,
        warehouseId: 'w1',
      },
    });
  });

  it('dates the sale at sync time and drops the external number when asked', () => {
    const r = resolve(fixtureOrder(), { ...mapped, saleDate: 'sync', externalSaleNumber: false });
    expect(r.ok && r.sale.saleDate).toBe(now.toISOString());
    expect(r.ok && r.sale.saleNumber).toBeNull();
  });

  it('lets an explicit listing mapping win over the SKU', () => {
    const line = { ...fixtureOrder().lines[0]!, listingId: '99', variantId: '5', sku: 'DUP' };
    const r = resolve(fixtureOrder({ lines: [line] }));
    expect(r.ok && r.sale.itemIds).toEqual({ l1: 'pos-4' });
  });

  it('reports every problem at once: unknown SKU, conflict, no SKU, unmapped methods', () => {
    const base = fixtureOrder().lines[0]!;
    const order = fixtureOrder({
      lines: [
        { ...base, lineId: 'a', sku: 'NOPE', listingId: null },
        { ...base, lineId: 'b', sku: 'DUP', listingId: null },
        { ...base, lineId: 'c', sku: '  ', listingId: null },
      ],
      payment: { method: 'stripe', paid: true },
      delivery: { method: 'pickup', cost: null },
    });
    const r = resolve(order, {});
    expect(r.ok).toBe(false);
    expect(!r.ok && r.problems.map((p) => [p.kind, p.lineId ?? p.value])).toEqual([
      ['unknown-sku', 'a'],
      ['sku-conflict', 'b'],
      ['empty-sku', 'c'],
      ['unmapped-payment-method', 'stripe'],
      ['unmapped-delivery-method', 'pickup'],
    ]);
  });

  it('uses the default method for an unmapped one, or passes it through when asked', () => {
    const order = fixtureOrder({ payment: { method: 'stripe', paid: true } });
    expect(resolve(order, { ...mapped, payments: { default: 'CARD' } }).ok && true).toBe(true);
    const r = resolve(order, { ...mapped, payments: { unmapped: 'pass-through' } });
    expect(r.ok && r.sale.paymentMethod).toBe('stripe');
  });

  it('takes the default currency when the channel sends none, and checks it against the POS', () => {
    const order = fixtureOrder({ currency: null });
    expect(!resolve(order).ok && (resolve(order) as { problems: { kind: string }[] }).problems[0]!.kind).toBe(
      'no-currency',
    );
    const withDefault = { ...mapped, currency: { default: 'EUR' } };
    expect(resolve(order, withDefault, ['EUR', 'IDR'])).toMatchObject({ ok: true, sale: { currency: 'EUR' } });
    expect(resolve(order, withDefault, ['IDR'])).toMatchObject({
      ok: false,
      problems: [{ kind: 'currency-not-allowed', value: 'EUR' }],
    });
  });
});
