/**
 * @omnisync/webhook
 *
 * @packageDocumentation
 */
export { VERSION } from './version';
