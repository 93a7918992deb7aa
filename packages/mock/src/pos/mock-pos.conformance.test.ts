import { describePosConnector } from '@omnisync/testkit';
import { createMockPos } from './mock-pos';

describePosConnector('mock POS', {
  setup: (seed) => {
    const pos = createMockPos({
      currencies: [seed.currency],
      items: seed.items.map((item) => ({
        sku: item.sku,
        name: item.name,
        price: { amount: item.price, currency: seed.currency },
        quantity: item.onHand,
        modifiers: (item.modifiers ?? []).map((m, i) => ({
          id: `${item.sku}-mod-${i + 1}`,
          name: m.name,
          price: { amount: m.price, currency: seed.currency },
          externalIds: {},
        })),
      })),
    });
    return {
      connector: pos,
      readSales: async () => pos.sales().map((s) => ({ id: s.id, status: s.status })),
      secrets: [],
    };
  },
});

describePosConnector('mock POS (optional capabilities off)', {
  setup: (seed) => {
    const pos = createMockPos({
      capabilities: { customers: false, getSale: false, reservations: false, webhooks: false },
      items: seed.items.map((item) => ({ sku: item.sku, name: item.name, quantity: item.onHand })),
    });
    return { connector: pos, readSales: async () => pos.sales().map((s) => ({ id: s.id })), secrets: [] };
  },
});
