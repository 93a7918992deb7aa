/*
 * The one msw setup the package's tests share: an msw server in front of a
 * simulated store, and a connector pointed at it.
 */
import { clearSharedRateLimiters } from '@omnisync/core/http';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { createWooCommerce, type WooCommerceConnector } from '../woocommerce-connector';
import type { WooCommerceRuntimeOptions } from '../woocommerce-client';
import type { WooCommerceSettingsInput } from '../woocommerce-settings';
import { createWooCommerceTestStore, type WooTestStore, type WooTestStoreOptions } from './woocommerce-test-store';

/** A public documentation address (TEST-NET-3) the store's name "resolves" to, so the SSRF guard passes offline. */
export const STORE_ADDRESS = '203.0.113.10';

/**
 * Register an msw server for this test file (listen before all, reset after
 * each, close after all) and return a function that makes a fresh store.
 */
export function useWooCommerceServer() {
  const server = setupServer();
  beforeAll(() => server.listen({ onUnhandledFrame: 'error' }));
  afterEach(() => {
    server.resetHandlers();
    clearSharedRateLimiters();
  });
  afterAll(() => server.close());
  return {
    server,
    /** A new simulated store, answering from now until the test ends. */
    store(options: WooTestStoreOptions = {}): WooTestStore {
      const store = createWooCommerceTestStore(options);
      server.use(...store.handlers);
      return store;
    },
  };
}

/** A connector for the simulated store, with its credentials and fast test defaults. */
export function connectTo(
  store: WooTestStore,
  settings: Partial<WooCommerceSettingsInput> = {},
  runtime: WooCommerceRuntimeOptions = {},
): WooCommerceConnector {
  return createWooCommerce(
    {
      storeUrl: store.baseUrl,
      consumerKey: store.consumerKey,
      consumerSecret: store.consumerSecret,
      webhookSecret: store.webhookSecret,
      requestsPerSecond: 50,
      ...settings,
    },
    { resolveHost: async () => [STORE_ADDRESS], ...runtime },
  );
}

/** Collect every item of a paged read. */
export async function collect<T>(pages: AsyncIterable<{ items: T[] }>): Promise<T[]> {
  const out: T[] = [];
  for await (const page of pages) out.push(...page.items);
  return out;
}
