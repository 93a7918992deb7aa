/**
 * `@omnisync/core`: the model, the connector specification, the engine, the
 * store contract and the `createOmnisync` facade.
 *
 * @packageDocumentation
 */
export * from './catalog/index';
export * from './catalog/products-api';
export * from './connector/index';
export * from './errors/index';
export * from './events';
export { ChannelHttpError, type ChannelHttpErrorCode } from './http/channel-http-error';
export { UnsafeUrlError } from './http/unsafe-url-error';
export * from './inventory/index';
export * from './logger';
export * from './matching/index';
export * from './model/index';
export * from './omnisync/index';
export * from './orders/export/index';
export * from './orders/index';
export * from './reconcile/index';
export * from './scan/index';
export * from './secrets/index';
export * from './settings/index';
export * from './store/index';
export { VERSION } from './version';
