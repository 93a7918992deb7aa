export * from './capabilities';
export * from './parse-payload';
export * from './require-capability';
export * from './split-page-items';
export type * from './v1/capabilities-v1';
export type * from './v1/channel-connector-v1';
export type * from './v1/pos-connector-v1';
