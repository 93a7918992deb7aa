import type { EngineContext } from '../omnisync/engine-context';

/** Scanning channels (awaited and in the background). */
// biome-ignore lint/suspicious/noEmptyInterface: filled in by its feature
export interface ScanApi {}

/** Build the Scanning channels (awaited and in the background). part of the facade. */
export function createScanApi(_ctx: EngineContext): ScanApi {
  return {};
}
