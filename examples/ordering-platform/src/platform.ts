import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type ChannelOrder, createOmnisync, NO_POS_CAPABILITIES, type PosConnectorV1, PosItem } from '@omnisync/core';
import { createWebhookPos } from '@omnisync/webhook';

/** The platform's own menu: each dish carries the POS's id under `externalIds.kitchen`. */
const MENU = [
  {
    id: 'borscht',
    sku: 'BORSCHT',
    name: 'Borscht',
    price: { amount: '120.00', currency: 'UAH' },
    externalIds: { kitchen: '101' },
    modifiers: [
      { id: 'cream', name: 'Sour cream', price: { amount: '15.00', currency: 'UAH' }, externalIds: { kitchen: '9' } },
    ],
    updatedAt: '2026-11-01T00:00:00Z',
  },
  {
    id: 'varenyky',
    sku: 'VARENYKY',
    name: 'Varenyky',
    price: { amount: '140.00', currency: 'UAH' },
    externalIds: { kitchen: '102' },
    updatedAt: '2026-11-01T00:00:00Z',
  },
].map((item) => PosItem.parse(item));

/** The platform's catalog as omnisync reads it (in a real platform: your database). */
export const platformCatalog: PosConnectorV1 = {
  specificationVersion: 'v1',
  connector: 'platform',
  capabilities: NO_POS_CAPABILITIES,
  async *listItems() {
    yield { items: MENU };
  },
  getStock: async () => [],
  createSale: async () => {
    throw new Error('The platform catalog is not an export target.');
  },
};

/** The platform: omnisync with one pickup point exporting to the kitchen POS, and an endpoint for POS callbacks. */
export async function startPlatform(pos: { ordersUrl: string; menuUrl: string }, secret: string) {
  const omni = createOmnisync({
    pos: platformCatalog,
    channels: {},
    export: {
      locations: {
        'kyiv-podil': {
          name: 'Kyiv, Podil',
          // Local demo: plain HTTP on loopback. In production the POS URL must be HTTPS.
          pos: createWebhookPos({
            connector: 'kitchen',
            url: pos.ordersUrl,
            catalogUrl: pos.menuUrl,
            secret,
            environment: 'test',
            allowPrivateNetwork: true,
            maxRetries: 1,
          }),
          autoExport: true,
        },
      },
      retryBackoffMs: 200,
    },
  });
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    try {
      const headers = req.headers as Record<string, string>;
      await omni.handlePosWebhook('kyiv-podil', { headers, rawBody: Buffer.concat(chunks).toString('utf8') });
      res.writeHead(204).end();
    } catch {
      res.writeHead(401).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    omni,
    callbackUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}/pos-callback`,
    close: async () => {
      await omni.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** An order as the platform's storefront takes it. */
export function sampleOrder(): ChannelOrder {
  const now = new Date().toISOString();
  return {
    channelId: 'storefront',
    externalId: 'A-1042',
    number: '1042',
    rawStatus: 'new',
    status: 'unpaid',
    createdAt: now,
    updatedAt: now,
    currency: 'UAH',
    customer: { name: 'Olena', phone: '+380680000000', email: null, addresses: [] },
    lines: [
      {
        lineId: '1',
        sku: 'BORSCHT',
        externalProductId: 'borscht',
        title: 'Borscht',
        quantity: 2,
        unitPrice: '120.00',
        discount: '0',
        tax: '0',
        modifiers: [{ externalId: 'cream', name: 'Sour cream', quantity: 2, unitPrice: '15.00' }],
      },
      {
        lineId: '2',
        sku: 'VARENYKY',
        externalProductId: 'varenyky',
        title: 'Varenyky',
        quantity: 1,
        unitPrice: '140.00',
        discount: '0',
        tax: '0',
        modifiers: [],
      },
    ],
    payment: { method: 'card', paid: true },
    delivery: { method: 'pickup', cost: null },
    totals: { subtotal: '410.00', discount: '0', tax: '0', shipping: '0', total: '410.00' },
    note: 'Extra napkins',
  };
}
