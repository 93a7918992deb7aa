import { z } from 'zod';

/** How the instance's classification runs (`createOmnisync({ catalog })`). */
export const CatalogOptions = z
  .object({
    parallel: z
      .boolean()
      .default(true)
      .describe(
        'Let big batches (4096+ listings or items) use one helper thread for their integer work. ' +
          'False keeps all of it on the calling thread.',
      ),
  })
  .strict();
/** Catalog options with their defaults filled in. */
export type CatalogOptions = z.output<typeof CatalogOptions>;
/** Catalog options as passed in, before defaults are filled in. */
export type CatalogOptionsInput = z.input<typeof CatalogOptions>;
