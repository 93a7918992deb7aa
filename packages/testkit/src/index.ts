/**
 * `@omnisync/testkit`: conformance suites for connectors and stores, and
 * seeded fixture generators.
 *
 * @packageDocumentation
 */
export * from './describe-channel-connector';
export * from './describe-pos-connector';
export * from './describe-sync-store';
export * from './generators/index';
export { VERSION } from './version';
