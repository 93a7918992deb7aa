import { z } from 'zod';

/** Per-channel scan settings (`channels.<id>.scan` in `createOmnisync`). */
export const ScanSettings = z
  .object({
    overlapMs: z
      .number()
      .int()
      .nonnegative()
      .default(5 * 60_000)
      .describe('How far before the last successful scan an `updated` scan starts, against clock skew (ms).'),
    leaseTtlMs: z
      .number()
      .int()
      .min(1000)
      .default(60_000)
      .describe('How long the scan lease lasts without renewal (ms); it is renewed at a third of this.'),
    verifyDeletionsUpTo: z
      .number()
      .int()
      .nonnegative()
      .default(200)
      .describe(
        'When a full scan leaves at most this many listings unseen, each is checked with `getListing` (where the channel has it) before it is marked deleted.',
      ),
  })
  .strict();
export type ScanSettings = z.output<typeof ScanSettings>;
/** Scan settings as passed in, before defaults are filled in. */
export type ScanSettingsInput = z.input<typeof ScanSettings>;
