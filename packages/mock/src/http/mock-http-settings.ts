import { secretString } from '@omnisync/core';
import { z } from 'zod';

/** Settings of `createMockHttpConnector`, validated when the factory runs. */
export const MockHttpSettings = z
  .object({
    baseUrl: z
      .string()
      .url()
      .describe('Base URL of the mock server, e.g. http://127.0.0.1:4010 (the API is under /api/v1).'),
    apiKey: secretString('The mock API key, sent as a Bearer token (the server default is mock-api-key).').default(
      'mock-api-key',
    ),
    webhookSecret: secretString('The HMAC secret webhook deliveries are signed with.').default('mock-webhook-secret'),
    channelId: z.string().min(1).default('mock').describe('The channelId on listings and orders.'),
    pagination: z
      .enum(['offset', 'cursor'])
      .default('offset')
      .describe('Listing pagination: offset pages or a cursor.'),
    pageSize: z.number().int().min(1).max(500).default(100).describe('Listings or orders per page.'),
    batchLimit: z.number().int().positive().default(50).describe("The server's stock batch limit."),
    concurrency: z.number().int().min(1).max(16).default(4).describe('Pages fetched at once (offset pagination).'),
    timeoutMs: z.number().int().positive().default(10_000).describe('Per-attempt timeout.'),
    capabilities: z
      .object({
        getListing: z.boolean(),
        createListing: z.boolean(),
        getOrder: z.boolean(),
        updateOrderStatus: z.boolean(),
        webhooks: z.boolean(),
        updatedSinceListings: z.boolean(),
        compareAndSetStock: z.boolean(),
        deactivateListing: z.boolean(),
        methodLists: z.boolean(),
        concurrentPages: z.boolean(),
      })
      .partial()
      .default({})
      .describe('Capabilities to switch off (all on by default).'),
  })
  .strict();

/** Settings of `createMockHttpConnector` as given. */
export type MockHttpSettingsInput = z.input<typeof MockHttpSettings>;
/** Settings of `createMockHttpConnector` after validation. */
export type MockHttpSettings = z.output<typeof MockHttpSettings>;
