import { createOmnisync } from '@omnisync/core';
import { createMockChannel, createMockHttpConnector, createMockPos, startMockServer } from '@omnisync/mock';
import { startWebhookServer } from './webhook-server';

/**
 * A marketplace (the mock, over HTTP) posts signed webhooks to our server; each
 * delivery imports its order at once. A forged delivery is refused. Polling
 * (`downloadOrders`) runs as the safety net and finds nothing left to do.
 */
export async function webhooksExample(log: (line: string) => void = console.log) {
  const pos = createMockPos({ items: [{ id: 'kopi', sku: 'KOPI-250', name: 'Kopi 250 g', quantity: 40 }] });
  const channel = createMockChannel({
    channelId: 'shop',
    listings: [{ listingId: '1', sku: 'KOPI-250', quantity: 40 }],
  });
  const holder: { url?: string } = {};
  const mock = await startMockServer(channel, { webhookUrl: 'http://127.0.0.1:9/unset' });
  const omni = createOmnisync({
    pos,
    channels: {
      shop: {
        connector: createMockHttpConnector({ baseUrl: mock.url, apiKey: mock.apiKey, channelId: 'shop' }),
        orders: { payments: { unmapped: 'pass-through' }, delivery: { unmapped: 'pass-through' } },
      },
    },
  });
  const receiver = await startWebhookServer(omni);
  holder.url = `${receiver.url}/webhooks/shop`;
  await mock.close();
  const server = await startMockServer(channel, { webhookUrl: holder.url, apiKey: mock.apiKey, port: mock.port });
  try {
    channel.sell({ sku: 'KOPI-250', quantity: 2, status: 'paid' });
    await server.flushWebhooks();
    log(`after the webhook: ${pos.sales().length} sale(s) in the POS`);

    const forged = await fetch(holder.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-mock-signature': 'forged' },
      body: JSON.stringify({ type: 'order', orderId: '1' }),
    });
    log(`a forged delivery is answered ${forged.status}`);

    const poll = await omni.downloadOrders('shop');
    log(`polling as the safety net: ${poll.imported} new, ${poll.unchanged} already imported`);
    return { pos, forgedStatus: forged.status, poll, posts: server.webhookPosts };
  } finally {
    await omni.close();
    await receiver.close();
    await server.close();
  }
}
