import { describeChannelConnector } from '@omnisync/testkit';
import { channelProbes, seededChannel } from '../__fixtures__/conformance-harness';

describeChannelConnector('mock channel (in memory)', {
  setup: (seed) => {
    const webhookSecret = 'whsec-conformance-in-memory';
    const channel = seededChannel(seed, { webhookSecret });
    return { connector: channel, ...channelProbes(channel), secrets: [webhookSecret] };
  },
});

describeChannelConnector('mock channel (in memory, optional capabilities off)', {
  setup: (seed) => {
    const channel = seededChannel(seed, {
      capabilities: { getListing: false, webhooks: false, updateOrderStatus: false, updatedSinceListings: false },
    });
    return { connector: channel, ...channelProbes(channel), secrets: [] };
  },
});
