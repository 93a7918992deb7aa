import { toMinorUnits } from '@omnisync/core';
import { describePosConnector } from '@omnisync/testkit';
import { setupServer } from 'msw/node';
import { afterAll, beforeAll } from 'vitest';
import { createPosterBackend, POSTER_TOKEN } from './__fixtures__/poster-backend';
import { createPoster } from './poster-connector';

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledFrame: 'error' }));
afterAll(() => server.close());

describePosConnector('@omnisync/poster against the documented API (msw)', {
  setup(seed) {
    const products = seed.items.map((item, n) => ({
      product_id: String(100 + n),
      product_name: item.name,
      product_code: item.sku,
      type: item.modifiers?.length ? '2' : '3',
      ingredient_id: String(500 + n),
      spots: [{ spot_id: '1', price: String(toMinorUnits(item.price)), profit: '0', visible: '1' }],
      group_modifications: item.modifiers?.length
        ? [
            {
              dish_modification_group_id: 1,
              name: 'Extras',
              num_min: 0,
              num_max: 3,
              is_deleted: 0,
              modifications: item.modifiers.map((m, k) => ({
                dish_modification_id: 900 + k,
                name: m.name,
                price: Number(m.price),
              })),
            },
          ]
        : undefined,
    }));
    const leftovers = seed.items.map((item, n) => ({
      ingredient_id: String(500 + n),
      ingredient_left: `${item.onHand}.00000`,
    }));
    const backend = createPosterBackend({ products, leftovers, currency: seed.currency });
    server.resetHandlers(...backend.handlers);
    return {
      connector: createPoster({ token: POSTER_TOKEN, currency: seed.currency, spotId: '1' }),
      secrets: [POSTER_TOKEN],
      readSales: async () =>
        backend.incomingOrders.map((o) => ({ id: String(o.incoming_order_id), status: String(o.status) })),
    };
  },
});
