import { parseSettings } from '@omnisync/core';
import { z } from 'zod';

const rate = z.number().min(0).max(1);
const ms = z.number().int().nonnegative();

/** The fault settings schema (rates are probabilities 0..1). */
export const MockFaultsSchema = z
  .object({
    latency: z.union([ms, z.object({ minMs: ms, maxMs: ms }).refine((l) => l.maxMs >= l.minMs, 'maxMs below minMs')]),
    rateLimit: z.object({ rate, retryAfterSeconds: z.number().nonnegative().optional() }),
    serverError: z.object({ rate, status: z.number().int().min(500).max(599).optional() }),
    timeout: z.object({ rate, afterMs: ms.optional() }),
    webhooks: z.object({ lose: rate.optional(), duplicate: rate.optional(), reorder: rate.optional() }),
    listingChangedDuringScan: rate,
    catalogShift: z.object({ rate, kind: z.enum(['repeat', 'skip', 'both']).optional() }),
    malformedPayload: rate,
    methods: z.array(z.string()),
  })
  .partial()
  .strict();

const capabilityFlags = z.record(z.string(), z.boolean());

const ChannelSettings = z.object({
  channelId: z.string().min(1).optional(),
  seed: z.union([z.string(), z.number()]).optional(),
  catalogSize: z.number().int().nonnegative().optional(),
  batchLimit: z.number().int().positive().optional(),
  pageSize: z.number().int().positive().optional(),
  currency: z
    .string()
    .regex(/^[A-Z]{3}$/, 'expected an ISO 4217 code')
    .optional(),
  webhookSecret: z.string().min(1).optional(),
  capabilities: capabilityFlags.optional(),
  faults: MockFaultsSchema.optional(),
});

const PosSettings = z.object({
  seed: z.union([z.string(), z.number()]).optional(),
  warehouses: z.array(z.string().min(1)).min(1).optional(),
  currencies: z
    .array(z.string().regex(/^[A-Z]{3}$/, 'expected an ISO 4217 code'))
    .nullable()
    .optional(),
  pageSize: z.number().int().positive().optional(),
  webhookSecret: z.string().min(1).optional(),
  capabilities: capabilityFlags.optional(),
});

function pick(options: object, keys: readonly string[]): Record<string, unknown> {
  return Object.fromEntries(Object.entries(options).filter(([k, v]) => keys.includes(k) && v !== undefined));
}

/** Check the scalar options of `createMockChannel`; a bad one throws `InvalidSettingsError` naming the path. */
export function checkChannelOptions(options: object): void {
  parseSettings('mock channel', ChannelSettings, pick(options, Object.keys(ChannelSettings.shape)));
}

/** Check the scalar options of `createMockPos`; a bad one throws `InvalidSettingsError` naming the path. */
export function checkPosOptions(options: object): void {
  parseSettings('mock POS', PosSettings, pick(options, Object.keys(PosSettings.shape)));
}

/** Check faults passed to `setFaults`. */
export function checkFaults(faults: unknown): void {
  parseSettings('mock faults', MockFaultsSchema, faults);
}
