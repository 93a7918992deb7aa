import { UnsupportedCapabilityError, UnsupportedSpecificationVersionError } from '../errors/errors';
import type { ChannelCapabilityName, PosCapabilityName } from './v1/capabilities-v1';
import type { ChannelConnectorV1 } from './v1/channel-connector-v1';
import type { PosConnectorV1 } from './v1/pos-connector-v1';

const CHANNEL_METHODS: Partial<Record<ChannelCapabilityName, (keyof ChannelConnectorV1)[]>> = {
  getListing: ['getListing'],
  createListing: ['createListing'],
  getOrder: ['getOrder'],
  updateOrderStatus: ['updateOrderStatus'],
  webhooks: ['parseWebhook'],
  methodLists: ['listPaymentMethods', 'listDeliveryMethods'],
};

const POS_METHODS: Partial<Record<PosCapabilityName, (keyof PosConnectorV1)[]>> = {
  createItem: ['createItem'],
  payments: ['recordPayment'],
  financialDocuments: ['issueFinancialDocument'],
  cancelAndReverse: ['cancelSale', 'reverseSale'],
  saleStatus: ['updateSaleStatus'],
  customers: ['findCustomer', 'createCustomer'],
  reservations: ['reserveStock', 'releaseStock'],
  getSale: ['getSale'],
  webhooks: ['parseWebhook'],
};

/** The methods each channel capability requires (used by conformance suites). */
export const channelCapabilityMethods = CHANNEL_METHODS;
/** The methods each POS capability requires (used by conformance suites). */
export const posCapabilityMethods = POS_METHODS;

/** A connector type `C` whose optional methods `K` are known to be present (what `requireCapability` returns). */
export type WithMethods<C, K extends keyof C> = C & Required<Pick<C, K>>;

/**
 * Assert that a channel connector declares a capability and has its methods;
 * otherwise throw `UnsupportedCapabilityError` naming the connector and the capability.
 */
export function requireCapability<N extends ChannelCapabilityName>(
  connector: ChannelConnectorV1,
  capability: N,
): WithMethods<ChannelConnectorV1, NonNullable<(typeof CHANNEL_METHODS)[N]>[number]> {
  const methods = CHANNEL_METHODS[capability] ?? [];
  if (!connector.capabilities[capability] || methods.some((m) => typeof connector[m] !== 'function')) {
    throw new UnsupportedCapabilityError(connector.connector, capability);
  }
  return connector as never;
}

/** Like `requireCapability`, for POS connectors. */
export function requirePosCapability<N extends PosCapabilityName>(
  connector: PosConnectorV1,
  capability: N,
): WithMethods<PosConnectorV1, NonNullable<(typeof POS_METHODS)[N]>[number]> {
  const methods = POS_METHODS[capability] ?? [];
  if (!connector.capabilities[capability] || methods.some((m) => typeof connector[m] !== 'function')) {
    throw new UnsupportedCapabilityError(`${connector.connector} POS`, capability);
  }
  return connector as never;
}

const SUPPORTED = ['v1'] as const;

/** Check the specification version of a connector the engine is handed. */
export function resolveChannelConnector(connector: ChannelConnectorV1): ChannelConnectorV1 {
  if (connector?.specificationVersion !== 'v1') {
    throw new UnsupportedSpecificationVersionError(
      connector?.connector ?? 'unknown',
      connector?.specificationVersion,
      SUPPORTED,
    );
  }
  return connector;
}

/** Check the specification version of a POS connector the engine is handed. */
export function resolvePosConnector(connector: PosConnectorV1): PosConnectorV1 {
  if (connector?.specificationVersion !== 'v1') {
    throw new UnsupportedSpecificationVersionError(
      connector?.connector ?? 'unknown',
      connector?.specificationVersion,
      SUPPORTED,
    );
  }
  return connector;
}
