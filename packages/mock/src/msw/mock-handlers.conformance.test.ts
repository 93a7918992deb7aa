import { describeChannelConnector } from '@omnisync/testkit';
import { setupServer } from 'msw/node';
import { afterAll, beforeAll } from 'vitest';
import { channelProbes, seededChannel } from '../__fixtures__/conformance-harness';
import { createMockHttpConnector } from '../http/mock-http-connector';
import { createMockHandlers } from './mock-handlers';

const apiKey = 'conformance-api-key-msw-2c8f';
const webhookSecret = 'whsec-conformance-msw-90aa';

const msw = setupServer();
beforeAll(() => msw.listen({ onUnhandledFrame: 'error' }));
afterAll(() => msw.close());

describeChannelConnector('mock channel through msw handlers', {
  setup: (seed) => {
    const channel = seededChannel(seed, { webhookSecret });
    const baseUrl = 'https://mock.conformance.test';
    msw.resetHandlers(...createMockHandlers(channel, { baseUrl, apiKey }));
    const connector = createMockHttpConnector({
      baseUrl,
      apiKey,
      webhookSecret,
      pageSize: 10,
      channelId: 'conformance',
    });
    return { connector, ...channelProbes(channel), secrets: [apiKey, webhookSecret] };
  },
});
