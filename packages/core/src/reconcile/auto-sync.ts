import { z } from 'zod';
import { LeaseHeldError } from '../errors/errors';
import { OmnisyncError } from '../errors/omnisync-error';
import { EXTRA_BUFFER_SERVICE } from '../inventory/inventory-api';
import type { EngineContext } from '../omnisync/engine-context';
import { parseSettings } from '../settings/parse-settings';
import { EventModeSettings, isEventTime } from './event-mode';
import type { ReconcileFeatures } from './reconcile-features';
import { runReconcile } from './reconcile-routine';
import { type LoopTask, TaskLoop, type TaskRunEvent } from './task-loop';

const MINUTE = 60_000;

/** Auto-sync settings: polling intervals per task, and event mode for sale days. */
export const AutoSyncSettings = z
  .object({
    intervals: z
      .object({
        ordersMs: z
          .number()
          .int()
          .positive()
          .default(5 * MINUTE)
          .describe('Download orders from every channel.'),
        outboxMs: z
          .number()
          .int()
          .positive()
          .default(15_000)
          .describe('Push queued stock, status write-backs and export retries.'),
        inventoryMs: z
          .number()
          .int()
          .positive()
          .default(30 * MINUTE)
          .describe('Full inventory comparison and push.'),
        scanMs: z
          .number()
          .int()
          .positive()
          .default(6 * 60 * MINUTE)
          .describe('Updated scan of every channel.'),
        reconcileMs: z
          .number()
          .int()
          .positive()
          .default(24 * 60 * MINUTE)
          .describe('The whole reconcile routine.'),
      })
      .strict()
      .default({
        ordersMs: 5 * MINUTE,
        outboxMs: 15_000,
        inventoryMs: 30 * MINUTE,
        scanMs: 360 * MINUTE,
        reconcileMs: 1440 * MINUTE,
      }),
    eventMode: z
      .union([z.literal(false), EventModeSettings])
      .default(() => EventModeSettings.parse({}))
      .describe('Sale-day mode (11.11, 12.12): shorter intervals, higher safety buffer. `false` switches it off.'),
    channelIds: z.array(z.string()).optional().describe('Channels to sync (default: all).'),
  })
  .strict();
/** Auto-sync settings as passed in, before defaults are filled in. */
export type AutoSyncSettingsInput = z.input<typeof AutoSyncSettings>;

/** A running auto-sync. */
export interface AutoSync {
  /** Whether event mode is on now (by date, or forced). */
  readonly eventMode: boolean;
  /** Force event mode on or off, or back to the calendar (`'auto'`). */
  setEventMode(mode: boolean | 'auto'): void;
  /** Run one task now (`orders`, `outbox`, `inventory`, `scan`, `reconcile`), never alongside itself. */
  runNow(task: AutoSyncTaskName): Promise<void>;
  /** Stop: running tasks are cancelled and awaited; nothing more is scheduled. */
  stop(): Promise<void>;
}

/** The tasks an auto-sync runs, each on its own interval. */
export type AutoSyncTaskName = 'orders' | 'outbox' | 'inventory' | 'scan' | 'reconcile';

/** Start polling every task on its interval; at most one auto-sync per instance. */
export function startAutoSync(
  ctx: EngineContext,
  features: ReconcileFeatures,
  input: AutoSyncSettingsInput = {},
): AutoSync {
  const settings = parseSettings('auto-sync', AutoSyncSettings, input);
  const channelIds = settings.channelIds ?? [...ctx.channels.keys()];
  for (const id of channelIds) ctx.channel(id);
  let forced: boolean | null = null;
  let appliedBuffer = 0;
  const eventOn = () => forced ?? (settings.eventMode !== false && isEventTime(ctx.now(), settings.eventMode));
  const applyBuffer = (extra: number) => {
    if (extra === appliedBuffer) return;
    appliedBuffer = extra;
    (ctx.services.get(EXTRA_BUFFER_SERVICE) as ((n: number) => void) | undefined)?.(extra);
  };
  const interval = (ms: number) => () => {
    const on = eventOn();
    applyBuffer(on && settings.eventMode ? settings.eventMode.extraBuffer : 0);
    return on && settings.eventMode ? Math.max(1_000, Math.round(ms * settings.eventMode.intervalFactor)) : ms;
  };
  const perChannel =
    (fn: (channelId: string, signal: AbortSignal) => Promise<unknown>) => async (signal: AbortSignal) => {
      const errors: unknown[] = [];
      for (const id of channelIds) await fn(id, signal).catch((e: unknown) => errors.push(e));
      // A real failure goes first: another worker's lease on one channel (no failure) must not hide it.
      errors.sort((x, y) => Number(LeaseHeldError.isInstance(x)) - Number(LeaseHeldError.isInstance(y)));
      if (errors.length) throw errors[0];
    };
  const i = settings.intervals;
  const tasks: LoopTask[] = [
    {
      name: 'orders',
      intervalMs: interval(i.ordersMs),
      run: perChannel((id, signal) => features.downloadOrders(id, { signal })),
    },
    {
      name: 'outbox',
      intervalMs: interval(i.outboxMs),
      run: async (signal) => {
        await features.pushPendingStock({ signal });
        await features.pushOrderStatuses();
        await features.runExportRetries();
      },
    },
    {
      name: 'inventory',
      intervalMs: interval(i.inventoryMs),
      run: (signal) => features.updateInventory({ channelIds, signal }).then(() => undefined),
    },
    {
      name: 'scan',
      intervalMs: interval(i.scanMs),
      run: perChannel((id, signal) => features.scan(id, { type: 'updated', signal })),
    },
    {
      name: 'reconcile',
      intervalMs: interval(i.reconcileMs),
      run: (signal) => runReconcile(ctx, features, { channelIds, signal }).then(() => undefined),
    },
  ];
  const loop = new TaskLoop(tasks, (event) => report(ctx, event), ctx.now);
  ctx.onClose(() => loop.stop());
  interval(0)();
  loop.start();
  return {
    get eventMode() {
      return eventOn();
    },
    setEventMode(mode) {
      forced = mode === 'auto' ? null : mode;
      interval(0)();
    },
    runNow: (task) => loop.runNow(task),
    stop: async () => {
      await loop.stop();
      applyBuffer(0);
    },
  };
}

/** Another worker's lease, or `stop()` cancelling the run: expected outcomes, not failures. */
function isExpectedOutcome(error: unknown): boolean {
  return LeaseHeldError.isInstance(error) || (OmnisyncError.isInstance(error) && error.code === 'ABORTED');
}

function report(ctx: EngineContext, event: TaskRunEvent): void {
  if (!event.error || isExpectedOutcome(event.error)) {
    ctx.logger.debug({ task: event.task, durationMs: event.durationMs }, 'auto-sync task done');
    return;
  }
  const message = event.error instanceof Error ? event.error.message : String(event.error);
  ctx.logger.warn({ task: event.task, durationMs: event.durationMs, error: message }, 'auto-sync task failed');
  void ctx
    .notice({
      kind: 'auto-sync-task-failed',
      channelId: null,
      message: `Auto-sync ${event.task} failed: ${message}`,
      details: { task: event.task },
    })
    .catch(() => undefined);
}
