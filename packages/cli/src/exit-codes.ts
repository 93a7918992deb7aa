/**
 * Exit codes a cron job can act on.
 * - 0 `OK`: everything done.
 * - 1 `FAILED`: the run failed (see the message; retrying later may help when it says so).
 * - 2 `USAGE`: bad arguments or an invalid config file (fix the named key).
 * - 3 `ATTENTION`: done, but something needs a person (orders waiting on a rule, items that failed, oversold notices).
 * - 4 `BUSY`: another worker holds the lease for this channel account; try again later.
 */
export const EXIT = { OK: 0, FAILED: 1, USAGE: 2, ATTENTION: 3, BUSY: 4 } as const;
/** One of the process exit codes in `EXIT`. */
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];
