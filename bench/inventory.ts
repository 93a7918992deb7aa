/**
 * Inventory push under a burst: 10k POS stock changes over 5k SKUs, pushed
 * through the stock outbox into 3 mock channels served over loopback HTTP, then a bare hand-batched
 * push of the same final quantities through the same connectors as the
 * in-process baseline.
 *
 * Prints, per channel: requests sent (target: ceil(changed SKUs / batch limit)),
 * time until every channel holds the expected quantity, and 429s (target 0).
 *
 * Run: npx tsx --conditions=@omnisync/source bench/inventory.ts [--skus=5000] [--changes=10000] [--rate=50] [--burst=100]
 */
import {
  type ChannelConnectorV1,
  createMemoryStore,
  createOmnisync,
  type Omnisync,
  type StockUpdate,
} from '../packages/core/src/index';
import {
  createMockChannel,
  createMockHttpConnector,
  createMockPos,
  type MockChannel,
  type MockPos,
  startMockServer,
} from '../packages/mock/src/index';
import { generateStockBursts } from '../packages/testkit/src/generators/generate-stock-bursts';

const arg = (name: string, fallback: number) =>
  Number(process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback);
const SKUS = arg('skus', 5000);
const CHANGES = arg('changes', 10_000);
const START_QUANTITY = 100;
const BATCH_LIMIT = 50;
const RATE = arg('rate', 50);
const BURST = arg('burst', 100);
const CHANNEL_IDS = ['shopee', 'tokopedia', 'tiktok'];

interface BenchChannel {
  id: string;
  mock: MockChannel;
  connector: ChannelConnectorV1;
  /** Requests that reached the channel's stock endpoint, and how many were refused with 429. */
  stockRequests(): { total: number; rateLimited: number };
  close(): Promise<void>;
}

/** A mock marketplace served on loopback HTTP (token bucket RATE/s, burst BURST), reached through its HTTP-kit connector. */
async function openChannel(id: string, skus: readonly string[]): Promise<BenchChannel> {
  const mock = createMockChannel({
    channelId: id,
    batchLimit: BATCH_LIMIT,
    listings: skus.map((sku, n) => ({ listingId: String(n + 1), sku, quantity: START_QUANTITY })),
  });
  const server = await startMockServer(mock, { rateLimit: { ratePerSecond: RATE, burst: BURST } });
  const connector = createMockHttpConnector({
    baseUrl: server.url,
    apiKey: server.apiKey,
    channelId: id,
    batchLimit: BATCH_LIMIT,
    pageSize: 500,
  });
  return {
    id,
    mock,
    connector,
    stockRequests: () => ({
      total: mock.callsTo('updateStock').length,
      rateLimited: mock.calls.filter((c) => c.errorCode === 'CHANNEL_RATE_LIMITED').length,
    }),
    close: () => server.close(),
  };
}

async function snapshot(omni: Omnisync, channels: readonly BenchChannel[]): Promise<void> {
  for (const channel of channels) {
    const scanId = `bench-${channel.id}`;
    for await (const page of channel.connector.listListings({ status: 'all' })) {
      await omni.store.upsertListings(omni.tenantId, channel.id, page.items, scanId);
    }
  }
}

function expectedQuantities(pos: MockPos, skus: readonly string[]): Map<string, number> {
  return new Map(skus.map((sku) => [sku, Math.max(0, pos.availableOf(sku))]));
}

function mismatches(channel: BenchChannel, expected: Map<string, number>, skus: readonly string[]): number {
  return skus.filter((sku, n) => channel.mock.quantityOf({ listingId: String(n + 1) }) !== expected.get(sku)).length;
}

/** The baseline: the same final quantities, hand-batched and sent straight to each connector. */
async function barePush(channels: readonly BenchChannel[], updates: StockUpdate[]): Promise<number> {
  const started = performance.now();
  await Promise.all(
    channels.map(async (channel) => {
      for (let i = 0; i < updates.length; i += BATCH_LIMIT) {
        await channel.connector.updateStock(updates.slice(i, i + BATCH_LIMIT), { priority: 'stock' });
      }
    }),
  );
  return performance.now() - started;
}

async function main(): Promise<void> {
  const skus = Array.from({ length: SKUS }, (_, n) => `SKU-${String(n + 1).padStart(6, '0')}`);
  const pos = createMockPos({ items: skus.map((sku) => ({ id: sku, sku, name: sku, quantity: START_QUANTITY })) });
  const channels = await Promise.all(CHANNEL_IDS.map((id) => openChannel(id, skus)));
  const omni = createOmnisync({
    pos,
    channels: Object.fromEntries(channels.map((c) => [c.id, c.connector])),
    store: createMemoryStore(),
  });
  await snapshot(omni, channels);

  const burst = generateStockBursts({ seed: 20261124, changes: CHANGES, itemIds: skus });
  const queuedAt = performance.now();
  for (const change of burst) {
    pos.adjustStock(change.itemId, change.delta);
    await omni.stockChanged([change.itemId], change.delta < 0 ? 'sale' : 'adjustment');
  }
  const drainAt = performance.now();
  let firstPushAt = 0;
  const report = await omni.pushPendingStock({
    onProgress: (p) => {
      if (p.phase === 'planned' && firstPushAt === 0) firstPushAt = performance.now();
    },
  });
  const doneAt = performance.now();

  const expected = expectedQuantities(pos, skus);
  const changed = skus.filter((sku) => expected.get(sku) !== START_QUANTITY);
  const target = Math.ceil(changed.length / BATCH_LIMIT);
  const touched = new Set(burst.map((c) => c.itemId)).size;
  console.log(
    `inventory burst: ${CHANGES} stock changes over ${touched} of ${SKUS} SKUs (${changed.length} changed quantity) into 3 mock HTTP channels at ${RATE} req/s, burst ${BURST}, batch limit ${BATCH_LIMIT}`,
  );
  console.log(`  enqueue (stockChanged x ${CHANGES}): ${(drainAt - queuedAt).toFixed(0)} ms`);
  console.log(
    `  time until every channel holds the expected quantity (pushPendingStock): ${(doneAt - drainAt).toFixed(0)} ms in ${report.rounds} round(s), of which planning (claim, read POS items, listings and stock) ${(firstPushAt - drainAt).toFixed(0)} ms`,
  );
  const drainRequests: Record<string, { total: number; rateLimited: number }> = {};
  for (const channel of channels) {
    const sent = channel.stockRequests();
    drainRequests[channel.id] = sent;
    const wrong = mismatches(channel, expected, skus);
    console.log(
      `  ${channel.id.padEnd(10)} stock requests ${sent.total} (target ${target}, ratio ${(sent.total / target).toFixed(2)}; a push per change would send ${CHANGES}), 429s ${sent.rateLimited} (scan included), listings off ${wrong}`,
    );
  }

  const updates: StockUpdate[] = changed.map((sku) => ({
    listingId: String(skus.indexOf(sku) + 1),
    quantity: expected.get(sku) as number,
  }));
  // Let every server's bucket refill, so the baseline starts from the same budget.
  await new Promise((resolve) => setTimeout(resolve, (BURST / RATE) * 1000 + 200));
  const bareMs = await barePush(channels, updates);
  console.log(`  baseline (hand-batched push of the same ${updates.length} quantities): ${bareMs.toFixed(0)} ms`);
  console.log(`  time to consistency, omnisync / baseline: ${((doneAt - drainAt) / bareMs).toFixed(2)}x`);
  for (const channel of channels) {
    const after = channel.stockRequests();
    const before = drainRequests[channel.id] as { total: number; rateLimited: number };
    console.log(
      `  baseline ${channel.id.padEnd(10)} requests ${after.total - before.total}, 429s ${after.rateLimited - before.rateLimited}`,
    );
  }
  await Promise.all(channels.map((c) => c.close()));
}

await main();
