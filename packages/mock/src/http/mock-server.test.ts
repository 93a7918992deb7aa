import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ChannelHttpError, type ChannelWebhookEventV1, type Listing, type OmnisyncError } from '@omnisync/core';
import { tokenBucket } from '@omnisync/core/http';
import { afterEach, describe, expect, it } from 'vitest';
import { createMockChannel } from '../channel/mock-channel';
import { createMockHttpConnector } from './mock-http-connector';
import { type MockServer, startMockServer } from './mock-server';

const servers: MockServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function start(
  channel = createMockChannel({ catalogSize: 250, listings: [{ sku: 'A', quantity: 5 }] }),
  options = {},
) {
  const server = await startMockServer(channel, { rateLimit: false, ...options });
  servers.push(server);
  return server;
}

async function readAll<T>(pages: AsyncIterable<{ items: T[] }>): Promise<T[]> {
  const out: T[] = [];
  for await (const page of pages) out.push(...page.items);
  return out;
}

const fast = { retry: { baseDelayMs: 1, maxDelayMs: 5 } };

describe('mock server + createMockHttpConnector', () => {
  it('reads every listing with offset and with cursor pagination', async () => {
    const server = await start();
    for (const pagination of ['offset', 'cursor'] as const) {
      const http = createMockHttpConnector({ baseUrl: server.url, apiKey: server.apiKey, pagination, pageSize: 40 });
      const all = await readAll(http.listListings({ status: 'all' }));
      expect(all).toHaveLength(251);
      expect(new Set(all.map((l) => l.listingId)).size).toBe(251);
      expect(all.map((l) => l.listingId)).toEqual(server.channel.listings().map((l) => l.listingId));
    }
  });

  it('filters listings and orders by time, and finds one listing by SKU or id', async () => {
    let t = Date.parse('2026-11-11T00:00:00Z');
    const channel = createMockChannel({
      clock: () => new Date(t),
      listings: [
        { sku: 'A', quantity: 5 },
        { sku: 'B', quantity: 5 },
      ],
    });
    const server = await start(channel);
    const http = createMockHttpConnector({ baseUrl: server.url, apiKey: server.apiKey, clock: () => new Date(t) });
    t += 60_000;
    const since = new Date(t).toISOString();
    channel.setQuantity('B', 1);
    const order = channel.sell({ sku: 'A' });
    expect((await readAll(http.listListings({ status: 'all', updatedSince: since }))).map((l) => l.sku)).toEqual([
      'A',
      'B',
    ]);
    expect(await readAll(http.listOrders({ updatedSince: since }))).toEqual([channel.order(order.externalId)]);
    expect(await readAll(http.listOrders({ updatedBefore: since }))).toEqual([]);
    const b = (await http.getListing?.({ sku: 'B' })) as Listing;
    expect(b.quantity).toBe(1);
    expect(await http.getListing?.({ listingId: b.listingId })).toEqual(b);
    expect(await http.getListing?.({ listingId: 'nope' })).toBeNull();
    expect(await http.getOrder?.('nope')).toBeNull();
  });

  it('writes stock in batches with per-item results, and refuses an oversized batch', async () => {
    const channel = createMockChannel({
      batchLimit: 2,
      listings: [
        { sku: 'A', quantity: 5 },
        { sku: 'B', quantity: 5 },
      ],
    });
    const server = await start(channel);
    const http = createMockHttpConnector({ baseUrl: server.url, apiKey: server.apiKey, batchLimit: 2 });
    const [a, b] = channel.listings() as [Listing, Listing];
    const results = await http.updateStock([
      { listingId: a.listingId, quantity: 1, active: false },
      { listingId: b.listingId, quantity: 1, expectedQuantity: 3 },
    ]);
    expect(results).toEqual([
      { listingId: a.listingId, variantId: null, ok: true, quantity: 1, conflict: null, error: null },
      { listingId: b.listingId, variantId: null, ok: false, quantity: 5, conflict: { actualQuantity: 5 }, error: null },
    ]);
    expect(channel.listing('A')).toMatchObject({ quantity: 1, status: 'inactive' });
    const error = await http
      .updateStock([a, b, a].map((l) => ({ listingId: l.listingId, quantity: 0 })))
      .catch((e: unknown) => e);
    expect(ChannelHttpError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ status: 400, vendorCode: 'BATCH_TOO_LARGE', retryable: false });
    expect(channel.callsTo('updateStock').map((c) => [c.size ?? null, c.ok])).toEqual([
      [2, true],
      [null, false],
    ]);
  });

  it('writes order statuses back, refusing impossible moves with 409', async () => {
    const server = await start();
    const http = createMockHttpConnector({ baseUrl: server.url, apiKey: server.apiKey });
    const id = server.channel.sell({ sku: 'A' }).externalId;
    await http.updateOrderStatus?.(id, 'paid');
    expect(server.channel.order(id)?.status).toBe('paid');
    await expect(http.updateOrderStatus?.(id, 'unpaid')).rejects.toMatchObject({ status: 409 });
    const created = await http.createListing?.({ sku: 'NEW', title: 'New', quantity: 3, attributes: {} });
    expect(server.channel.quantityOf('NEW')).toBe(3);
    expect(created?.sku).toBe('NEW');
    expect((await http.listPaymentMethods?.())?.length).toBeGreaterThan(0);
  });

  it('refuses a wrong API key with CHANNEL_AUTH, never echoing the key', async () => {
    const server = await start(undefined, { apiKey: 'mock-key-4f9a-secret' });
    const http = createMockHttpConnector({ baseUrl: server.url, apiKey: 'wrong-key-77c1-private' });
    const error = (await readAll(http.listListings({ status: 'all' })).catch((e: unknown) => e)) as OmnisyncError;
    expect(error.code).toBe('CHANNEL_AUTH');
    const text = `${error.message} ${JSON.stringify(error.toJSON())} ${String(error.stack)}`;
    expect(text).not.toContain('wrong-key-77c1-private');
    expect(text).not.toContain('mock-key-4f9a-secret');
  });

  it('never puts the API key or webhook secret into errors of a failed call or a bad setting', async () => {
    const server = await start(undefined, { apiKey: 'api-key-5d21-hidden' });
    server.channel.setFaults({ serverError: { rate: 1, status: 500 } });
    const http = createMockHttpConnector({
      baseUrl: server.url,
      apiKey: 'api-key-5d21-hidden',
      webhookSecret: 'whsec-93ab-hidden',
      retry: { maxRetries: 1, baseDelayMs: 1 },
    });
    const error = (await http.getOrder?.('1').catch((e: unknown) => e)) as OmnisyncError;
    expect(error.code).toBe('CHANNEL_UNAVAILABLE');
    const forged = (await http
      .parseWebhook?.({ headers: { 'x-mock-signature': 'AAAA', 'x-mock-timestamp': '1' }, rawBody: '{}' })
      .catch((e: unknown) => e)) as OmnisyncError;
    expect(forged.code).toBe('WEBHOOK_SIGNATURE');
    let settingsError: unknown;
    try {
      createMockHttpConnector({ baseUrl: 'not a url', apiKey: 'api-key-5d21-hidden' });
    } catch (e) {
      settingsError = e;
    }
    expect((settingsError as OmnisyncError).code).toBe('INVALID_SETTINGS');
    for (const e of [error, forged, settingsError as OmnisyncError]) {
      const text = `${e.message} ${JSON.stringify(e.toJSON())} ${String(e.stack)}`;
      expect(text).not.toContain('api-key-5d21-hidden');
      expect(text).not.toContain('whsec-93ab-hidden');
    }
  });

  it('rate-limits with a token bucket and reports it in headers', async () => {
    const server = await start(undefined, { rateLimit: { ratePerSecond: 1, burst: 3 } });
    const call = () =>
      fetch(`${server.url}/api/v1/payment-methods`, { headers: { authorization: `Bearer ${server.apiKey}` } });
    const responses = [await call(), await call(), await call(), await call()];
    expect(responses.map((r) => r.status)).toEqual([200, 200, 200, 429]);
    expect(responses[0]?.headers.get('x-ratelimit-limit')).toBe('3');
    expect(responses.map((r) => r.headers.get('x-ratelimit-remaining'))).toEqual(['2', '1', '0', '0']);
    expect(Number(responses[3]?.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(responses[3]?.headers.get('ratelimit-policy')).toBe('1;w=1');
  });

  it('retries injected 429s and 5xx through the HTTP kit and still reads everything', async () => {
    const channel = createMockChannel({ seed: 4, catalogSize: 300 });
    const server = await start(channel);
    channel.setFaults({ serverError: { rate: 0.2 }, rateLimit: { rate: 0.1, retryAfterSeconds: 0 } });
    const http = createMockHttpConnector({
      baseUrl: server.url,
      apiKey: server.apiKey,
      pageSize: 50,
      ...fast,
      limiter: tokenBucket({ ratePerSecond: 1000, burst: 1000 }),
    });
    const all = await readAll(http.listListings({ status: 'all' }));
    expect(all).toHaveLength(300);
    expect(channel.faultLog.length).toBeGreaterThan(0);
  });

  it('drops the connection for an injected timeout (the kit sees no response)', async () => {
    const server = await start();
    server.channel.failNext({ kind: 'timeout', method: 'getOrder', times: 10 });
    const http = createMockHttpConnector({
      baseUrl: server.url,
      apiKey: server.apiKey,
      retry: { maxRetries: 1, baseDelayMs: 1 },
    });
    await expect(http.getOrder?.('1')).rejects.toMatchObject({ code: 'CHANNEL_UNAVAILABLE', status: null });
  });

  it('POSTs signed webhooks to a configured URL (retrying a failed POST), which the connector verifies', async () => {
    const received: ChannelWebhookEventV1[] = [];
    const http = { current: null as ReturnType<typeof createMockHttpConnector> | null };
    let failuresLeft = 1;
    const receiver = createServer(async (req, res) => {
      if (failuresLeft-- > 0) {
        res.statusCode = 503;
        res.end();
        return;
      }
      const chunks: Buffer[] = [];
      for await (const c of req) chunks.push(c as Buffer);
      const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, String(v)]));
      received.push(
        ...((await http.current?.parseWebhook?.({ headers, rawBody: Buffer.concat(chunks).toString() })) ?? []),
      );
      res.end('ok');
    });
    await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', () => r()));
    const port = (receiver.address() as AddressInfo).port;
    const server = await start(undefined, { webhookUrl: `http://127.0.0.1:${port}/hooks` });
    http.current = createMockHttpConnector({ baseUrl: server.url, apiKey: server.apiKey });
    const order = server.channel.sell({ sku: 'A' });
    await server.flushWebhooks();
    receiver.close();
    expect(server.webhookPosts).toEqual([{ deliveryId: 'wh-1', status: 200, attempts: 2 }]);
    expect(received).toMatchObject([{ type: 'order', externalId: order.externalId }]);
  });

  it('serves the scan faults too: offset pages skip a listing when one is deleted mid-scan, cursor pages do not', async () => {
    const seen = async (pagination: 'offset' | 'cursor') => {
      const channel = createMockChannel({
        seed: 9,
        catalogSize: 120,
        faults: { catalogShift: { rate: 1, kind: 'skip' } },
      });
      const server = await start(channel);
      const http = createMockHttpConnector({
        baseUrl: server.url,
        apiKey: server.apiKey,
        pagination,
        pageSize: 20,
        concurrency: 1,
      });
      const ids = new Set((await readAll(http.listListings({ status: 'all' }))).map((l) => l.listingId));
      const live = channel.listings().filter((l) => l.status === 'live');
      return { missed: live.filter((l) => !ids.has(l.listingId)).length, faults: channel.faultLog.length };
    };
    const offset = await seen('offset');
    const cursor = await seen('cursor');
    expect(offset.faults).toBeGreaterThan(0);
    expect(cursor.faults).toBeGreaterThan(0);
    expect(offset.missed).toBeGreaterThan(0);
    expect(cursor.missed).toBe(0);
  });

  it('lets another process act as shoppers and sellers through /_mock, with the API key', async () => {
    const server = await start();
    const call = (method: string, path: string, body?: unknown, key = server.apiKey) =>
      fetch(`${server.url}${path}`, {
        method,
        headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
    const sold = await call('POST', '/_mock/orders', { sku: 'A', quantity: 2 });
    const order = (await sold.json()) as { order_id: string; status: string };
    expect(order.status).toBe('UNPAID');
    expect(server.channel.quantityOf('A')).toBe(3);
    expect((await call('POST', `/_mock/orders/${order.order_id}/pay`)).status).toBe(200);
    expect(server.channel.order(order.order_id)?.status).toBe('paid');
    const refused = await call('POST', `/_mock/orders/${order.order_id}/return`);
    expect(refused.status).toBe(409);
    expect(((await refused.json()) as { error: { message: string } }).error.message).toContain('cannot move');
    expect((await call('POST', '/_mock/orders', { sku: 'A', quantity: 99 })).status).toBe(409);
    const id = server.channel.listing('A')?.listingId as string;
    expect((await call('PUT', `/_mock/listings/${id}/stock`, { stock: 40 })).status).toBe(200);
    expect(server.channel.quantityOf('A')).toBe(40);
    expect((await call('PUT', '/_mock/faults', { serverError: { rate: 1 } })).status).toBe(200);
    expect((await call('GET', '/api/v1/payment-methods')).status).toBe(503);
    expect((await call('PUT', '/_mock/faults', { serverError: { rate: 3 } })).status).toBe(400);
    expect((await call('GET', '/_mock/calls', undefined, 'wrong-key')).status).toBe(401);
    const calls = (await (await call('GET', '/_mock/calls')).json()) as { items: { method: string }[] };
    expect(calls.items.at(-1)?.method).toBe('listPaymentMethods');
  });
});
