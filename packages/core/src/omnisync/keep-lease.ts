import { LeaseHeldError } from '../errors/errors';
import type { Lease } from '../store/records';
import type { EngineContext } from './engine-context';

/** A held lease, renewed in the background until stopped. */
export interface HeldLease {
  /** Renew now; throws `LeaseHeldError` when the lease was lost (taken over after expiring). */
  confirm(): Promise<void>;
  /** Stop renewing and give the lease back. */
  release(): Promise<void>;
  readonly lost: boolean;
}

/**
 * Renew `lease` every third of its time to live. When a renewal finds it lost
 * (this worker stalled past the expiry and another took over), `onLost` runs
 * so the work stops before it writes what the new holder owns.
 */
export function keepLease(args: {
  ctx: EngineContext;
  lease: Lease;
  ttlMs: number;
  what: string;
  onLost(error: LeaseHeldError): void;
}): HeldLease {
  const { ctx, ttlMs } = args;
  let current = args.lease;
  let lost = false;
  const loseIt = () => {
    lost = true;
    const error = new LeaseHeldError(current.key, null, `${args.what} lost its lease: another worker`);
    args.onLost(error);
    return error;
  };
  const renew = async (): Promise<boolean> => {
    if (lost) return false;
    const next = await ctx.store.renewLease(current, ttlMs);
    if (next) current = next;
    else loseIt();
    return next !== null;
  };
  const timer = setInterval(
    () => {
      renew().catch((error) => ctx.logger.warn({ key: current.key, error: String(error) }, 'lease renewal failed'));
    },
    Math.max(250, Math.floor(ttlMs / 3)),
  );
  timer.unref?.();
  return {
    get lost() {
      return lost;
    },
    async confirm() {
      if (!(await renew())) throw new LeaseHeldError(current.key, null, `${args.what} lost its lease: another worker`);
    },
    async release() {
      clearInterval(timer);
      if (!lost) await ctx.store.releaseLease(current);
    },
  };
}
