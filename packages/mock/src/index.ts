/**
 * `@omnisync/mock`: an in-memory and HTTP mock marketplace and an in-memory
 * POS that implement the omnisync connector specification, with seeded faults.
 *
 * @packageDocumentation
 */
export type { MockBuyerInput, MockSellArgs, MockSellLine } from './channel/build-order';
export { type GenerateListingsOptions, generateMockListings } from './channel/generate-listings';
export type {
  ListingBook,
  ListingRow,
  MockListingInput,
  MockListingRef,
  MockVariantInput,
} from './channel/listing-book';
export { mapMockOrderStatus, toRawOrderStatus } from './channel/map-mock-order-status';
export type { ListingEdit, MarketplaceOptions, MockCall } from './channel/marketplace';
export { MockMarketplace } from './channel/marketplace';
export { RAW_ORDER_STATUSES, type RawListing, type RawOrder, type RawOrderStatus } from './channel/mock-api';
export {
  createMockChannel,
  type MockChannel,
  type MockChannelActions,
  type MockChannelFaultControls,
  type MockChannelTruth,
  type MockChannelWebhooks,
} from './channel/mock-channel';
export { ALL_CHANNEL_CAPABILITIES, type MockChannelOptions } from './channel/mock-channel-options';
export type { OrderBook, OrderFilter, OrderRow } from './channel/order-book';
export type { MockWebhookDelivery, WebhookListener, WebhookOutbox } from './channel/webhook-outbox';
export { signMockWebhook, WEBHOOK_HEADERS, WEBHOOK_TOLERANCE_SECONDS } from './channel/webhook-signature';
export type { FaultInjector, Stream } from './faults/fault-injector';
export type { MockFaultKind, MockFaultRecord, MockFaults, ScriptedFault } from './faults/mock-faults';
export {
  createMockHttpConnector,
  type MockHttpConnectorOptions,
  type MockHttpRuntime,
} from './http/mock-http-connector';
export { MockHttpSettings, type MockHttpSettingsInput } from './http/mock-http-settings';
export { createMockRestHandler, type MockRestHandler, type MockRestOptions } from './http/mock-rest-handler';
export {
  DEFAULT_MOCK_API_KEY,
  type MockServer,
  type MockServerOptions,
  startMockServer,
  type WebhookPostResult,
} from './http/mock-server';
export type { MockHttpRequest, MockHttpResponse } from './http/rest-types';
export type { MockRateLimit } from './http/server-token-bucket';
export { createMockPos, type MockPos, type MockPosEvents, type MockPosHelpers } from './pos/mock-pos';
export {
  ALL_POS_CAPABILITIES,
  type MockPosItemInput,
  type MockPosOptions,
  type MockStockInput,
} from './pos/mock-pos-options';
export type { MockPosItemRef } from './pos/pos-items';
export type { MockPosDocument, MockPosPayment, MockPosSale } from './pos/pos-sale-record';
export type { PosStockChange, StockChangeReason } from './pos/pos-stock';
export type { MockPosWebhookDelivery } from './pos/pos-webhooks';
export { createRandom, type SeededRandom } from './random';
export { VERSION } from './version';
