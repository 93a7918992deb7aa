/**
 * @omnisync/store-sqlite
 *
 * @packageDocumentation
 */
export { VERSION } from './version';
