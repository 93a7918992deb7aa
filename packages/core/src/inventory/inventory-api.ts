import type { EngineContext } from '../omnisync/engine-context';

/** Inventory sync: quantity rules, planned pushes, outbox, oversell guard. */
// biome-ignore lint/suspicious/noEmptyInterface: filled in by its feature
export interface InventoryApi {}

/** Build the Inventory sync: quantity rules, planned pushes, outbox, oversell guard. part of the facade. */
export function createInventoryApi(_ctx: EngineContext): InventoryApi {
  return {};
}
