export type * from './channel-config';
export * from './create-omnisync';
export * from './engine-context';
