import type { ChannelOrder } from '@omnisync/core';
import { describe, expect, it } from 'vitest';
import { createMockPos } from './mock-pos';

function order(lines: { lineId: string; quantity: number }[], overrides: Partial<ChannelOrder> = {}): ChannelOrder {
  return {
    channelId: 'shop',
    externalId: 'o1',
    number: 'o1',
    rawStatus: 'paid',
    status: 'paid',
    createdAt: '2026-11-11T00:00:00Z',
    updatedAt: '2026-11-11T00:00:00Z',
    currency: 'IDR',
    customer: null,
    lines: lines.map((l) => ({
      lineId: l.lineId,
      sku: null,
      title: l.lineId,
      quantity: l.quantity,
      unitPrice: '10.00',
      discount: '0',
      tax: '0',
      modifiers: [],
    })),
    payment: { method: null, paid: true },
    delivery: { method: null, cost: null },
    totals: { subtotal: '10.00', discount: '0', tax: '0', shipping: '0', total: '10.00' },
    ...overrides,
  };
}

const base = () =>
  createMockPos({
    warehouses: ['main', 'back'],
    items: [
      { id: 'shirt-m', sku: 'TS-M', quantity: 10, modifiers: [{ id: 'wrap', name: 'Gift wrap', externalIds: {} }] },
      { id: 'cap', sku: 'CAP', quantity: 4 },
      {
        id: 'kit',
        sku: 'KIT',
        components: [
          { itemId: 'shirt-m', quantity: 1 },
          { itemId: 'cap', quantity: 2 },
        ],
      },
    ],
    stock: [{ sku: 'CAP', warehouseId: 'back', onHand: 3 }],
  });

describe('createMockPos', () => {
  it('lists items with variants, modifiers and bundle components, and reads stock per warehouse', async () => {
    const pos = base();
    const pages = [];
    for await (const page of pos.listItems()) pages.push(...page.items);
    expect(pages.map((i) => i.sku)).toEqual(['TS-M', 'CAP', 'KIT']);
    expect(pages[0]?.modifiers[0]?.name).toBe('Gift wrap');
    expect(pages[2]?.components).toHaveLength(2);
    const levels = await pos.getStock({ itemIds: ['cap'] });
    expect(levels).toEqual([
      { itemId: 'cap', warehouseId: 'main', onHand: 4, reserved: 0 },
      { itemId: 'cap', warehouseId: 'back', onHand: 3, reserved: 0 },
    ]);
    expect(await pos.getStock({ itemIds: ['nope'] })).toEqual([]);
  });

  it('creates one sale per idempotency key, taking stock once (bundles by component)', async () => {
    const pos = base();
    const changes: string[] = [];
    pos.events.on('stock:changed', (e) => changes.push(`${e.itemId}:${e.onHand}`));
    const args = { idempotencyKey: 'shop:o1', itemIds: { a: 'kit' }, currency: 'IDR' };
    const first = await pos.createSale(order([{ lineId: 'a', quantity: 2 }]), args);
    const again = await pos.createSale(order([{ lineId: 'a', quantity: 2 }]), args);
    expect(again).toEqual(first);
    expect(pos.sales()).toHaveLength(1);
    expect(pos.stockOf('shirt-m').onHand).toBe(8);
    expect(pos.stockOf('CAP').onHand).toBe(0);
    expect(changes).toEqual(['shirt-m:8', 'cap:0']);
  });

  it('refuses a sale whose lines have no known item, naming the lines, and writes nothing', async () => {
    const pos = base();
    const sale = pos.createSale(order([{ lineId: 'x', quantity: 1 }]), {
      idempotencyKey: 'k',
      itemIds: { x: 'ghost' },
      currency: 'IDR',
    });
    await expect(sale).rejects.toThrow(/without a known POS item: x/);
    expect(pos.sales()).toEqual([]);
  });

  it('reserves stock for a reserved sale and takes it off hand on completion', async () => {
    const pos = base();
    const sale = await pos.createSale(order([{ lineId: 'a', quantity: 3 }]), {
      idempotencyKey: 'k1',
      itemIds: { a: 'shirt-m' },
      currency: 'IDR',
      reserve: true,
    });
    expect(pos.stockOf('shirt-m')).toMatchObject({ onHand: 10, reserved: 3 });
    expect(pos.availableOf('shirt-m', ['main'])).toBe(7);
    await pos.updateSaleStatus?.(sale.id, 'completed');
    expect(pos.stockOf('shirt-m')).toMatchObject({ onHand: 7, reserved: 0 });
  });

  it('cancels (stock back) and reverses (stock back) with the lifecycle rules', async () => {
    const pos = base();
    const make = (key: string) =>
      pos.createSale(order([{ lineId: 'a', quantity: 1 }]), {
        idempotencyKey: key,
        itemIds: { a: 'cap' },
        currency: 'IDR',
      });
    const s1 = await make('k1');
    expect((await pos.cancelSale?.(s1.id))?.status).toBe('cancelled');
    expect(pos.stockOf('cap').onHand).toBe(4);
    const s2 = await make('k2');
    await pos.updateSaleStatus?.(s2.id, 'completed');
    await expect(pos.cancelSale?.(s2.id)).rejects.toThrow(/cannot be cancelled; reverse it/);
    expect((await pos.reverseSale?.(s2.id))?.status).toBe('reversed');
    expect(pos.stockOf('cap').onHand).toBe(4);
  });

  it('records payments once per key, issues documents once per kind, and reports status changes', async () => {
    const pos = base();
    const statuses: string[] = [];
    pos.events.on('sale:status', (e) => statuses.push(`${e.from}->${e.to}`));
    const sale = await pos.createSale(order([{ lineId: 'a', quantity: 1 }]), {
      idempotencyKey: 'k',
      itemIds: { a: 'cap' },
      currency: 'IDR',
    });
    const pay = { amount: '10.00', currency: 'IDR', idempotencyKey: 'p1' };
    await pos.recordPayment?.(sale.id, pay);
    await pos.recordPayment?.(sale.id, pay);
    expect(pos.payments()).toHaveLength(1);
    expect(await pos.getSale?.({ idempotencyKey: 'k' })).toMatchObject({ status: 'paid', paid: true });
    const d1 = await pos.issueFinancialDocument?.(sale.id);
    const d2 = await pos.issueFinancialDocument?.(sale.id);
    expect(d1).toEqual(d2);
    expect(statuses).toEqual(['null->open', 'open->paid']);
    const [delivery] = pos.drainWebhooks();
    expect(await pos.parseWebhook?.(delivery as never)).toEqual([
      { type: 'sale.status', saleId: sale.id, status: 'paid', deliveryId: 'pos-wh-1' },
    ]);
  });

  it('finds customers by phone, email, VAT number and company id, normalised', async () => {
    const pos = createMockPos({
      customers: [
        { name: 'Siti', phone: '+62 812-3456', email: 'Siti@Example.com' },
        { name: 'PT Maju', vatNumber: '01.234.567', companyId: 'c-9' },
      ],
    });
    expect((await pos.findCustomer?.({ phone: '0812 3456' }))?.name).toBe('Siti');
    expect((await pos.findCustomer?.({ email: 'siti@example.COM' }))?.name).toBe('Siti');
    expect((await pos.findCustomer?.({ vatNumber: '01234567' }))?.name).toBe('PT Maju');
    expect((await pos.findCustomer?.({ companyId: 'C-9' }))?.name).toBe('PT Maju');
    expect(await pos.findCustomer?.({ email: 'nobody@example.com' })).toBeNull();
    const made = await pos.createCustomer?.({ name: 'New', email: 'n@example.com', addresses: [] });
    expect(made?.id).toBeTruthy();
    expect(pos.customers()).toHaveLength(3);
  });

  it('refuses currencies it does not accept, and reports them', async () => {
    const pos = createMockPos({ currencies: ['IDR'], items: [{ id: 'a', sku: 'A', quantity: 1 }] });
    expect(await pos.allowedCurrencies?.()).toEqual(['IDR']);
    await expect(
      pos.createSale(order([{ lineId: 'l', quantity: 1 }], { currency: 'USD' }), {
        idempotencyKey: 'k',
        itemIds: { l: 'a' },
        currency: 'USD',
      }),
    ).rejects.toThrow(/currency USD is not accepted/);
  });

  it('reserves and releases by key; capabilities switched off remove their methods', async () => {
    const pos = base();
    await pos.reserveStock?.({ key: 'r1', lines: [{ itemId: 'cap', quantity: 2 }] });
    await pos.reserveStock?.({ key: 'r1', lines: [{ itemId: 'cap', quantity: 2 }] });
    expect(pos.stockOf('cap').reserved).toBe(2);
    await pos.releaseStock?.({ key: 'r1' });
    expect(pos.stockOf('cap').reserved).toBe(0);
    const limited = createMockPos({ capabilities: { reservations: false, customers: false } });
    expect(limited.reserveStock).toBeUndefined();
    expect(limited.findCustomer).toBeUndefined();
    expect(limited.capabilities.reservations).toBe(false);
    expect(typeof limited.createItem).toBe('function');
  });

  it('adjustStock and setStock emit changes a host can forward', () => {
    const pos = base();
    const seen: unknown[] = [];
    pos.events.on('stock:changed', (e) => seen.push(e));
    pos.adjustStock({ sku: 'TS-M' }, -3);
    pos.setStock('cap', 1, 'back');
    expect(seen).toEqual([
      { itemId: 'shirt-m', sku: 'TS-M', warehouseId: 'main', onHand: 7, reserved: 0, reason: 'adjust' },
      { itemId: 'cap', sku: 'CAP', warehouseId: 'back', onHand: 1, reserved: 0, reason: 'set' },
    ]);
  });
});
