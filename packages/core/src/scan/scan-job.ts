import { EventEmitter } from 'eventemitter3';
import { OperationAbortedError } from '../errors/errors';
import type { ScanProgress } from '../events';
import type { ScanReport, ScanType } from './scan-types';

/** Events of a background scan job. */
export interface ScanJobEvents {
  /** After every page: pages read, listings seen, and the channel's total when it reports one. */
  progress: (progress: ScanProgress) => void;
}

/**
 * A scan running in the background (`omni.startScan`). Listen to `progress`,
 * await `done`, or `cancel()` it. A cancelled or failed scan marks nothing
 * deleted and does not move the `updated` cursor; `done` then rejects with
 * `OperationAbortedError` or `ScanFailedError`.
 */
export class ScanJob extends EventEmitter<ScanJobEvents> {
  readonly id: string;
  readonly channelId: string;
  /** The type that runs (an `updated` scan with no earlier scan runs as `full`). */
  readonly type: ScanType;
  readonly requestedType: ScanType;
  /** Resolves with the report when the scan completes. */
  readonly done: Promise<ScanReport>;
  private latest: ScanProgress;
  private readonly controller = new AbortController();

  constructor(args: {
    id: string;
    channelId: string;
    type: ScanType;
    requestedType: ScanType;
    run: (job: ScanJob, signal: AbortSignal) => Promise<ScanReport>;
  }) {
    super();
    this.id = args.id;
    this.channelId = args.channelId;
    this.type = args.type;
    this.requestedType = args.requestedType;
    this.latest = {
      scanId: args.id,
      channelId: args.channelId,
      type: args.type,
      pages: 0,
      listingsSeen: 0,
      total: null,
    };
    // Start after the current macrotask, so a caller can attach listeners to the job first.
    this.done = new Promise<void>((resolve) => setImmediate(resolve)).then(() =>
      args.run(this, this.controller.signal),
    );
    // A background job nobody awaits must not become an unhandled rejection.
    this.done.catch(() => {});
  }

  /** The latest progress. */
  get progress(): ScanProgress {
    return this.latest;
  }

  /** True once `cancel()` was called or the scan lost its lease. */
  get cancelled(): boolean {
    return this.controller.signal.aborted;
  }

  /** Stop the scan: it ends after the page in flight, marks nothing deleted and keeps the cursor. */
  cancel(reason?: string): void {
    if (this.controller.signal.aborted) return;
    const what = `The ${this.type} scan of channel "${this.channelId}"`;
    this.controller.abort(new OperationAbortedError(reason ? `${what} (${reason})` : what));
  }

  /** Stop the scan with a failure (e.g. its lease was lost). @internal */
  abortWith(error: Error): void {
    if (!this.controller.signal.aborted) this.controller.abort(error);
  }

  /** Record and announce progress. @internal */
  report(progress: ScanProgress): void {
    this.latest = progress;
    this.emit('progress', progress);
  }
}
