import { OperationAbortedError } from '@omnisync/core';

/** Wait `ms` milliseconds, or reject with `OperationAbortedError` when `signal` aborts first. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  if (signal?.aborted) return Promise.reject(new OperationAbortedError('The mock call'));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(new OperationAbortedError('The mock call'));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** Throw `OperationAbortedError` when the signal has aborted. */
export function throwIfAborted(signal: AbortSignal | undefined, what: string): void {
  if (signal?.aborted) throw new OperationAbortedError(what);
}
