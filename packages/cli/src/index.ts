/**
 * `@omnisync/cli`: the `omnisync` command.
 *
 * @packageDocumentation
 */
export { VERSION } from './version';
