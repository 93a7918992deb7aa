/**
 * @omnisync/woocommerce
 *
 * @packageDocumentation
 */
export { VERSION } from './version';
