import { z } from 'zod';
import { parseSettings } from '../settings/parse-settings';

/**
 * How one channel's quantity is derived from POS stock (seed 004: quantity
 * sync yes/no or exact, from chosen warehouses, remove items at zero).
 * Options are strict: a misspelt field is an error, not a silent default.
 */
export const QuantityRules = z
  .object({
    enabled: z
      .boolean()
      .default(true)
      .describe('Push quantities to this channel at all. Off: the channel is planned and explained, never written.'),
    warehouses: z
      .array(z.string().min(1))
      .min(1)
      .nullish()
      .describe(
        "Warehouses whose stock counts. Unset: the POS's default warehouses (every warehouse when it has none).",
      ),
    subtractReserved: z
      .boolean()
      .default(true)
      .describe('Subtract units reserved by imported, unfulfilled orders on every channel.'),
    buffer: z
      .number()
      .int()
      .nonnegative()
      .default(0)
      .describe('Safety stock held back from this channel, in units (covers the time a sync takes).'),
    share: z
      .number()
      .gt(0)
      .max(1)
      .default(1)
      .describe('The fraction of what remains after the buffer this channel may sell (rounded down). 1 = all of it.'),
    mode: z
      .enum(['exact', 'availability'])
      .default('exact')
      .describe('`exact`: send the quantity. `availability`: send only in stock or not (see `inStockQuantity`).'),
    inStockQuantity: z
      .number()
      .int()
      .positive()
      .default(1)
      .describe('In `availability` mode, the quantity sent for "in stock" (0 is sent for "out of stock").'),
    deactivateAtZero: z
      .boolean()
      .default(false)
      .describe(
        'Deactivate the listing when its quantity reaches 0 and reactivate it on restock (only listings omnisync deactivated). Needs the deactivateListing capability; elsewhere a notice.',
      ),
  })
  .strict();

/** The quantity rules of one channel, parsed (defaults applied). */
export type QuantityRules = z.output<typeof QuantityRules>;
/** The quantity rules as a host writes them. */
export type QuantityRulesInput = z.input<typeof QuantityRules>;

/**
 * Parse a channel's `inventory` settings. Throws `InvalidSettingsError` naming
 * the channel and each bad path (e.g. `channels.shop.inventory: buffer: ...`).
 */
export function parseQuantityRules(channelId: string, input: unknown): QuantityRules {
  return parseSettings(`channels.${channelId}.inventory`, QuantityRules, input ?? {});
}
