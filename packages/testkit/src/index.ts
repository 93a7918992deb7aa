/**
 * `@omnisync/testkit`: conformance suites for connectors and stores, and
 * seeded fixture generators.
 *
 * @packageDocumentation
 */
export * from './describe-sync-store';
export { VERSION } from './version';
