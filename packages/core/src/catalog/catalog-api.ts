import type { EngineContext } from '../omnisync/engine-context';

/** Classification tabs and channel statistics. */
// biome-ignore lint/suspicious/noEmptyInterface: filled in by its feature
export interface CatalogApi {}

/** Build the Classification tabs and channel statistics. part of the facade. */
export function createCatalogApi(_ctx: EngineContext): CatalogApi {
  return {};
}
