import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { MockChannel } from '../channel/mock-channel';
import type { MockWebhookDelivery } from '../channel/webhook-outbox';
import { sleep } from '../faults/sleep';
import { createMockRestHandler, type MockRestHandler } from './mock-rest-handler';
import type { MockRateLimit } from './server-token-bucket';

/** Options of `startMockServer`. */
export interface MockServerOptions {
  /** Port to listen on (default 0: any free port). */
  port?: number;
  /** Interface to listen on (default `127.0.0.1`: loopback only). */
  host?: string;
  /** The API key clients must send (default `mock-api-key`). */
  apiKey?: string;
  /** Token-bucket rate limit (default 50 req/s, burst 100); `false` for none. */
  rateLimit?: MockRateLimit | false;
  /** POST every webhook delivery (signed, after the webhook faults) to this URL. */
  webhookUrl?: string;
  /** Retries of a webhook POST that got no 2xx, with doubling delays from 50 ms (default 3). */
  webhookRetries?: number;
  /** Largest page a client may ask for (default 500). */
  maxPageSize?: number;
}

/** The outcome of one webhook POST. */
export interface WebhookPostResult {
  deliveryId: string;
  /** HTTP status of the receiver's last answer, or `null` when it could not be reached. */
  status: number | null;
  /** POSTs made for this delivery, retries included. */
  attempts: number;
}

/** A running mock server. */
export interface MockServer {
  /** The base URL, e.g. `http://127.0.0.1:4010` (the API lives under `/api/v1`). */
  readonly url: string;
  readonly port: number;
  readonly apiKey: string;
  readonly channel: MockChannel;
  /** Webhook POSTs made to `webhookUrl`, in order. */
  readonly webhookPosts: readonly WebhookPostResult[];
  /** Wait until every webhook POST started so far has finished. */
  flushWebhooks(): Promise<void>;
  close(): Promise<void>;
}

/** The default API key of the mock server. Not a secret worth keeping: it only opens a test double. */
export const DEFAULT_MOCK_API_KEY = 'mock-api-key';

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function toHeaders(req: IncomingMessage): Headers {
  const headers = new Headers();
  for (const [k, v] of Object.entries(req.headers)) {
    if (typeof v === 'string') headers.set(k, v);
    else if (Array.isArray(v)) headers.set(k, v.join(', '));
  }
  return headers;
}

function serve(handler: MockRestHandler, base: string) {
  return async (req: IncomingMessage, res: ServerResponse) => {
    try {
      const body = await readBody(req);
      const url = new URL(req.url ?? '/', base);
      const out = await handler({ method: req.method ?? 'GET', url, headers: toHeaders(req), body });
      if (out.drop) {
        req.socket.destroy();
        return;
      }
      res.writeHead(out.status, out.headers);
      res.end(out.body ?? undefined);
    } catch {
      res.writeHead(500, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: { code: 'INTERNAL', message: 'the mock server failed' } }));
    }
  };
}

function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve((server.address() as AddressInfo).port));
  });
}

/**
 * Serve a mock channel's marketplace over HTTP on loopback: the REST API in
 * `docs/guides/mock.md`, with its rate limit, latency and faults, and signed
 * webhooks POSTed to `webhookUrl`. Assert against `channel` as in memory.
 */
export async function startMockServer(channel: MockChannel, options: MockServerOptions = {}): Promise<MockServer> {
  const apiKey = options.apiKey ?? DEFAULT_MOCK_API_KEY;
  const host = options.host ?? '127.0.0.1';
  const handler = createMockRestHandler(channel, {
    apiKey,
    rateLimit: options.rateLimit ?? { ratePerSecond: 50, burst: 100 },
    ...(options.maxPageSize ? { maxPageSize: options.maxPageSize } : {}),
  });
  const server = createServer({ keepAlive: true });
  const port = await listen(server, options.port ?? 0, host);
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  server.on('request', serve(handler, url));
  const posts: WebhookPostResult[] = [];
  const inFlight = new Set<Promise<void>>();
  const unsubscribe = options.webhookUrl
    ? channel.webhooks.subscribe((d) =>
        track(inFlight, postWebhook(options.webhookUrl as string, d, posts, options.webhookRetries ?? 3)),
      )
    : () => {};
  return {
    url,
    port,
    apiKey,
    channel,
    webhookPosts: posts,
    flushWebhooks: async () => {
      await Promise.resolve();
      await Promise.all([...inFlight]);
    },
    close: async () => {
      unsubscribe();
      await Promise.all([...inFlight]);
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function track(set: Set<Promise<void>>, p: Promise<void>): void {
  set.add(p);
  void p.finally(() => set.delete(p));
}

async function postOnce(url: string, delivery: MockWebhookDelivery): Promise<number | null> {
  try {
    const response = await fetch(url, { method: 'POST', headers: delivery.headers, body: delivery.rawBody });
    await response.arrayBuffer();
    return response.status;
  } catch {
    return null;
  }
}

/** POST a delivery until a 2xx or the retries run out (at-least-once, like real channels). */
async function postWebhook(
  url: string,
  delivery: MockWebhookDelivery,
  posts: WebhookPostResult[],
  retries: number,
): Promise<void> {
  let status: number | null = null;
  let attempts = 0;
  while (attempts <= retries) {
    if (attempts > 0) await sleep(50 * 2 ** (attempts - 1));
    attempts++;
    status = await postOnce(url, delivery);
    if (status !== null && status >= 200 && status < 300) break;
  }
  posts.push({ deliveryId: delivery.deliveryId, status, attempts });
}
