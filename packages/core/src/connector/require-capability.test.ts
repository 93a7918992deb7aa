import { describe, expect, it } from 'vitest';
import { UnsupportedCapabilityError, UnsupportedSpecificationVersionError } from '../errors/errors';
import { NO_CHANNEL_CAPABILITIES } from './capabilities';
import { requireCapability, resolveChannelConnector } from './require-capability';
import type { ChannelConnectorV1 } from './v1/channel-connector-v1';

function connector(overrides: Partial<ChannelConnectorV1> = {}): ChannelConnectorV1 {
  return {
    specificationVersion: 'v1',
    connector: 'tiny',
    capabilities: NO_CHANNEL_CAPABILITIES,
    limits: { stockBatchSize: 10 },
    async *listListings() {},
    async *listOrders() {},
    updateStock: async () => [],
    ...overrides,
  };
}

describe('requireCapability', () => {
  it('throws UnsupportedCapabilityError naming the connector and the capability', () => {
    expect(() => requireCapability(connector(), 'getListing')).toThrow(
      new UnsupportedCapabilityError('tiny', 'getListing'),
    );
    expect(() => requireCapability(connector(), 'getListing')).toThrow(
      'The tiny connector does not support "getListing".',
    );
  });

  it('refuses a declared capability whose method is missing', () => {
    const c = connector({ capabilities: { ...connector().capabilities, getListing: true } });
    expect(() => requireCapability(c, 'getListing')).toThrow(UnsupportedCapabilityError);
  });

  it('returns the connector when the capability and method are there', () => {
    const c = connector({
      capabilities: { ...connector().capabilities, getListing: true },
      getListing: async () => null,
    });
    expect(requireCapability(c, 'getListing').getListing).toBeTypeOf('function');
  });

  it('refuses an unknown specification version', () => {
    expect(() => resolveChannelConnector({ ...connector(), specificationVersion: 'v9' } as never)).toThrow(
      UnsupportedSpecificationVersionError,
    );
  });
});
