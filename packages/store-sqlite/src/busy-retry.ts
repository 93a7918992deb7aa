import { setTimeout as sleep } from 'node:timers/promises';
import { isBusy } from './sqlite-errors';

/**
 * Run a synchronous SQLite step, and while it fails because another process
 * holds the lock, wait (without blocking the event loop) and try again until
 * `timeoutMs` has passed; then throw `onTimeout(lastError)`.
 *
 * `attempt` must leave nothing behind when it fails (a statement that did not
 * run, or a transaction it rolled back), so that running it again is safe.
 */
export async function retryWhileBusy<T>(
  attempt: () => T,
  timeoutMs: number,
  onTimeout: (cause: unknown) => Error,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (let round = 0; ; round++) {
    try {
      return attempt();
    } catch (error) {
      if (!isBusy(error)) throw error;
      const left = deadline - Date.now();
      if (left <= 0) throw onTimeout(error);
      await sleep(Math.min(left, backoffMs(round)));
    }
  }
}

/** 1, 2, 4 … 32 ms, with jitter so that waiting processes do not retry in lockstep. */
function backoffMs(round: number): number {
  const base = Math.min(32, 2 ** round);
  return base / 2 + Math.random() * base;
}
