import { describeChannelConnector } from '@omnisync/testkit';
import { channelProbes, seededChannel } from '../__fixtures__/conformance-harness';
import { createMockHttpConnector } from './mock-http-connector';
import { startMockServer } from './mock-server';

const apiKey = 'conformance-api-key-7d3e';
const webhookSecret = 'whsec-conformance-http-51b0';

describeChannelConnector('mock channel over loopback HTTP (offset pages)', {
  setup: async (seed) => {
    const channel = seededChannel(seed, { webhookSecret });
    const server = await startMockServer(channel, { apiKey, rateLimit: { ratePerSecond: 500, burst: 500 } });
    const connector = createMockHttpConnector({
      baseUrl: server.url,
      apiKey,
      webhookSecret,
      pageSize: 10,
      channelId: 'conformance',
    });
    return { connector, ...channelProbes(channel), secrets: [apiKey, webhookSecret], close: () => server.close() };
  },
});

describeChannelConnector('mock channel over loopback HTTP (cursor pages)', {
  setup: async (seed) => {
    const channel = seededChannel(seed, { webhookSecret });
    const server = await startMockServer(channel, { apiKey, rateLimit: false });
    const connector = createMockHttpConnector({
      baseUrl: server.url,
      apiKey,
      webhookSecret,
      pageSize: 10,
      pagination: 'cursor',
      channelId: 'conformance',
    });
    return { connector, ...channelProbes(channel), secrets: [apiKey, webhookSecret], close: () => server.close() };
  },
});
