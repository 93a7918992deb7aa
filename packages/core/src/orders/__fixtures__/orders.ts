import type { ChannelOrder } from '../../model/channel-order';
import type { PosItem } from '../../model/pos-item';

/** A channel order for unit tests; override what the test is about. */
export function fixtureOrder(overrides: Partial<ChannelOrder> = {}): ChannelOrder {
  return {
    channelId: 'shop',
    externalId: '1042',
    number: '#1042',
    rawStatus: 'processing',
    status: 'paid',
    createdAt: '2026-11-01T10:00:00.000Z',
    updatedAt: '2026-11-01T10:05:00.000Z',
    currency: 'IDR',
    customer: { phone: '+62811000', email: 'ana@example.com', addresses: [] },
    lines: [
      {
        lineId: 'l1',
        sku: 'TS-RED-M',
        listingId: '77',
        variantId: '1',
        title: 'T-shirt red M',
        quantity: 2,
        unitPrice: '100000',
        discount: '0',
        tax: '0',
        modifiers: [],
      },
    ],
    payment: { method: 'bacs', paid: true },
    delivery: { method: 'flat_rate', cost: null },
    totals: { subtotal: '200000', discount: '0', tax: '0', shipping: '0', total: '200000' },
    ...overrides,
  };
}

/** A POS item for unit tests. */
export function fixtureItem(id: string, sku: string | null, externalIds: Record<string, string> = {}): PosItem {
  return {
    id,
    sku,
    name: id,
    attributes: {},
    externalIds,
    modifiers: [],
    components: [],
    active: true,
    updatedAt: '2026-11-01T00:00:00.000Z',
  };
}
