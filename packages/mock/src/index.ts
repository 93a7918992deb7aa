/**
 * @omnisync/mock
 *
 * @packageDocumentation
 */
export { VERSION } from './version';
