import { Worker } from 'node:worker_threads';
import { internSkus, slotOrder, sweepInsert } from './kernels';

/** `ctl` words: how far the caller has filled an intern job's input, whether it gave up, then a done flag and result per job. */
const READY = 0;
const CANCELLED = 1;
const INTERN = 2;
const SWEEP = 4;
/** Set by the helper once its code runs. */
const UP = 6;
const CTL_WORDS = 7;
const FAILED = -2;
/** The longest `waitUntilUp` waits by default. */
const STARTUP_MS = 5_000;
/** The longest the caller waits for one job before it stops trusting the helper and does the work itself. */
const PATIENCE_MS = 10_000;

/** The shared arrays a call can take from the helper (`lane`), one per use so no two uses meet. */
export const LANE = { skuHashes: 0, skuPacked: 1, keyHashes: 2, skuIds: 3, internGrow: 4, sweepPairs: 5 } as const;

/** The arrays of an intern job (see `internSkus`), filled by the caller while the helper works behind it. */
export interface InternJob {
  table: Int32Array;
  mask: number;
  known: Int32Array;
  hashes: Int32Array;
  packed: Int32Array;
  ids: Int32Array;
  grow: Int32Array;
}

/** A job the helper runs while the caller goes on; `finish` waits for it and returns its result. */
export interface HelperJob<T> {
  finish(): T;
}

/**
 * One background thread for the integer work of big classifier batches:
 * while the caller reads a batch's strings (which only it can), the helper
 * interns the SKUs read so far, and builds an index of the keys the caller
 * hashed. Both threads work on `SharedArrayBuffer` memory; the caller
 * stays synchronous and waits (`Atomics.wait`) only when it needs a result.
 *
 * Failure-safe: if the helper fails or does not answer within `PATIENCE_MS`,
 * the caller does the job itself (rebuilding what the helper may have half
 * written) and never uses the helper again in this process.
 */
export class HelperThread {
  private broken = false;
  private readonly lanes: Int32Array[] = [];
  private claimed = false;
  /** Job words posted and not yet awaited. */
  private readonly pending = new Set<number>();

  private constructor(
    private readonly worker: Worker,
    private readonly ctl: Int32Array,
    private readonly patienceMs: number,
  ) {}

  /** The process's helper, started on first use; null where threads are unavailable or the helper broke. */
  static get(): HelperThread | null {
    if (shared === undefined) shared = HelperThread.start();
    return shared?.broken ? null : shared;
  }

  /**
   * A new helper of its own (`get` shares one per process): `patienceMs` is
   * how long a job may take before the caller gives up on it. Null where
   * threads are unavailable.
   */
  static start(patienceMs = PATIENCE_MS): HelperThread | null {
    try {
      const ctl = new Int32Array(new SharedArrayBuffer(CTL_WORDS * 4));
      const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { ctl } });
      worker.unref();
      const helper = new HelperThread(worker, ctl, patienceMs);
      worker.on('error', () => helper.abandon());
      return helper;
    } catch {
      return null;
    }
  }

  /** True when the helper failed or was closed: it takes no more jobs. */
  get isBroken(): boolean {
    return this.broken;
  }

  /** Stop the helper's thread (a helper from `start`; the shared one lives as long as the process). */
  close(): void {
    this.abandon();
  }

  /** True once the helper runs (it takes a few tens of milliseconds to start). */
  get isUp(): boolean {
    return Atomics.load(this.ctl, UP) === 1;
  }

  /** Block until the helper runs, at most `timeoutMs`; whether it does. */
  waitUntilUp(timeoutMs = STARTUP_MS): boolean {
    if (!this.isUp) Atomics.wait(this.ctl, UP, 0, timeoutMs);
    return this.isUp;
  }

  /**
   * Take the helper for one call (its jobs and its shared arrays), or null
   * when it is not up yet, taken already (a call inside a call) or broken;
   * `free` gives it back. Every job started must be finished before that.
   */
  claim(): { helper: HelperThread; free(): void } | null {
    // Not up yet (it starts in the background on first use): this call does its work itself.
    if (this.claimed || this.broken || !this.isUp) return null;
    this.claimed = true;
    return {
      helper: this,
      free: () => {
        // A job left unfinished (the caller threw) is stopped and waited for: the next call reuses its
        // words and arrays. An intern job would otherwise wait for input that never comes.
        if (this.pending.has(INTERN)) this.cancelIntern();
        for (const at of this.pending) this.await(at);
        this.claimed = false;
      },
    };
  }

  /**
   * Shared array number `lane`, at least `length` long (a view of exactly
   * `length`; not zeroed). Kept for the next call: shared memory is freed only
   * at a full collection, so it is reused instead of made anew.
   */
  lane(lane: (typeof LANE)[keyof typeof LANE], length: number): Int32Array {
    const array = this.lanes[lane];
    if (array && array.length >= length) return array.subarray(0, length);
    const grown = new Int32Array(new SharedArrayBuffer(Math.max(length, (array?.length ?? 0) * 2) * 4));
    this.lanes[lane] = grown;
    return grown.subarray(0, length);
  }

  /**
   * Start interning `job`'s SKUs (`internSkus`) as the caller fills them:
   * `publish(n)` says the first `n` are ready. `finish` waits for all
   * `total`; false means the helper failed, and may have left the table half
   * written (the caller must rebuild it). After `cancel` the helper stops;
   * `finish` must still be called before the next job.
   */
  intern(job: InternJob, total: number): HelperJob<boolean> & { publish(ready: number): void; cancel(): void } {
    const ctl = this.ctl;
    Atomics.store(ctl, READY, 0);
    Atomics.store(ctl, CANCELLED, 0);
    Atomics.store(ctl, INTERN, 0);
    this.post(INTERN, { kind: 'intern', ctl, ...job, total });
    return {
      publish: (ready) => {
        Atomics.store(ctl, READY, ready);
        Atomics.notify(ctl, READY);
      },
      cancel: () => this.cancelIntern(),
      finish: () => this.await(INTERN) !== FAILED,
    };
  }

  /** `sweepInsert` on the helper; `finish` returns its result (the table then holds the batch), -1 when it failed. */
  sweep(table: Int32Array, mask: number, hashes: Int32Array, pairs: Int32Array): HelperJob<number> {
    Atomics.store(this.ctl, SWEEP, 0);
    this.post(SWEEP, { kind: 'sweep', ctl: this.ctl, table, mask, hashes, pairs });
    return {
      finish: () => {
        const result = this.await(SWEEP);
        // -1: too many pairs (the table is full of the batch), or the helper failed and may still write to
        // `table`. Either way the caller discards the table.
        return result === FAILED ? -1 : result;
      },
    };
  }

  /** Stop the intern job: it sees `CANCELLED` once `READY` moves (to -1, which no part ends at). */
  private cancelIntern(): void {
    Atomics.store(this.ctl, CANCELLED, 1);
    Atomics.store(this.ctl, READY, -1);
    Atomics.notify(this.ctl, READY);
  }

  private post(at: number, job: Record<string, unknown>): void {
    this.pending.add(at);
    this.worker.postMessage(job);
  }

  /** Wait for job word `at` to be done; its result, or `FAILED` (the helper is then abandoned). */
  private await(at: number): number {
    this.pending.delete(at);
    const ctl = this.ctl;
    const deadline = Date.now() + this.patienceMs;
    while (Atomics.load(ctl, at) === 0 && !this.broken) {
      const left = deadline - Date.now();
      if (left <= 0 || Atomics.wait(ctl, at, 0, left) === 'timed-out') break;
    }
    if (Atomics.load(ctl, at) === 1 && !this.broken) return Atomics.load(ctl, at + 1);
    this.abandon();
    return FAILED;
  }

  private abandon(): void {
    this.broken = true;
    void this.worker.terminate();
  }
}

let shared: HelperThread | null | undefined;

/** The helper's loop: each job runs a kernel, then sets its done word (1, or -1 when the kernel threw) and wakes the caller. */
function serve(
  port: { on(event: 'message', fn: (job: Record<string, unknown>) => void): void },
  intern: typeof internSkus,
  sweep: typeof sweepInsert,
  words: { READY: number; CANCELLED: number; INTERN: number; SWEEP: number },
): void {
  const { READY, CANCELLED, INTERN, SWEEP } = words;
  const done = (ctl: Int32Array, at: number, result: number) => {
    Atomics.store(ctl, at + 1, result);
    Atomics.store(ctl, at, 1);
    Atomics.notify(ctl, at);
  };
  port.on('message', (job) => {
    const ctl = job.ctl as Int32Array;
    const a = job as unknown as InternJob & { total: number; pairs: Int32Array };
    const at = job.kind === 'intern' ? INTERN : SWEEP;
    try {
      if (job.kind === 'intern') {
        for (let from = 0; from < a.total && Atomics.load(ctl, CANCELLED) === 0; ) {
          let ready = Atomics.load(ctl, READY);
          while (ready === from) {
            Atomics.wait(ctl, READY, from);
            ready = Atomics.load(ctl, READY);
          }
          if (Atomics.load(ctl, CANCELLED) !== 0) break;
          intern(a.table, a.mask, a.known, a.hashes, a.packed, a.ids, from, ready, a.grow);
          from = ready;
        }
        done(ctl, at, 0);
      } else {
        done(ctl, at, sweep(a.table, a.mask, a.hashes, a.pairs));
      }
    } catch {
      Atomics.store(ctl, at, -1);
      Atomics.notify(ctl, at);
    }
  });
}

// The kernels' own source, under the names this bundle gave them. `__name` is the helper some
// compilers (esbuild with keepNames, as tsx and vitest run it) call inside a function to keep its name.
// `serve` runs as source too, so it is given the ctl word numbers rather than reading them here.
const WORKER_SOURCE = `'use strict';
var __name = (fn) => fn;
${internSkus.toString()}
${sweepInsert.toString()}
${slotOrder.toString()}
const { parentPort, workerData } = require('node:worker_threads');
(${serve.toString()})(parentPort, ${internSkus.name}, ${sweepInsert.name}, ${JSON.stringify({ READY, CANCELLED, INTERN, SWEEP })});
Atomics.store(workerData.ctl, ${UP}, 1);
Atomics.notify(workerData.ctl, ${UP});
`;
