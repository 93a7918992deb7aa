export * from './parse-payload';
export * from './require-capability';
export type * from './v1/capabilities-v1';
export type * from './v1/channel-connector-v1';
export type * from './v1/pos-connector-v1';
