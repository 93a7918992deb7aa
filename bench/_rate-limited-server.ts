// A loopback HTTP server that enforces a token bucket (R requests/second, burst B) with fixed latency,
// answering 429 over the limit and describing its state in IETF draft RateLimit headers.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RateLimitedServer {
  url: string;
  /** Arrival time and outcome of every request. */
  log: Array<{ at: number; status: number }>;
  close(): Promise<void>;
}

export async function startRateLimitedServer(
  rate: number,
  burst: number,
  latencyMs: number,
): Promise<RateLimitedServer> {
  let tokens = burst;
  let updatedAt = performance.now();
  const log: RateLimitedServer['log'] = [];
  const server = createServer((req, res) => {
    const now = performance.now();
    tokens = Math.min(burst, tokens + ((now - updatedAt) / 1000) * rate);
    updatedAt = now;
    const allowed = tokens >= 1;
    if (allowed) tokens -= 1;
    log.push({ at: now, status: allowed ? 200 : 429 });
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      'ratelimit-limit': String(burst),
      'ratelimit-remaining': String(Math.floor(tokens)),
      'ratelimit-reset': String(Math.ceil((burst - tokens) / rate)),
      'ratelimit-policy': `${burst};w=${burst / rate}`,
    };
    if (!allowed) headers['retry-after'] = String(Math.ceil((1 - tokens) / rate));
    req.resume();
    setTimeout(
      () => res.writeHead(allowed ? 200 : 429, headers).end(allowed ? '{"ok":true}' : '{"error":"rate"}'),
      latencyMs,
    );
  });
  server.keepAliveTimeout = 10_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    log,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * Requests that arrived in [from, to): accepted, refused, and the accepted rate per second measured as
 * (accepted - 1) / (last arrival - first arrival), which does not suffer the ±1 quantisation of a count
 * over a short window at low rates.
 */
export function countWindow(
  log: RateLimitedServer['log'],
  from: number,
  to: number,
): { ok: number; refused: number; okPerSecond: number } {
  const inWindow = log.filter((e) => e.at >= from && e.at < to);
  const accepted = inWindow.filter((e) => e.status === 200);
  const span = accepted.length > 1 ? accepted.at(-1)!.at - accepted[0]!.at : 0;
  return {
    ok: accepted.length,
    refused: inWindow.length - accepted.length,
    okPerSecond: span > 0 ? ((accepted.length - 1) / span) * 1000 : 0,
  };
}
