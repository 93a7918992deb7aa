import type { EngineContext } from '../../omnisync/engine-context';

/** Order export to an external POS (ordering platforms). */
// biome-ignore lint/suspicious/noEmptyInterface: filled in by its feature
export interface ExportApi {}

/** Build the Order export to an external POS (ordering platforms). part of the facade. */
export function createExportApi(_ctx: EngineContext): ExportApi {
  return {};
}
