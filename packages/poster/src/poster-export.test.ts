import { createHash } from 'node:crypto';
import {
  type ChannelOrder,
  createMemoryStore,
  createOmnisync,
  NO_POS_CAPABILITIES,
  type PosConnectorV1,
  PosItem,
} from '@omnisync/core';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createPosterBackend, POSTER_APP_SECRET, POSTER_TOKEN } from './__fixtures__/poster-backend';
import products from './__fixtures__/poster-menu.getProducts-documented.json';
import { createPoster } from './poster-connector';

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledFrame: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

/** The ordering platform's menu, each dish carrying Poster's ids. */
function platformMenu(): PosConnectorV1 {
  const items = [
    PosItem.parse({
      id: 'set',
      sku: 'SET',
      name: 'Set menu',
      externalIds: { poster: '30' },
      modifiers: [{ id: 'cola', name: 'Cola', externalIds: { poster: '142' } }],
      updatedAt: '2026-11-01T00:00:00Z',
    }),
  ];
  return {
    specificationVersion: 'v1',
    connector: 'platform',
    capabilities: NO_POS_CAPABILITIES,
    async *listItems() {
      yield { items };
    },
    getStock: async () => [],
    createSale: async () => {
      throw new Error('not a target');
    },
  };
}

const order: ChannelOrder = {
  channelId: 'dots',
  externalId: '77',
  number: '77',
  rawStatus: 'new',
  status: 'unpaid',
  createdAt: '2026-11-24T10:00:00.000Z',
  updatedAt: '2026-11-24T10:00:00.000Z',
  currency: 'UAH',
  customer: { name: 'Olena', phone: '+380680000000', addresses: [] },
  lines: [
    {
      lineId: 'l1',
      sku: 'SET',
      externalProductId: 'set',
      title: 'Set menu',
      quantity: 1,
      unitPrice: '300.00',
      discount: '0',
      tax: '0',
      modifiers: [{ externalId: 'cola', name: 'Cola', quantity: 1, unitPrice: '0' }],
    },
  ],
  payment: { method: 'cash', paid: false },
  delivery: { method: 'pickup', cost: null },
  totals: { subtotal: '300.00', discount: '0', tax: '0', shipping: '0', total: '300.00' },
};

describe('export to Poster end to end', () => {
  it('survives a lost answer: the retry finds the incoming order by its key, Poster holds one, the webhook brings acceptance', async () => {
    const backend = createPosterBackend({ products: products.response });
    server.use(...backend.handlers);
    let now = Date.now();
    const store = createMemoryStore({ clock: () => now });
    const omni = createOmnisync({
      pos: platformMenu(),
      channels: {},
      store,
      clock: () => new Date(now),
      export: {
        locations: {
          'kyiv-1': {
            pos: createPoster({
              token: POSTER_TOKEN,
              currency: 'UAH',
              spotId: '1',
              applicationSecret: POSTER_APP_SECRET,
            }),
            autoExport: true,
          },
        },
      },
    });
    backend.failNext('incomingOrders.createIncomingOrder', 'lost-answer');
    const accepted = await omni.acceptOrder(order, { locationId: 'kyiv-1' });
    expect(accepted.export).toMatchObject({ status: 'failed' });
    now += 5_000;
    expect(await omni.runExportRetries()).toMatchObject({ exported: 1 });
    expect(backend.incomingOrders).toHaveLength(1);
    const ref = { channelId: 'dots', externalId: '77' };
    const history = await omni.exportHistory(ref);
    expect(history.map((h) => [h.outcome, h.attempt])).toEqual([
      ['error', 1],
      ['ok', 2],
    ]);
    expect(JSON.stringify(history)).not.toContain(POSTER_TOKEN);

    backend.setStatus(1, 1);
    const body = { account: 'cafe', object: 'incoming_order', object_id: 1, action: 'changed', time: '1764000000' };
    const verify = createHash('md5')
      .update([body.account, body.object, body.object_id, body.action, body.time, POSTER_APP_SECRET].join(';'))
      .digest('hex');
    await omni.handlePosWebhook('kyiv-1', { headers: {}, rawBody: JSON.stringify({ ...body, verify }) });
    expect((await omni.exportStatus(ref))?.posStatus).toBe('accepted');
  });
});
