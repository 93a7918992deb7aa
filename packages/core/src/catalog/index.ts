export * from './catalog-api';
export * from './catalog-tabs';
export type { ChannelCounts, NotInPosReason } from './channel-state';
export * from './classifier';
