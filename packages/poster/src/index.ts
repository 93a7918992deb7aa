/**
 * @omnisync/poster
 *
 * @packageDocumentation
 */
export { VERSION } from './version';
