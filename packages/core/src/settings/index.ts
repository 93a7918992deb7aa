export * from './parse-settings';
