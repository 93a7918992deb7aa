/**
 * The time limit of one attempt, from sending to the last byte of the body
 * (a server that sends headers and then stalls is caught too). Its `signal`
 * aborts on the caller's signal or at the deadline; `expired` tells which.
 */
export class AttemptDeadline {
  readonly signal: AbortSignal;
  private readonly controller = new AbortController();
  private readonly timer: ReturnType<typeof setTimeout>;
  private timedOut = false;

  constructor(timeoutMs: number, callerSignal: AbortSignal | undefined) {
    this.timer = setTimeout(() => {
      this.timedOut = true;
      this.controller.abort();
    }, timeoutMs);
    this.signal = callerSignal ? AbortSignal.any([callerSignal, this.controller.signal]) : this.controller.signal;
  }

  /** True once the deadline has passed. */
  get expired(): boolean {
    return this.timedOut;
  }

  /** Stop the timer (the attempt is over). */
  clear(): void {
    clearTimeout(this.timer);
  }
}
