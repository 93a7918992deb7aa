// How close the HTTP kit gets to a channel's rate limit without being refused, learning the limit from
// response headers alone. Baseline: the same workers calling with plain fetch and no limiter.
import { createHttpClient } from '@omnisync/core/http';
import { countWindow, startRateLimitedServer } from './_rate-limited-server';

const LATENCY_MS = 100;
const WORKERS = 16;
/** Learning: the probe, then a few calls while the server's spare budget builds up (longer at low rates). */
const learnMs = (rate: number) => Math.max(1_500, (6 / rate) * 1000);
/** At least 5 s and 20 intervals, so a low rate is not judged on a handful of calls. */
const measureMs = (rate: number) => Math.max(5_000, (20 / rate) * 1000);
const BASELINE_MS = 1_500;

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
  const from = start + learnMs(rate);
  const to = from + measureMs(rate);
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

/** Mean latency of 5 order calls made while a 100-call catalog scan waits on the same account. */
async function orderLatencyDuringScan(orderPriority: 'orders' | 'catalog'): Promise<number> {
  const server = await startRateLimitedServer(50, 25, LATENCY_MS);
  const client = createHttpClient({ connector: 'bench-priority', baseUrl: server.url, retry: { maxRetries: 0 } });
  await client.request({ path: '/warm-up' }); // the adaptive limiter learns the budget
  const scan = Array.from({ length: 100 }, () => client.request({ path: '/products', priority: 'catalog' }));
  const latencies: number[] = [];
  for (let i = 0; i < 5; i++) {
    await new Promise((r) => setTimeout(r, 150));
    const started = performance.now();
    await client.request({ path: '/orders', priority: orderPriority });
    latencies.push(performance.now() - started);
  }
  await Promise.allSettled(scan);
  await server.close();
  return latencies.reduce((a, b) => a + b, 0) / latencies.length;
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
console.log(
  `kit: default adaptive limiter (no configured rate), learn max(1.5 s, 6/R s), then measure max(5 s, 20/R s).`,
);
console.log(`baseline: plain fetch, no limiter, measured ${BASELINE_MS - 500} ms after a 500 ms warm-up.\n`);
console.log('rate/R: accepted requests per second (between first and last accepted arrival) divided by R.\n');
console.log(line(head));
for (const row of rows) console.log(line(row));

const fifo = await orderLatencyDuringScan('catalog');
const prioritised = await orderLatencyDuringScan('orders');
console.log('\norder calls during a 100-call catalog scan (R=50/s, 100 ms latency), mean of 5:');
console.log(`  same queue (FIFO baseline): ${fifo.toFixed(0)} ms`);
console.log(
  `  priority 'orders':          ${prioritised.toFixed(0)} ms  (${(prioritised / fifo).toFixed(2)}x the baseline)`,
);
