import { CurrencyCode, secretString } from '@omnisync/core';
import { z } from 'zod';

/** Settings of `createPoster`. */
export const PosterSettings = z.strictObject({
  token: secretString('Poster API access token (`account_id:hash`), sent as the `token` query parameter.'),
  account: z
    .string()
    .regex(/^[a-z0-9-]+$/i, 'expected a Poster account name such as "mycafe"')
    .optional()
    .describe(
      'The account name: calls go to https://{account}.joinposter.com/api (default https://joinposter.com/api).',
    ),
  baseUrl: z.url().optional().describe('Override the API root (tests, a proxy). Wins over `account`.'),
  currency: CurrencyCode.describe("The account's currency: Poster counts money in its minor units (kopecks)."),
  spotId: z
    .string()
    .regex(/^\d+$/, 'expected a Poster spot_id')
    .optional()
    .describe(
      'The Poster location (spot_id) orders go to when the export names no mapped location; also the spot whose prices are read.',
    ),
  spots: z
    .record(z.string().min(1), z.string().regex(/^\d+$/, 'expected a Poster spot_id'))
    .default({})
    .describe('Platform location id → Poster spot_id.'),
  applicationSecret: secretString(
    'The application secret Poster signs webhooks with (`verify`); enables parseWebhook.',
  ).optional(),
  lookbackHours: z
    .number()
    .int()
    .min(1)
    .max(48)
    .default(47)
    .describe('How far back createSale looks for an incoming order already carrying the idempotency key.'),
  timeoutMs: z.number().int().positive().default(30_000).describe('Per-attempt timeout.'),
});
export type PosterSettings = z.output<typeof PosterSettings>;
/** Poster settings as passed to `createPoster`, before defaults are filled in. */
export type PosterSettingsInput = z.input<typeof PosterSettings>;
