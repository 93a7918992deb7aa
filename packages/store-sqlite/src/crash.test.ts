import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { createOmnisync, type LedgerEntry, type SyncStore } from '@omnisync/core';
import {
  createMockChannel,
  createMockPos,
  createRandom,
  type MockChannel,
  type MockPos,
  type MockServer,
  startMockServer,
} from '@omnisync/mock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleWorker } from './__fixtures__/bundle-worker';
import { serveConnectors } from './__fixtures__/connector-bridge';
import { CRASH_ORDER_RULES } from './__fixtures__/crash-worker-rules';
import { createSqliteStore } from './sqlite-store';

const WORKER = fileURLToPath(new URL('./__fixtures__/crash-worker.ts', import.meta.url));
const SEED = 20261124;
const RUNS = 24;
const TENANT = 'default';
const SKUS = ['TS-RED-M', 'TS-BLUE-L', 'MUG-01', 'CAP-02'];

/** The outside world, living in the test process: it survives every kill. */
interface World {
  channel: MockChannel;
  pos: MockPos;
  /** Per POS item: the sequence number of its last stock change, and of the last push that landed on its listing. */
  lastChange: Map<string, number>;
  lastPush: Map<string, number>;
  store: SyncStore;
}

function createWorld(store: SyncStore): World {
  const channel = createMockChannel({
    channelId: 'shop',
    pageSize: 5,
    listings: SKUS.map((sku) => ({ sku, quantity: 5_000, price: '100000' })),
  });
  const pos = createMockPos({ items: SKUS.map((sku) => ({ sku, quantity: 5_000 })) });
  const world: World = { channel, pos, store, lastChange: new Map(), lastPush: new Map() };
  let sequence = 0;
  const available = new Map<string, number>();
  pos.events.on('stock:changed', (e) => {
    // Only a change of what can be sold needs a push (completing a sale moves on-hand and reserved together).
    if (available.get(e.itemId) !== e.onHand - e.reserved) world.lastChange.set(e.itemId, ++sequence);
    available.set(e.itemId, e.onHand - e.reserved);
  });
  const itemOfListing = (listingId: string) => {
    const sku = channel.listings().find((l) => l.listingId === listingId)?.sku;
    return pos.items().find((i) => i.sku === sku)?.id ?? '';
  };
  // Every stock write reaches the marketplace here, whether it came over HTTP or in memory.
  const market = channel.marketplace;
  const applyStockUpdates = market.applyStockUpdates.bind(market);
  market.applyStockUpdates = (...args: Parameters<typeof applyStockUpdates>) => {
    const results = applyStockUpdates(...args);
    for (const r of results) if (r.ok) world.lastPush.set(itemOfListing(r.listingId), ++sequence);
    return results;
  };
  return world;
}

/** What the store says the channel holds for the item's listing: the last push, else the last scan. */
async function knownQuantity(world: World, itemId: string): Promise<number | null> {
  const sku = world.pos.items().find((i) => i.id === itemId)?.sku;
  const listingId = world.channel.listings().find((l) => l.sku === sku)?.listingId ?? '';
  const snapshot = await world.store.getListing(TENANT, 'shop', listingId);
  return snapshot?.pushedQuantity ?? snapshot?.quantity ?? null;
}

let workerBundle = '';
const started: ChildProcess[] = [];

function startWorker(path: string, urls: { channel: string; pos: string }, mode: 'loop' | 'finish') {
  const args = [workerBundle, path, urls.channel, urls.pos, mode];
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  started.push(child);
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  return { child, stdout: () => stdout, stderr: () => stderr };
}

const exited = (child: ChildProcess) =>
  new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null)
      resolve({ code: child.exitCode, signal: child.signalCode });
    else child.once('exit', (code, signal) => resolve({ code, signal }));
  });

async function untilReady(worker: ReturnType<typeof startWorker>): Promise<void> {
  const deadline = Date.now() + 20_000;
  while (!worker.stdout().includes('ready')) {
    if (worker.child.exitCode !== null || Date.now() > deadline) throw new Error(`worker died: ${worker.stderr()}`);
    await sleep(2);
  }
}

async function allLedger(store: SyncStore): Promise<LedgerEntry[]> {
  const all: LedgerEntry[] = [];
  let after: string | null = null;
  do {
    const page = await store.listLedgerEntries({ tenantId: TENANT, channelId: 'shop', after, limit: 500 });
    all.push(...page.items);
    after = page.next;
  } while (after);
  return all;
}

/**
 * What must hold at any instant, even right after a SIGKILL: no order has two
 * POS sales; the ledger points only at an order's own sale; the order cursor
 * is not past any order the ledger lacks; and every POS stock change has been
 * pushed, or waits in the outbox, or belongs to an order whose import was cut
 * short (its restart enqueues it).
 */
async function invariants(world: World, { settled }: { settled: boolean }): Promise<string[]> {
  const { store, channel, pos } = world;
  const problems: string[] = [];
  const sales = new Map<string, number>();
  for (const sale of pos.sales()) sales.set(sale.order.externalId, (sales.get(sale.order.externalId) ?? 0) + 1);
  for (const [order, count] of sales) if (count > 1) problems.push(`order ${order} has ${count} POS sales`);
  const ledger = new Map((await allLedger(store)).map((e) => [e.externalId, e]));
  for (const entry of ledger.values()) {
    if (entry.saleId && pos.sale({ saleId: entry.saleId })?.order.externalId !== entry.externalId) {
      problems.push(`ledger ${entry.externalId} points at sale ${entry.saleId}, not its own`);
    }
  }
  const cursor = await store.getCursor(TENANT, 'orders:shop');
  for (const order of cursor ? channel.orders() : []) {
    if (Date.parse(order.updatedAt) > Date.parse(cursor!.value)) continue;
    const stored = ledger.get(order.externalId)?.channelUpdatedAt;
    if (!stored || Date.parse(stored) < Date.parse(order.updatedAt)) {
      problems.push(`cursor ${cursor!.value} is past order ${order.externalId} (${order.updatedAt}), not stored`);
    }
  }
  const pending = new Set((await store.listOutbox({ tenantId: TENANT, topic: 'stock' })).map((e) => e.key));
  // Items of channel orders not imported yet (never downloaded, or cut short by a kill): the POS may hold
  // their sale already, and after a compare-and-set conflict the channel rightly holds the rules' figure
  // minus those sales. The next download imports them and enqueues their items; the settled check is exact.
  const interrupted = new Set(
    channel
      .orders()
      .filter((o) => !settled && ledger.get(o.externalId)?.state !== 'imported')
      .flatMap((o) => o.lines)
      .map((line) => pos.items().find((i) => i.sku === line.sku)?.id),
  );
  for (const [itemId, changed] of world.lastChange) {
    if (changed < (world.lastPush.get(itemId) ?? 0) || pending.has(itemId) || interrupted.has(itemId)) continue;
    // Acknowledged without a push is right only when the channel already holds what the rules give.
    if ((await knownQuantity(world, itemId)) === pos.availableOf({ itemId })) continue;
    problems.push(`stock change of item ${itemId} was neither pushed nor queued`);
  }
  return problems;
}

describe('crash safety: a worker killed with SIGKILL at random points, then restarted', () => {
  let dir: string;
  let world: World;
  let posServer: Awaited<ReturnType<typeof serveConnectors>>;
  let channelServer: MockServer;
  let urls: { channel: string; pos: string };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'omnisync-crash-'));
    workerBundle = await bundleWorker(WORKER, join(dir, 'crash-worker.mjs'));
    world = createWorld(await createSqliteStore({ path: join(dir, 'omnisync.db') }));
    channelServer = await startMockServer(world.channel, { rateLimit: false });
    posServer = await serveConnectors({ pos: world.pos });
    urls = { channel: channelServer.url, pos: posServer.url };
    // What a full scan records, so that stock pushes know the channel's listings.
    for await (const page of world.channel.listListings({ status: 'all' })) {
      await world.store.upsertListings(TENANT, 'shop', page.items, 'seed-scan');
    }
  });

  afterAll(async () => {
    for (const child of started) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await world?.store.close();
    await channelServer?.close();
    await posServer?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it(`imports every order exactly once and loses no stock change across ${RUNS} kills`, async () => {
    const { channel, pos, store } = world;
    const path = join(dir, 'omnisync.db');
    const random = createRandom(SEED);
    const sell = () => channel.sell({ sku: random.pick(SKUS), quantity: random.int(1, 3), status: 'paid' });
    // Some orders move on, so restarts meet status updates as well as new orders.
    const moveOne = () => {
      const order = random.pick(channel.orders());
      if (order?.status === 'paid') channel.ship(order.externalId);
      else if (order?.status === 'shipped') channel.complete(order.externalId);
    };
    const problems: string[] = [];
    for (let run = 0; run < RUNS; run++) {
      for (let i = random.int(0, 3); i > 0; i--) sell();
      if (random.chance(0.4)) moveOne();
      const worker = startWorker(path, urls, 'loop');
      await untilReady(worker);
      // Orders keep arriving while it works; the kill lands anywhere: mid-import, mid-transaction, mid-push.
      await Promise.all([sleep(random.int(0, 300)), sleep(random.int(0, 300)).then(sell)]);
      worker.child.kill('SIGKILL');
      expect((await exited(worker.child)).signal, worker.stderr()).toBe('SIGKILL');
      for (const p of await invariants(world, { settled: false })) problems.push(`after kill ${run + 1}: ${p}`);
    }
    expect(problems).toEqual([]);

    const finish = startWorker(path, urls, 'finish');
    expect((await exited(finish.child)).code, finish.stderr()).toBe(0);
    expect(JSON.parse(finish.stdout())).toEqual({ settled: true });
    expect(await invariants(world, { settled: true })).toEqual([]);

    // None lost, none twice: every channel order is imported, with exactly one POS sale.
    const orders = channel.orders();
    const ledger = await allLedger(store);
    expect(orders.length).toBeGreaterThan(RUNS);
    expect(ledger.map((e) => [e.externalId, e.state]).sort()).toEqual(
      orders.map((o) => [o.externalId, 'imported']).sort(),
    );
    expect(
      pos
        .sales()
        .map((s) => s.order.externalId)
        .sort(),
    ).toEqual(orders.map((o) => o.externalId).sort());
    expect(await store.listOutbox({ tenantId: TENANT })).toEqual([]);

    // And no channel shows more than the POS can sell.
    const omni = createOmnisync({ store, pos, channels: { shop: { connector: channel, orders: CRASH_ORDER_RULES } } });
    for (const sku of SKUS) {
      const explained = await omni.explainQuantity('shop', { sku });
      const shown = channel.listings().find((l) => l.sku === sku)?.quantity ?? 0;
      expect(shown, `${sku}: ${explained.sentence}`).toBe(explained.quantity);
    }
    await omni.close();
  }, 120_000);
});
