import {
  type ChannelOrder,
  OmnisyncError,
  type PosConnectorV1,
  posCapabilityMethods,
  requirePosCapability,
  UnsupportedCapabilityError,
} from '@omnisync/core';
import { afterEach, describe, expect, it } from 'vitest';

/** An item to put in the POS before a test. */
export interface SeedPosItem {
  sku: string;
  name: string;
  price: string;
  onHand: number;
  modifiers?: { name: string; price: string }[];
}

/** What a POS conformance run needs: a connector over a backend the test controls and reads directly. */
export interface PosHarness {
  connector: PosConnectorV1;
  /** The sales (or exported orders) the backend holds, read directly. */
  readSales(): Promise<{ id: string; status?: string | null }[]>;
  /** Every secret in the connector's settings: none may appear in an error. */
  secrets: string[];
  close?(): Promise<void> | void;
}

/** How the suite makes a harness with the given backend contents. */
export interface PosConnectorSuiteOptions {
  setup(seed: { items: SeedPosItem[]; currency: string }): Promise<PosHarness> | PosHarness;
}

const ITEMS: SeedPosItem[] = [
  { sku: 'POS-1', name: 'Latte', price: '35000.00', onHand: 12, modifiers: [{ name: 'Oat milk', price: '5000.00' }] },
  { sku: 'POS-2', name: 'Croissant', price: '25000.00', onHand: 4 },
  { sku: 'POS-3', name: 'Espresso', price: '20000.00', onHand: 0 },
];

async function collect<T>(pages: AsyncIterable<{ items: T[] }>): Promise<T[]> {
  const out: T[] = [];
  for await (const page of pages) out.push(...page.items);
  return out;
}

function orderFor(
  items: { lineId: string; sku: string; price: string; externalProductId?: string | null }[],
  externalId = 'conf-1',
): ChannelOrder {
  return {
    channelId: 'conformance',
    externalId,
    number: externalId,
    rawStatus: 'accepted',
    status: 'accepted',
    createdAt: '2026-11-11T10:00:00.000Z',
    updatedAt: '2026-11-11T10:00:00.000Z',
    currency: 'IDR',
    customer: { name: 'Dewi', phone: '+628111', email: 'dewi@example.com', addresses: [] },
    lines: items.map((i) => ({
      lineId: i.lineId,
      sku: i.sku,
      externalProductId: i.externalProductId ?? null,
      title: i.sku,
      quantity: 1,
      unitPrice: i.price,
      discount: '0',
      tax: '0',
      modifiers: [],
    })),
    payment: { method: 'cash', paid: true },
    delivery: { method: 'pickup', cost: null },
    totals: { subtotal: '60000.00', discount: '0', tax: '0', shipping: '0', total: '60000.00' },
  };
}

/**
 * The conformance suite every POS connector runs against its test backend:
 * items and stock read back, sales created at most once per idempotency
 * key, capabilities matching methods, customers and payments where declared,
 * and no secret in any error.
 */
export function describePosConnector(name: string, options: PosConnectorSuiteOptions): void {
  describe(`PosConnectorV1 conformance: ${name}`, () => {
    let harness: PosHarness | undefined;
    const setup = async () => {
      harness = await options.setup({ items: ITEMS, currency: 'IDR' });
      return harness;
    };
    afterEach(async () => {
      await harness?.close?.();
      harness = undefined;
    });

    it('declares specification v1 and exactly the capabilities whose methods it has', async () => {
      const { connector } = await setup();
      expect(connector.specificationVersion).toBe('v1');
      for (const [capability, methods] of Object.entries(posCapabilityMethods)) {
        const declared = connector.capabilities[capability as keyof typeof connector.capabilities];
        const present = methods!.every((m) => typeof connector[m] === 'function');
        expect({ capability, declared }).toEqual({ capability, declared: present });
        if (!declared)
          expect(() => requirePosCapability(connector, capability as never)).toThrow(UnsupportedCapabilityError);
      }
    });

    it('lists the seeded items with their SKUs, and their stock', async () => {
      const { connector } = await setup();
      const items = await collect(connector.listItems());
      for (const seeded of ITEMS) expect(items.map((i) => i.sku)).toContain(seeded.sku);
      const latte = items.find((i) => i.sku === 'POS-1')!;
      const stock = await connector.getStock({ itemIds: [latte.id] });
      expect(stock.reduce((s, l) => s + l.onHand, 0)).toBe(12);
    });

    it('creates a sale at most once per idempotency key', async () => {
      const h = await setup();
      const items = await collect(h.connector.listItems());
      const bySku = new Map(items.map((i) => [i.sku, i]));
      const lines = ['POS-1', 'POS-2'].map((sku, n) => ({
        lineId: `l${n}`,
        sku,
        price: ITEMS.find((i) => i.sku === sku)!.price,
        externalProductId: bySku.get(sku)!.id,
      }));
      const order = orderFor(lines);
      const itemIds = Object.fromEntries(lines.map((l) => [l.lineId, bySku.get(l.sku)!.id]));
      const args = { idempotencyKey: 'conformance:conf-1', itemIds, currency: 'IDR' };
      const first = await h.connector.createSale(order, args);
      const again = await h.connector.createSale(order, args);
      expect(again.id).toBe(first.id);
      expect((await h.readSales()).filter((s) => s.id === first.id)).toHaveLength(1);
      expect(await h.readSales()).toHaveLength(1);
      if (h.connector.capabilities.getSale) {
        expect((await h.connector.getSale!({ idempotencyKey: args.idempotencyKey }))?.id).toBe(first.id);
      }
    });

    it('finds a created customer by phone, email, VAT number and company id when it declares customers', async () => {
      const { connector } = await setup();
      if (!connector.capabilities.customers) return;
      await connector.createCustomer!({
        name: 'PT Maju',
        phone: '+62215550101',
        email: 'ap@maju.example',
        vatNumber: '01.234.567',
        companyId: 'UIC-99',
        addresses: [],
      });
      for (const query of [
        { phone: '+62215550101' },
        { email: 'ap@maju.example' },
        { vatNumber: '01.234.567' },
        { companyId: 'UIC-99' },
      ]) {
        expect((await connector.findCustomer!(query))?.name).toBe('PT Maju');
      }
      expect(await connector.findCustomer!({ email: 'nobody@example.com' })).toBeNull();
    });

    it('refuses a sale for an item it does not know with a typed error that shows no secret', async () => {
      const h = await setup();
      const error = await h.connector
        .createSale(
          orderFor([{ lineId: 'x', sku: 'NOPE', price: '1.00', externalProductId: 'does-not-exist' }], 'conf-bad'),
          {
            idempotencyKey: 'conformance:bad',
            itemIds: { x: 'does-not-exist' },
            currency: 'IDR',
          },
        )
        .then(
          () => null,
          (e: unknown) => e,
        );
      expect(OmnisyncError.isInstance(error)).toBe(true);
      const text = [String((error as Error).message), JSON.stringify(error)].join('\n');
      for (const s of h.secrets) expect(text).not.toContain(s);
    });
  });
}
