/** Releases a held mutex. Call it exactly once. */
export type Unlock = () => void;

/**
 * A first-in, first-out async mutex. `tryLock` takes it synchronously when it
 * is free and nobody waits, so an uncontended call costs no extra tick.
 */
export class AsyncMutex {
  private held = false;
  private readonly waiters: Array<(unlock: Unlock) => void> = [];

  /** Take the mutex now, or return null when it is held or others wait for it. */
  tryLock(): Unlock | null {
    if (this.held || this.waiters.length > 0) return null;
    this.held = true;
    return this.unlocker();
  }

  /** Wait for the mutex. */
  lock(): Promise<Unlock> {
    const now = this.tryLock();
    if (now) return Promise.resolve(now);
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  private unlocker(): Unlock {
    let done = false;
    return () => {
      if (done) return;
      done = true;
      const next = this.waiters.shift();
      // Hand over directly, so a newcomer's tryLock cannot jump the queue.
      if (next) next(this.unlocker());
      else this.held = false;
    };
  }
}
