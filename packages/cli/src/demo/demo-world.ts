import { rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { type ChannelConfig, createOmnisync, type Listing, type Omnisync, type SyncStore } from '@omnisync/core';
import {
  createMockChannel,
  createMockHttpConnector,
  createMockPos,
  type MockFaults,
  type MockPos,
  type MockServer,
  startMockServer,
} from '@omnisync/mock';
import { createSqliteStore } from '@omnisync/store-sqlite';
import { type GeneratedCatalog, generateCatalog } from '@omnisync/testkit';

/** The demo's three marketplaces: how much of the catalog each lists. */
export const DEMO_CHANNELS = [
  { id: 'shopee', name: 'Shopee (mock)', coverage: 0.9 },
  { id: 'tokopedia', name: 'Tokopedia (mock)', coverage: 0.7 },
  { id: 'webshop', name: 'Web shop (mock)', coverage: 0.45 },
] as const;

export interface DemoOptions {
  items: number;
  seed: number;
  chaos: boolean;
  storePath: string;
  /** Requests per second each mock channel allows. */
  rate: number;
}

/** Everything the demo runs against: mock HTTP channels, a mock POS, a SQLite store, and the instance. */
export interface DemoWorld {
  omni: Omnisync;
  pos: MockPos;
  servers: Record<string, MockServer>;
  catalog: GeneratedCatalog;
  store: SyncStore;
  retries: { count: number; byStatus: Record<string, number> };
  close(): Promise<void>;
}

/** Faults `--chaos` switches on: what an 11.11 sale does to channel servers. */
export const CHAOS_FAULTS: MockFaults = {
  latency: { minMs: 2, maxMs: 40 },
  rateLimit: { rate: 0.06, retryAfterSeconds: 1 },
  serverError: { rate: 0.06, status: 503 },
};

const ORDER_RULES = { payments: { unmapped: 'pass-through' }, delivery: { unmapped: 'pass-through' } };

function toMockListing(l: Listing) {
  return {
    listingId: l.listingId,
    sku: l.sku,
    title: l.title,
    quantity: l.quantity ?? 0,
    price: l.price ?? null,
    status: l.status,
  };
}

/** Start the demo's world: a generated catalog with missing, duplicated and channel-only SKUs. */
export async function startDemoWorld(options: DemoOptions): Promise<DemoWorld> {
  const catalog = generateCatalog({
    seed: options.seed,
    products: options.items,
    variantShare: 0.15,
    duplicateSkuShare: 0.01,
    emptySkuShare: 0.01,
    caseVariantShare: 0.01,
    whitespaceVariantShare: 0.01,
    unknownSkuShare: 0.02,
    multipleListingShare: 0.01,
    channels: DEMO_CHANNELS.map(({ id, coverage }) => ({ id, coverage })),
  });
  const pos = createMockPos({ items: catalog.items, stock: catalog.stock, seed: options.seed });
  const path = resolve(options.storePath);
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${path}${suffix}`, { force: true });
  const store = await createSqliteStore({ path });
  const retries = { count: 0, byStatus: {} as Record<string, number> };
  const servers: Record<string, MockServer> = {};
  const channels: Record<string, ChannelConfig> = {};
  for (const { id, name } of DEMO_CHANNELS) {
    const channel = createMockChannel({
      channelId: id,
      seed: `${options.seed}-${id}`,
      listings: (catalog.listings[id] ?? []).map(toMockListing),
      faults: options.chaos ? CHAOS_FAULTS : {},
      batchLimit: 50,
    });
    const server = await startMockServer(channel, {
      rateLimit: { ratePerSecond: options.rate, burst: Math.max(5, Math.round(options.rate / 2)) },
    });
    servers[id] = server;
    const connector = createMockHttpConnector({
      baseUrl: server.url,
      apiKey: server.apiKey,
      channelId: id,
      pageSize: 100,
      batchLimit: 50,
      onRetry: (event) => {
        retries.count++;
        const key = String(event.status ?? 'network');
        retries.byStatus[key] = (retries.byStatus[key] ?? 0) + 1;
      },
    });
    channels[id] = { connector, name, orders: ORDER_RULES };
  }
  const omni = createOmnisync({ pos, channels, store, workerId: 'omnisync-demo' });
  return {
    omni,
    pos,
    servers,
    catalog,
    store,
    retries,
    async close() {
      await omni.close();
      await Promise.all(Object.values(servers).map((s) => s.close()));
      await store.close();
    },
  };
}
