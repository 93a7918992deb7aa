import { describe, expect, it } from 'vitest';
import { parsePayload } from '../connector/parse-payload';
import { ChannelPayloadError } from '../errors/errors';
import { ChannelOrder } from './channel-order';
import { Customer } from './customer';
import { Listing } from './listing';
import { fromMinorUnits, Money, toMinorUnits } from './money';
import { PosItem } from './pos-item';
import { StockLevel, StockUpdate } from './stock';

const order = {
  channelId: 'woo',
  externalId: '727',
  number: '727',
  rawStatus: 'processing',
  status: 'paid',
  createdAt: '2026-11-11T00:01:02Z',
  updatedAt: '2026-11-11T00:05:00Z',
  currency: 'IDR',
  customer: {
    name: 'Siti',
    phone: '+6281234',
    email: 'siti@example.com',
    addresses: [{ city: 'Bandung', kind: 'shipping' }],
  },
  lines: [
    {
      lineId: '315',
      sku: 'TS-RED-M',
      listingId: '93',
      variantId: '94',
      title: 'T-shirt',
      quantity: 2,
      unitPrice: '75000.00',
    },
  ],
  payment: { method: 'bacs', paid: true },
  delivery: { method: 'flat_rate', cost: { amount: '10000.00', currency: 'IDR' } },
  totals: { subtotal: '150000.00', shipping: '10000.00', total: '160000.00' },
};

const cases = [
  {
    name: 'ChannelOrder',
    schema: ChannelOrder,
    good: order,
    bad: { ...order, lines: [{ ...order.lines[0], quantity: 'two' }] },
    badPath: 'lines.0.quantity',
  },
  {
    name: 'Listing',
    schema: Listing,
    good: {
      channelId: 'woo',
      listingId: '93',
      variantId: '94',
      sku: 'TS-RED-M',
      title: 'T-shirt',
      status: 'live',
      quantity: 4,
      price: { amount: '75000.00', currency: 'IDR' },
      updatedAt: '2026-11-11T00:00:00Z',
    },
    bad: {
      channelId: 'woo',
      listingId: '93',
      sku: 'A',
      title: 'T',
      status: 'published',
      quantity: 1,
      updatedAt: '2026-11-11T00:00:00Z',
    },
    badPath: 'status',
  },
  {
    name: 'PosItem',
    schema: PosItem,
    good: {
      id: 'i1',
      sku: 'TS-RED-M',
      name: 'T-shirt red M',
      attributes: { colour: 'red', size: 'M' },
      externalIds: { poster: '15' },
      modifiers: [{ id: 'm1', name: 'Gift wrap', externalIds: { poster: '3' } }],
      updatedAt: '2026-11-01T10:00:00+07:00',
    },
    bad: { id: 'i1', sku: 'X', name: 'X', updatedAt: 'yesterday' },
    badPath: 'updatedAt',
  },
  {
    name: 'Money',
    schema: Money,
    good: { amount: '12.50', currency: 'USD' },
    bad: { amount: 12.5, currency: 'USD' },
    badPath: 'amount',
  },
  {
    name: 'StockLevel',
    schema: StockLevel,
    good: { itemId: 'i1', warehouseId: 'main', onHand: 12, reserved: 2 },
    bad: { itemId: 'i1', warehouseId: 'main', onHand: 1.5 },
    badPath: 'onHand',
  },
  {
    name: 'StockUpdate',
    schema: StockUpdate,
    good: { listingId: '93', variantId: '94', quantity: 7 },
    bad: { listingId: '93', quantity: -1 },
    badPath: 'quantity',
  },
  {
    name: 'Customer',
    schema: Customer,
    good: { name: 'PT Maju', vatNumber: '01.234', companyId: 'C-9', type: 'company' },
    bad: { name: 'x', type: 'alien' },
    badPath: 'type',
  },
];

describe.each(cases)('$name schema', ({ name, schema, good, bad, badPath }) => {
  it('accepts a realistic payload', () => {
    expect(schema.safeParse(good).success).toBe(true);
  });

  it('rejects a malformed payload with an error naming the field', () => {
    const parse = () => parsePayload('test', name, schema, bad);
    expect(parse).toThrow(ChannelPayloadError);
    try {
      parse();
    } catch (error) {
      expect(ChannelPayloadError.isInstance(error)).toBe(true);
      const e = error as ChannelPayloadError;
      expect(e.issues.map((i) => i.path)).toContain(badPath);
      expect(e.message).toContain(badPath);
    }
  });
});

describe('money', () => {
  it('converts to and from minor units without floats', () => {
    expect(toMinorUnits('0.10')).toBe(10n);
    expect(toMinorUnits({ amount: '-12.5', currency: 'USD' })).toBe(-1250n);
    expect(toMinorUnits('75000', 0)).toBe(75000n);
    expect(fromMinorUnits(1999n)).toBe('19.99');
    expect(fromMinorUnits(-5)).toBe('-0.05');
  });
});
