import type { EngineContext } from '../omnisync/engine-context';

/** The daily reconcile routine and auto-sync. */
// biome-ignore lint/suspicious/noEmptyInterface: filled in by its feature
export interface ReconcileApi {}

/** Build the The daily reconcile routine and auto-sync. part of the facade. */
export function createReconcileApi(_ctx: EngineContext): ReconcileApi {
  return {};
}
