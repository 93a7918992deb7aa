// How close the HTTP kit gets to a channel's rate limit without being refused, learning the limit from
// response headers alone. Baseline: the same callers with plain fetch and no limiter, in the same process.
import { createHttpClient } from '@omnisync/core/http';
import { countWindow, startRateLimitedServer } from './_rate-limited-server';

interface Scenario {
  rate: number;
  latencyMs: number;
}

/** The three rates at 100 ms, and a slow channel (1 s answers) where concurrency must grow. */
const SCENARIOS: Scenario[] = [
  { rate: 2, latencyMs: 100 },
  { rate: 10, latencyMs: 100 },
  { rate: 50, latencyMs: 100 },
  { rate: 50, latencyMs: 1000 },
];

const burstOf = (s: Scenario) => Math.max(2, Math.round(s.rate / 2));
/** Enough callers to keep the allowed rate busy at this latency. */
const callersOf = (s: Scenario) => Math.max(16, Math.ceil((s.rate * s.latencyMs * 2) / 1000));
/** Learning: the probe, then a few calls while the server's spare budget builds up (longer at low rates). */
const learnMsOf = (s: Scenario) => Math.max(1_500, (4 / s.rate) * 1000, 3 * s.latencyMs);
/** At least 4 s and 16 intervals, so a low rate is not judged on a handful of calls. */
const measureMsOf = (s: Scenario) => Math.max(4_000, (16 / s.rate) * 1000);
/** The baseline is measured after one latency and a 500 ms warm-up, for max(1 s, 2 x latency). */
const baselineWindowOf = (s: Scenario) => Math.max(1_000, 2 * s.latencyMs);

async function runCallers(count: number, deadline: number, call: () => Promise<unknown>): Promise<void> {
  const caller = async () => {
    while (performance.now() < deadline) await call().catch(() => {});
  };
  await Promise.all(Array.from({ length: count }, caller));
}

async function withKit(s: Scenario) {
  const server = await startRateLimitedServer(s.rate, burstOf(s), s.latencyMs);
  // The default limiter: adaptive, no configured rate, shared per account.
  const client = createHttpClient({ connector: 'bench', baseUrl: server.url, retry: { maxRetries: 0 } });
  const start = performance.now();
  const from = start + learnMsOf(s);
  const to = from + measureMsOf(s);
  await runCallers(callersOf(s), to, () => client.request({ path: '/orders', priority: 'orders' }));
  const learning = countWindow(server.log, start, from);
  const measured = countWindow(server.log, from, to);
  await server.close();
  return { learning, measured };
}

async function baseline(s: Scenario) {
  const server = await startRateLimitedServer(s.rate, burstOf(s), s.latencyMs);
  const from = performance.now() + s.latencyMs + 500;
  const to = from + baselineWindowOf(s);
  await runCallers(callersOf(s), to, async () => {
    const response = await fetch(`${server.url}/orders`);
    await response.text();
  });
  const measured = countWindow(server.log, from, to);
  await server.close();
  return { measured, seconds: baselineWindowOf(s) / 1000 };
}

/** Mean latency of 5 order calls made while a 100-call catalog scan waits on the same account. */
async function orderLatencyDuringScan(orderPriority: 'orders' | 'catalog'): Promise<number> {
  const server = await startRateLimitedServer(50, 25, 100);
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
for (const s of SCENARIOS) {
  const naive = await baseline(s);
  const kit = await withKit(s);
  rows.push([
    String(s.rate),
    String(burstOf(s)),
    String(s.latencyMs),
    String(callersOf(s)),
    (naive.measured.ok / naive.seconds / s.rate).toFixed(3),
    (naive.measured.refused / naive.seconds).toFixed(0),
    String(kit.learning.refused),
    (kit.measured.okPerSecond / s.rate).toFixed(3),
    String(kit.measured.refused),
  ]);
}

const head = [
  'R/s',
  'burst',
  'latency ms',
  'callers',
  'no limiter: rate/R',
  'no limiter: 429s/s',
  'kit learning: 429s',
  'kit: rate/R',
  'kit: 429s',
];
const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
const line = (cells: string[]) => cells.map((c, i) => c.padStart(widths[i]!)).join('  ');
console.log('server: token bucket of R/s with burst B, fixed latency, 429 + RateLimit-* headers over the limit.');
console.log('kit: default adaptive limiter (no configured rate); learns for max(1.5 s, 4/R s, 3 x latency),');
console.log('then is measured for max(4 s, 16/R s). baseline: plain fetch, no limiter, same callers, measured');
console.log('for max(1 s, 2 x latency) after a warm-up.');
console.log('kit rate/R: accepted calls per second (first to last accepted arrival in the window) over R;');
console.log('baseline rate/R: accepted calls in its window over R (it includes bursts from a full bucket).\n');
console.log(line(head));
for (const row of rows) console.log(line(row));

const fifo = await orderLatencyDuringScan('catalog');
const prioritised = await orderLatencyDuringScan('orders');
console.log('\norder calls during a 100-call catalog scan (R=50/s, 100 ms latency), mean of 5:');
console.log(`  same queue (FIFO baseline): ${fifo.toFixed(0)} ms`);
console.log(
  `  priority 'orders':          ${prioritised.toFixed(0)} ms  (${(prioritised / fifo).toFixed(2)}x the baseline)`,
);
