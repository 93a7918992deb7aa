import { afterEach, describe, expect, it } from 'vitest';
import { OperationAbortedError } from '../errors/errors';
import { startLoopbackServer } from './__fixtures__/loopback-server';
import { createHttpClient } from './http-client';
import { adaptiveLimiter } from './rate-limit/adaptive-limiter';

let close: (() => Promise<void>) | null = null;
afterEach(async () => {
  await close?.();
  close = null;
});

async function serve(...args: Parameters<typeof startLoopbackServer>) {
  const server = await startLoopbackServer(...args);
  close = server.close;
  return server;
}

describe('createHttpClient against a real loopback server', () => {
  it('honours Retry-After before retrying a 429', async () => {
    const server = await serve((_req, res, seen) => {
      if (seen.length === 1) {
        res.writeHead(429, { 'retry-after': '1', 'content-type': 'application/json' }).end('{}');
      } else {
        res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
      }
    });
    const client = createHttpClient({
      connector: 'loopback',
      baseUrl: server.url,
      limiter: adaptiveLimiter(),
      retry: { baseDelayMs: 1, maxDelayMs: 1 },
    });
    const result = await client.request({ path: '/orders' });
    expect(result.data).toEqual({ ok: true });
    const gap = server.seen[1]!.at - server.seen[0]!.at;
    expect(gap).toBeGreaterThanOrEqual(990);
    expect(gap).toBeLessThan(2000);
  });

  it('times out a slow attempt as CHANNEL_UNAVAILABLE and retries it', async () => {
    const server = await serve((_req, res, seen) => {
      if (seen.length === 1) return; // never answers
      res.writeHead(200, { 'content-type': 'application/json' }).end('[]');
    });
    const client = createHttpClient({
      connector: 'loopback',
      baseUrl: server.url,
      limiter: adaptiveLimiter(),
      timeoutMs: 80,
      retry: { baseDelayMs: 1, maxDelayMs: 1 },
    });
    const result = await client.request({ path: '/orders' });
    expect(result.attempts).toBe(2);
  });

  it('reports a timeout as CHANNEL_UNAVAILABLE with no status once retries run out', async () => {
    const server = await serve(() => {});
    const error = await createHttpClient({
      connector: 'loopback',
      baseUrl: server.url,
      limiter: adaptiveLimiter(),
      timeoutMs: 50,
      retry: { maxRetries: 0 },
    })
      .request({ path: '/orders' })
      .catch((e) => e);
    expect(error).toMatchObject({ code: 'CHANNEL_UNAVAILABLE', status: null, transport: 'timeout', retryable: true });
    expect(error.message).toBe('loopback GET /orders got no response (timed out).');
  });

  it('times out a server that sends headers and then stalls the body', async () => {
    const server = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('[{"id":1},');
    });
    const started = Date.now();
    const error = await createHttpClient({
      connector: 'loopback',
      baseUrl: server.url,
      limiter: adaptiveLimiter(),
      timeoutMs: 100,
      retry: { maxRetries: 0 },
    })
      .request({ path: '/orders' })
      .catch((e) => e);
    expect(error).toMatchObject({ code: 'CHANNEL_UNAVAILABLE', transport: 'timeout' });
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('an abort while the response is awaited stops the call with OperationAbortedError', async () => {
    const controller = new AbortController();
    const server = await serve(() => {
      setTimeout(() => controller.abort(), 20); // the server got the call and never answers
    });
    const client = createHttpClient({ connector: 'loopback', baseUrl: server.url, limiter: adaptiveLimiter() });
    const started = Date.now();
    const error = await client.request({ path: '/orders', signal: controller.signal }).catch((e) => e);
    expect(OperationAbortedError.isInstance(error)).toBe(true);
    expect(Date.now() - started).toBeLessThan(1000);
    expect(server.seen).toHaveLength(1);
  });
});
