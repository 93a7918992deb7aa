import { secretString } from '@omnisync/core';
import { z } from 'zod';

const WebhookSecret = secretString('The endpoint secret, `whsec_` + base64 of 24 to 64 random bytes.').refine(
  (value) => {
    const encoded = value.startsWith('whsec_') ? value.slice(6) : value;
    const bytes = Buffer.from(encoded, 'base64').length;
    return /^[A-Za-z0-9+/]+={0,2}$/.test(encoded) && bytes >= 24 && bytes <= 64;
  },
  'expected "whsec_" followed by base64 of 24 to 64 bytes',
);

/** Settings of `createWebhookPos`. */
export const WebhookPosSettings = z.strictObject({
  url: z.url().describe('The POS endpoint every export is POSTed to.'),
  catalogUrl: z
    .url()
    .optional()
    .describe(
      'Optional: where the POS serves its menu and stock (GET, signed the same way), for drift checks and stock.',
    ),
  secret: WebhookSecret,
  previousSecrets: z
    .array(WebhookSecret)
    .default([])
    .describe('Older secrets still signed with during a rotation (one signature each) and accepted on callbacks.'),
  connector: z
    .string()
    .min(1)
    .default('webhook')
    .describe('The connector name, also the default key of the POS ids in the menu (PosItem.externalIds[connector]).'),
  environment: z.enum(['production', 'staging', 'test']).default('production').describe('`production` requires HTTPS.'),
  allowPrivateNetwork: z
    .boolean()
    .default(false)
    .describe('Allow a POS on loopback or a private network (same LAN, tests).'),
  timeoutMs: z
    .number()
    .int()
    .positive()
    .default(15_000)
    .describe('Per-attempt timeout (Standard Webhooks suggests 15 to 30 s).'),
  maxRetries: z
    .number()
    .int()
    .nonnegative()
    .default(4)
    .describe('Retries of one delivery with backoff (429, 5xx, timeouts).'),
  toleranceSeconds: z
    .number()
    .int()
    .positive()
    .default(300)
    .describe('How old (or new) a status callback may be, in seconds.'),
});
export type WebhookPosSettings = z.output<typeof WebhookPosSettings>;
/** Webhook POS settings as passed to `createWebhookPos`, before defaults are filled in. */
export type WebhookPosSettingsInput = z.input<typeof WebhookPosSettings>;
