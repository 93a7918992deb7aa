import type { EngineContext } from '../omnisync/engine-context';

/** Order download, import rules, status changes, write-back and reconciliation. */
// biome-ignore lint/suspicious/noEmptyInterface: filled in by its feature
export interface OrdersApi {}

/** Build the Order download, import rules, status changes, write-back and reconciliation. part of the facade. */
export function createOrdersApi(_ctx: EngineContext): OrdersApi {
  return {};
}
