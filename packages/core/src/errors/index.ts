export * from './codes';
export * from './errors';
export * from './omnisync-error';
export * from './zod-issues';
