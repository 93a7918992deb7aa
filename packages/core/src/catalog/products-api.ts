import type { EngineContext } from '../omnisync/engine-context';

/** Product download (channel to POS) and upload (POS to channel). */
// biome-ignore lint/suspicious/noEmptyInterface: filled in by its feature
export interface ProductsApi {}

/** Build the Product download (channel to POS) and upload (POS to channel). part of the facade. */
export function createProductsApi(_ctx: EngineContext): ProductsApi {
  return {};
}
