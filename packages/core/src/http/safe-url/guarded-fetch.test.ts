import { afterEach, describe, expect, it } from 'vitest';
import { startLoopbackServer } from '../__fixtures__/loopback-server';
import { createHttpClient } from '../http-client';
import { tokenBucket } from '../rate-limit/token-bucket';
import { UnsafeUrlError } from '../unsafe-url-error';
import { createGuardedFetch } from './guarded-fetch';

let close: (() => Promise<void>) | null = null;
afterEach(async () => {
  await close?.();
  close = null;
});

async function echoServer() {
  const server = await startLoopbackServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => {
      body += chunk;
    });
    req.on('end', () => {
      res.writeHead(201, { 'content-type': 'application/json', 'x-request-id': 'r-1' });
      res.end(JSON.stringify({ method: req.method, url: req.url, body, auth: req.headers.authorization ?? null }));
    });
  });
  close = server.close;
  return server;
}

describe('createGuardedFetch', () => {
  it('refuses to connect to a name that resolves to loopback (the rebinding case)', async () => {
    const server = await echoServer();
    const port = new URL(server.url).port;
    const error = await createGuardedFetch()(`http://localhost:${port}/x`).catch((e) => e);
    expect(UnsafeUrlError.isInstance(error)).toBe(true);
    expect(error.message).toContain('connects to');
    expect(server.seen).toHaveLength(0);
  });

  it('refuses metadata literals even when private networks are allowed', async () => {
    const error = await createGuardedFetch({ allowPrivateNetwork: true })('http://169.254.169.254/latest').catch(
      (e) => e,
    );
    expect(UnsafeUrlError.isInstance(error)).toBe(true);
    expect(error.message).toContain('cloud metadata');
  });

  it('sends method, headers and body, and returns status, headers and body when allowed', async () => {
    const server = await echoServer();
    const response = await createGuardedFetch({ allowPrivateNetwork: true })(`${server.url}/orders?a=1`, {
      method: 'POST',
      headers: { authorization: 'Bearer t0ken', 'content-type': 'application/json' },
      body: '{"x":1}',
    });
    expect(response.status).toBe(201);
    expect(response.headers.get('x-request-id')).toBe('r-1');
    expect(await response.json()).toEqual({
      method: 'POST',
      url: '/orders?a=1',
      body: '{"x":1}',
      auth: 'Bearer t0ken',
    });
  });

  it('a client with safeUrl refuses the call as UNSAFE_URL, without retrying', async () => {
    const server = await echoServer();
    const port = new URL(server.url).port;
    const client = createHttpClient({
      connector: 'guarded',
      baseUrl: `http://localhost:${port}`,
      limiter: tokenBucket({ ratePerSecond: 1000, burst: 1000 }),
      // The settings-time check is fooled (a public address); the connection-time check is not.
      safeUrl: { environment: 'test', resolve: async () => ['93.184.215.14'] },
    });
    const error = await client.request({ path: '/orders' }).catch((e) => e);
    expect(error.code).toBe('UNSAFE_URL');
    expect(server.seen).toHaveLength(0);
  });
});
