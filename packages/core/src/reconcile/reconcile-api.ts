import { InvalidArgumentError } from '../errors/errors';
import type { EngineContext } from '../omnisync/engine-context';
import { type AutoSync, type AutoSyncSettingsInput, startAutoSync } from './auto-sync';
import type { ReconcileFeatures } from './reconcile-features';
import { type ReconcileOptions, type ReconcileReport, runReconcile } from './reconcile-routine';

export type { ReconcileFeatures } from './reconcile-features';

/** The daily reconcile routine and auto-sync. */
export interface ReconcileApi {
  /**
   * Seed 001's recommended routine as one call: an updated scan, orders (download, then repair missing
   * orders and stale statuses in the recent window), an inventory update, and the queued write-backs.
   * With `dryRun`, returns the plan and the reason for every change and changes nothing.
   *
   * @example
   * const plan = await omni.reconcile({ dryRun: true });
   * for (const line of plan.problems) console.log(line);
   */
  reconcile(options?: ReconcileOptions): Promise<ReconcileReport>;
  /**
   * Keep everything in sync on timers (orders, stock outbox, inventory, scans, the daily reconcile),
   * with event mode on sale days. Tasks never overlap themselves; `stop()` (or `omni.close()`) ends it cleanly.
   */
  startAutoSync(settings?: AutoSyncSettingsInput): AutoSync;
}

/** Build the reconcile part of the facade. */
export function createReconcileApi(ctx: EngineContext, features: ReconcileFeatures): ReconcileApi {
  let running: AutoSync | null = null;
  return {
    reconcile: (options) => runReconcile(ctx, features, options),
    startAutoSync(settings) {
      if (running) throw new InvalidArgumentError('Auto-sync is already running for this instance; stop it first.');
      const sync = startAutoSync(ctx, features, settings);
      running = sync;
      const stop = sync.stop;
      return Object.assign(sync, {
        stop: async () => {
          await stop();
          running = null;
        },
      });
    },
  };
}
