import { HttpResponse, http } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { Logger } from '../logger';
import { secretString } from '../secrets/secret-string';
import { parseSettings } from '../settings/parse-settings';
import { createHttpClient } from './http-client';
import type { HttpRetryEvent } from './http-client-types';
import { tokenBucket } from './rate-limit/token-bucket';

const KEY = 'ck_9f8e7d6c5b4a39281706f5e4d3c2b1a0';
const SECRET = 'cs_1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d';
const BASE = 'https://shop.example/wp-json/wc/v3';
const server = setupServer();

beforeAll(() => server.listen({ onUnhandledFrame: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

function capturingLogger(lines: string[]): Logger {
  const write = (obj: Record<string, unknown>, msg?: string) => lines.push(JSON.stringify(obj) + (msg ?? ''));
  return { debug: write, info: write, warn: write, error: write };
}

function settingsClient(lines: string[], events: HttpRetryEvent[]) {
  const settings = parseSettings(
    'WooCommerce',
    z.object({ consumerKey: secretString('Consumer key'), consumerSecret: secretString('Consumer secret') }),
    { consumerKey: KEY, consumerSecret: SECRET },
  );
  return createHttpClient({
    connector: 'woocommerce',
    baseUrl: BASE,
    limiter: tokenBucket({ ratePerSecond: 10_000, burst: 10_000, defaultPauseMs: 0 }),
    retry: { baseDelayMs: 1, maxDelayMs: 1, maxRetries: 1 },
    logger: capturingLogger(lines),
    onRetry: (e) => events.push(e),
    sign: (req) => {
      req.url.searchParams.set('consumer_key', settings.consumerKey);
      req.url.searchParams.set('consumer_secret', settings.consumerSecret);
      req.headers.set('authorization', `Basic ${btoa(`${settings.consumerKey}:${settings.consumerSecret}`)}`);
    },
    parseErrorBody: (_status, body) => body as { message: string },
  });
}

function everythingAbout(error: Error & { cause?: unknown }): string {
  const cause = error.cause as (Error & { cause?: unknown }) | undefined;
  return [error.message, error.stack, JSON.stringify(error), cause?.message, cause?.stack, JSON.stringify(cause)].join(
    '\n',
  );
}

describe('secrets never leak from the HTTP client', () => {
  it('a vendor body echoing the credentials is redacted in the error, its JSON and the log', async () => {
    server.use(
      http.get(`${BASE}/orders`, ({ request }) =>
        HttpResponse.json(
          {
            code: 'woocommerce_rest_authentication_error',
            message: `Invalid signature for ${new URL(request.url).search} with key ${KEY}`,
            data: { authorization: request.headers.get('authorization'), consumer_secret: SECRET },
          },
          { status: 503 },
        ),
      ),
    );
    const lines: string[] = [];
    const events: HttpRetryEvent[] = [];
    const error = await settingsClient(lines, events)
      .request({ path: '/orders' })
      .catch((e) => e);
    const all = [everythingAbout(error), ...lines, JSON.stringify(events)].join('\n');
    expect(error.code).toBe('CHANNEL_UNAVAILABLE');
    expect(lines.length).toBeGreaterThan(0);
    expect(events).toHaveLength(1);
    expect(all).not.toContain(KEY);
    expect(all).not.toContain(SECRET);
    expect(all).not.toContain(btoa(`${KEY}:${SECRET}`));
    expect(all).not.toContain('consumer_key=ck');
    expect(JSON.stringify(error.vendorBody)).toContain('[redacted]');
  });

  it('a network error whose cause names the signed URL is redacted', async () => {
    server.use(http.get(`${BASE}/orders`, () => HttpResponse.error()));
    const lines: string[] = [];
    const error = await settingsClient(lines, [])
      .request({ path: '/orders', query: { status: 'processing' } })
      .catch((e) => e);
    expect(error.code).toBe('CHANNEL_UNAVAILABLE');
    const all = [everythingAbout(error), ...lines].join('\n');
    expect(all).not.toContain(KEY);
    expect(all).not.toContain(SECRET);
    expect(error.message).not.toContain('?');
  });
});
