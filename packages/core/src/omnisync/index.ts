export type * from './channel-config';
export * from './create-omnisync';
export type * from './engine-context';
