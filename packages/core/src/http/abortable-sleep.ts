import { OperationAbortedError } from '../errors/errors';

/** Wait `ms` milliseconds, or reject with `OperationAbortedError` as soon as `signal` aborts. */
export function abortableSleep(ms: number, signal: AbortSignal | undefined, what = 'The HTTP call'): Promise<void> {
  if (signal?.aborted) return Promise.reject(new OperationAbortedError(what));
  if (ms <= 0) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      clearTimeout(timer);
      reject(new OperationAbortedError(what));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** Throw `OperationAbortedError` when `signal` has aborted. */
export function throwIfAborted(signal: AbortSignal | undefined, what = 'The HTTP call'): void {
  if (signal?.aborted) throw new OperationAbortedError(what);
}
