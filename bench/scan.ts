/**
 * A full scan of a 50k-listing mock channel over loopback HTTP that allows R
 * requests/second (token bucket, small burst): the request rate the scan
 * achieves as a fraction of R, and the 429s it drew. Baseline: the same
 * connector read page by page with no engine and no store, in the same process.
 *
 * Run: npx tsx --conditions=@omnisync/source bench/scan.ts [--rate=100] [--listings=50000]
 */
import { createMemoryStore, createOmnisync } from '@omnisync/core';
import { clearSharedRateLimiters } from '@omnisync/core/http';
import { createMockChannel, createMockHttpConnector, createMockPos, startMockServer } from '@omnisync/mock';

const arg = (name: string, fallback: number) =>
  Number(process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback);
const RATE = arg('rate', 100);
const LISTINGS = arg('listings', 50_000);
const BURST = Math.max(2, Math.round(RATE / 5));
const PAGE = 100;
const LATENCY_MS = 40;
const CONCURRENCY = 8;

interface Sample {
  at: number;
  status: number;
}

/** A connector to a fresh rate-limited server, with every response's time and status recorded client-side. */
async function connect(samples: Sample[]) {
  const channel = createMockChannel({
    channelId: 'shop',
    catalogSize: LISTINGS,
    seed: 'bench-scan',
    faults: { latency: LATENCY_MS },
  });
  const server = await startMockServer(channel, { rateLimit: { ratePerSecond: RATE, burst: BURST } });
  clearSharedRateLimiters();
  const connector = createMockHttpConnector({
    baseUrl: server.url,
    apiKey: server.apiKey,
    channelId: 'shop',
    pageSize: PAGE,
    concurrency: CONCURRENCY,
    fetch: async (input, init) => {
      const response = await fetch(input, init);
      samples.push({ at: performance.now(), status: response.status });
      return response;
    },
  });
  return { connector, server };
}

/** Accepted requests per second after the burst, as a fraction of R; and the 429 count. */
function measure(samples: Sample[], ms: number) {
  const ok = samples.filter((s) => s.status < 400).map((s) => s.at);
  const steady = ok.slice(BURST);
  const rate = steady.length > 1 ? ((steady.length - 1) / (steady[steady.length - 1]! - steady[0]!)) * 1000 : 0;
  const refused = samples.filter((s) => s.status === 429).length;
  const floorMs = ((ok.length - BURST) / RATE) * 1000;
  return { requests: samples.length, ok: ok.length, rate, refused, ms, floorMs };
}

async function baseline() {
  const samples: Sample[] = [];
  const { connector, server } = await connect(samples);
  const start = performance.now();
  let listings = 0;
  for await (const page of connector.listListings({ status: 'all' })) listings += page.items.length;
  const result = { ...measure(samples, performance.now() - start), listings };
  await server.close();
  return result;
}

async function engine() {
  const samples: Sample[] = [];
  const { connector, server } = await connect(samples);
  const omni = createOmnisync({ pos: createMockPos(), channels: { shop: connector }, store: createMemoryStore() });
  const start = performance.now();
  const report = await omni.scan('shop', { type: 'full' });
  const result = { ...measure(samples, performance.now() - start), listings: report.counts.listingsWritten };
  await omni.close();
  await server.close();
  return result;
}

const fmt = (n: number, digits = 0) => n.toFixed(digits);
console.log(
  `mock channel over loopback HTTP: ${LISTINGS.toLocaleString()} listings, pages of ${PAGE}, ${LATENCY_MS} ms latency, ` +
    `token bucket R=${RATE}/s burst ${BURST}; connector fetches up to ${CONCURRENCY} pages at once, paced by the HTTP kit's adaptive limiter.`,
);
const base = await baseline();
const scan = await engine();
for (const [name, r] of [
  ['connector alone (baseline)', base],
  ['omni.scan full (engine + store)', scan],
] as const) {
  console.log(
    `${name}: ${r.listings.toLocaleString()} listings, ${r.requests} requests in ${fmt(r.ms)} ms ` +
      `(bucket floor ${fmt(r.floorMs)} ms); sustained ${fmt(r.rate, 1)} req/s = ${fmt(r.rate / RATE, 3)} of R; 429s: ${r.refused}`,
  );
}
console.log(
  `scan rate / R: ${fmt(scan.rate / RATE, 3)} (target ≥ 0.95), 429s: ${scan.refused} (target 0); ` +
    `engine vs baseline time: ${fmt(scan.ms / base.ms, 2)}x`,
);
