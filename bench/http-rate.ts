// How close the HTTP kit gets to a channel's rate limit without being refused, learning the limit from
// response headers alone. Baseline: the same workers calling with plain fetch and no limiter.
import { createHttpClient } from '@omnisync/core/http';
import { countWindow, startRateLimitedServer } from './_rate-limited-server';

const LATENCY_MS = 100;
const WORKERS = 16;
const LEARN_MS = 2_000;
const MEASURE_MS = 5_000;
const BASELINE_MS = 2_000;

async function runWorkers(deadline: number, call: () => Promise<unknown>): Promise<void> {
  const worker = async () => {
    while (performance.now() < deadline) await call().catch(() => {});
  };
  await Promise.all(Array.from({ length: WORKERS }, worker));
}

async function withKit(rate: number, burst: number) {
  const server = await startRateLimitedServer(rate, burst, LATENCY_MS);
  const client = createHttpClient({
    connector: 'bench',
    baseUrl: server.url,
    retry: { maxRetries: 0 },
    limiter: undefined, // the default: an adaptive limiter with no configured rate
  });
  const start = performance.now();
  const from = start + LEARN_MS;
  const to = from + MEASURE_MS;
  await runWorkers(to, () => client.request({ path: '/orders', priority: 'orders' }));
  const learning = countWindow(server.log, start, from);
  const measured = countWindow(server.log, from, to);
  await server.close();
  return { learning, measured };
}

async function baseline(rate: number, burst: number) {
  const server = await startRateLimitedServer(rate, burst, LATENCY_MS);
  const start = performance.now();
  const to = start + BASELINE_MS;
  await runWorkers(to, async () => {
    const response = await fetch(`${server.url}/orders`);
    await response.text();
  });
  const measured = countWindow(server.log, start + 500, to);
  await server.close();
  return { measured };
}

const rows: string[][] = [];
for (const rate of [2, 10, 50]) {
  const burst = Math.max(2, Math.round(rate / 2));
  const naive = await baseline(rate, burst);
  const kit = await withKit(rate, burst);
  rows.push([
    String(rate),
    String(burst),
    (naive.measured.okPerSecond / rate).toFixed(3),
    String(naive.measured.refused),
    String(kit.learning.refused),
    (kit.measured.okPerSecond / rate).toFixed(3),
    String(kit.measured.refused),
  ]);
}

const head = [
  'R/s',
  'burst',
  'no limiter: rate/R',
  'no limiter: 429s',
  'kit learning: 429s',
  'kit: rate/R',
  'kit: 429s',
];
const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
const line = (cells: string[]) => cells.map((c, i) => c.padStart(widths[i]!)).join('  ');
console.log(`server: token bucket R/s, burst B, ${LATENCY_MS} ms latency; ${WORKERS} callers.`);
console.log(`kit: default adaptive limiter (no configured rate), learn ${LEARN_MS} ms, then measure ${MEASURE_MS} ms.`);
console.log(`baseline: plain fetch, no limiter, measured ${BASELINE_MS - 500} ms after a 500 ms warm-up.\n`);
console.log('rate/R: accepted requests per second (between first and last accepted arrival) divided by R.\n');
console.log(line(head));
for (const row of rows) console.log(line(row));
