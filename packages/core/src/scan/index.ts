export * from './scan-api';
export * from './scan-error';
export * from './scan-job';
export { SCAN_TYPES } from './scan-request';
export * from './scan-settings';
export * from './scan-types';
