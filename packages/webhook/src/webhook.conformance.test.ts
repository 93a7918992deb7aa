import { describePosConnector } from '@omnisync/testkit';
import { startFakeWebhookPos, TEST_SECRET } from './__fixtures__/fake-webhook-pos';
import { createWebhookPos } from './webhook-connector';

describePosConnector('@omnisync/webhook over a loopback POS', {
  async setup(seed) {
    const catalog = {
      currency: seed.currency,
      items: seed.items.map((item, n) => ({
        id: `P-${n + 1}`,
        sku: item.sku,
        name: item.name,
        price: item.price,
        onHand: item.onHand,
        modifiers: (item.modifiers ?? []).map((m, k) => ({ id: `M-${n + 1}-${k + 1}`, name: m.name, price: m.price })),
      })),
    };
    const pos = await startFakeWebhookPos({ catalog });
    const connector = createWebhookPos({
      url: pos.url,
      catalogUrl: pos.catalogUrl,
      secret: TEST_SECRET,
      environment: 'test',
      allowPrivateNetwork: true,
      maxRetries: 1,
    });
    return {
      connector,
      secrets: [TEST_SECRET, TEST_SECRET.slice(6)],
      readSales: async () => [...pos.sales.values()].map((s) => ({ id: s.id, status: 'open' })),
      close: () => pos.close(),
    };
  },
});
