import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type ChannelConfig,
  createOmnisync,
  type Logger,
  type Notice,
  type Omnisync,
  OmnisyncError,
  WebhookSignatureError,
} from '@omnisync/core';
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
import { createRandom } from '@omnisync/testkit';

/** Secrets the test hunts for in every notice and action-log entry: none may appear. */
export const API_KEY = 'e2e-api-key-7f3c9a1d5b';
export const WEBHOOK_SECRET = 'e2e-whsec-4b8e2f60c1';

/** The sale day's marketplaces; `webshop` holds one unit back per listing (buffer 1). */
export const CHANNELS = [
  { id: 'shopee', buffer: 0 },
  { id: 'tokopedia', buffer: 0 },
  { id: 'webshop', buffer: 1 },
] as const;
export type ChannelId = (typeof CHANNELS)[number]['id'];

/** SKUs with a single unit, listed on the two buffer-free channels: both sell it at once. */
export const LAST_UNIT_SKUS = ['LAST-1', 'LAST-2', 'LAST-3', 'LAST-4'];
/** SKUs with plenty of stock, listed everywhere. */
export const REGULAR_SKUS = Array.from({ length: 30 }, (_, n) => `E2E-${String(n + 1).padStart(3, '0')}`);

/** What 11.11 does to channel servers: slow answers, 429 with a short Retry-After, 503, and webhook chaos. */
export const SALE_DAY_FAULTS: MockFaults = {
  latency: { minMs: 1, maxMs: 6 },
  rateLimit: { rate: 0.1, retryAfterSeconds: 0.02 },
  serverError: { rate: 0.1, status: 503 },
  webhooks: { lose: 0.2, duplicate: 0.2, reorder: 0.2 },
};

const ORDER_RULES = { payments: { unmapped: 'pass-through' }, delivery: { unmapped: 'pass-through' } };

/** One omnisync worker: its own store client on the shared file, its own HTTP connectors. */
export interface Worker {
  id: string;
  omni: Omnisync;
  notices: Notice[];
  /** Every line the engine and its HTTP connectors logged, as JSON. */
  logLines: string[];
  leaseHeld: number;
  transient: string[];
  unexpected: unknown[];
  close(): Promise<void>;
}

/** The whole sale-day world: POS, mock marketplaces over loopback HTTP, a webhook receiver, two workers. */
export interface SaleDayWorld {
  pos: MockPos;
  servers: Record<ChannelId, MockServer>;
  workers: [Worker, Worker];
  retries: { count: number; byStatus: Record<string, number> };
  webhooks: { received: number; answered: Record<string, number> };
  close(): Promise<void>;
}

function seededPos(seed: number): MockPos {
  const r = createRandom(seed);
  const regular = REGULAR_SKUS.map((sku) => ({ id: `item-${sku}`, sku, name: sku, quantity: r.int(40, 70) }));
  const last = LAST_UNIT_SKUS.map((sku) => ({ id: `item-${sku}`, sku, name: sku, quantity: 1 }));
  return createMockPos({ items: [...regular, ...last], seed: String(seed) });
}

function listingsFor(pos: MockPos, channelId: ChannelId) {
  return pos
    .items()
    .filter((item) => channelId !== 'webshop' || !LAST_UNIT_SKUS.includes(item.sku ?? ''))
    .map((item) => ({ sku: item.sku ?? '', quantity: pos.availableOf({ itemId: item.id }), price: '50000.00' }));
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/**
 * A plain node:http webhook receiver (as in examples/webhooks) that hands deliveries to
 * the two workers in turn: a marketplace's load balancer in front of two processes.
 */
async function startReceiver(workers: () => Worker[], stats: SaleDayWorld['webhooks']) {
  let turn = 0;
  const server = createServer(async (req, res) => {
    const channelId = req.url?.match(/^\/webhooks\/([\w-]+)$/)?.[1] ?? '';
    const rawBody = await readBody(req);
    const worker = workers()[turn++ % 2]!;
    stats.received++;
    let status = 200;
    try {
      const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, String(v)]));
      await worker.omni.ingestWebhook(channelId, { headers, rawBody });
    } catch (error) {
      if (WebhookSignatureError.isInstance(error)) status = 401;
      else if (OmnisyncError.isInstance(error) && error.retryable) status = 503;
      else {
        status = 500;
        worker.unexpected.push(error);
      }
    }
    stats.answered[status] = (stats.answered[status] ?? 0) + 1;
    res.writeHead(status).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function capturingLogger(lines: string[]): Logger {
  const log = (level: string) => (obj: Record<string, unknown>, msg?: string) =>
    lines.push(JSON.stringify({ level, msg, ...obj }));
  return { debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') };
}

async function startWorker(
  id: string,
  path: string,
  pos: MockPos,
  servers: Record<ChannelId, MockServer>,
  retries: SaleDayWorld['retries'],
): Promise<Worker> {
  const store = await createSqliteStore({ path });
  const logLines: string[] = [];
  const logger = capturingLogger(logLines);
  const channels: Record<string, ChannelConfig> = {};
  for (const { id: channelId, buffer } of CHANNELS) {
    const connector = createMockHttpConnector({
      baseUrl: servers[channelId].url,
      apiKey: API_KEY,
      webhookSecret: WEBHOOK_SECRET,
      channelId,
      pageSize: 10,
      batchLimit: 20,
      retry: { baseDelayMs: 5, maxDelayMs: 40, maxRetries: 6 },
      logger,
      onRetry: (event) => {
        retries.count++;
        const key = String(event.status ?? 'network');
        retries.byStatus[key] = (retries.byStatus[key] ?? 0) + 1;
      },
    });
    channels[channelId] = { connector, orders: ORDER_RULES, inventory: { buffer } };
  }
  const omni = createOmnisync({ pos, channels, store, workerId: id, logger });
  const worker: Worker = {
    id,
    omni,
    notices: [],
    logLines,
    leaseHeld: 0,
    transient: [],
    unexpected: [],
    async close() {
      await omni.close();
      await store.close();
    },
  };
  omni.on('notice', (n) => worker.notices.push(n));
  return worker;
}

/** Build the world: every channel starts listing exactly what the POS holds. */
export async function startSaleDayWorld(seed: number): Promise<SaleDayWorld> {
  const dir = mkdtempSync(join(tmpdir(), 'omnisync-sale-day-'));
  const path = join(dir, 'store.db');
  const pos = seededPos(seed);
  const retries = { count: 0, byStatus: {} as Record<string, number> };
  const webhooks = { received: 0, answered: {} as Record<string, number> };
  const holder: { workers: Worker[] } = { workers: [] };
  const receiver = await startReceiver(() => holder.workers, webhooks);
  const servers = {} as Record<ChannelId, MockServer>;
  for (const { id } of CHANNELS) {
    const channel = createMockChannel({
      channelId: id,
      seed: `${seed}-${id}`,
      listings: listingsFor(pos, id),
      webhookSecret: WEBHOOK_SECRET,
      batchLimit: 20,
    });
    servers[id] = await startMockServer(channel, {
      apiKey: API_KEY,
      rateLimit: false,
      webhookUrl: `${receiver.url}/webhooks/${id}`,
      webhookRetries: 2,
    });
  }
  const workers: [Worker, Worker] = [
    await startWorker('worker-a', path, pos, servers, retries),
    await startWorker('worker-b', path, pos, servers, retries),
  ];
  holder.workers = workers;
  return {
    pos,
    servers,
    workers,
    retries,
    webhooks,
    async close() {
      for (const worker of workers) await worker.close();
      for (const server of Object.values(servers)) await server.close();
      await receiver.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
