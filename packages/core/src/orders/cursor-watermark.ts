/**
 * Decides where the order cursor may move after a download pass. Pages need
 * not be sorted, so the cursor moves only at the end of a complete pass: to the
 * newest `updatedAt` stored, but never past the oldest order left unfinished
 * (a transient failure, or one another worker is still importing), which is
 * then read again next time.
 */
export class CursorWatermark {
  private newestDone: number | null = null;
  private oldestUnfinished: number | null = null;

  /** The order's outcome is stored (imported, updated, unchanged, skipped, waiting or failed for good). */
  done(updatedAt: string): void {
    const t = Date.parse(updatedAt);
    if (this.newestDone === null || t > this.newestDone) this.newestDone = t;
  }

  /** The order must be read again (transient failure, in progress elsewhere). */
  unfinished(updatedAt: string): void {
    const t = Date.parse(updatedAt);
    if (this.oldestUnfinished === null || t < this.oldestUnfinished) this.oldestUnfinished = t;
  }

  /**
   * The next cursor value, or null to leave the cursor where it is. It never
   * goes back before `current`, and stops just before the oldest unfinished order.
   */
  next(current: string | null): string | null {
    let target = this.newestDone;
    if (this.oldestUnfinished !== null) {
      const beforeUnfinished = this.oldestUnfinished - 1;
      target = target === null ? null : Math.min(target, beforeUnfinished);
    }
    if (target === null) return null;
    if (current !== null && target <= Date.parse(current)) return null;
    return new Date(target).toISOString();
  }
}
