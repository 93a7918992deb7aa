/**
 * `@omnisync/cli`: the `omnisync` command, and `defineConfig` to type an `omnisync.config.ts`.
 *
 * @packageDocumentation
 */
export { defineConfig, OmnisyncConfig, type OmnisyncConfigInput } from './config/config-schema';
export { EXIT, type ExitCode } from './exit-codes';
export { VERSION } from './version';
