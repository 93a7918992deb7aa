// The mock marketplace's HTTP mode under the loads the demo and other benches put on it:
// a 50k-listing catalog scanned over loopback (unlimited, then at a token-bucket rate), raw request
// capacity, and 3 channels taking 10k stock changes each. Baseline: the same scan in memory.
import { clearSharedRateLimiters, tokenBucket } from '@omnisync/core/http';
import { createMockChannel, createMockHttpConnector, type MockChannel, startMockServer } from '@omnisync/mock';

const LISTINGS = 50_000;
const PAGE = 100;

async function time<T>(run: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const start = performance.now();
  const value = await run();
  return { ms: performance.now() - start, value };
}

async function scanCount(pages: AsyncIterable<{ items: unknown[] }>): Promise<number> {
  let n = 0;
  for await (const page of pages) n += page.items.length;
  return n;
}

const fmt = (n: number) => n.toFixed(n >= 100 ? 0 : 2);

async function rawCapacity(url: string, apiKey: string, concurrency: number, requests: number) {
  let next = 0;
  const worker = async () => {
    while (next < requests) {
      const offset = (next++ % (LISTINGS / PAGE)) * PAGE;
      const r = await fetch(`${url}/api/v1/listings?offset=${offset}&limit=${PAGE}`, {
        headers: { authorization: `Bearer ${apiKey}` },
      });
      await r.arrayBuffer();
    }
  };
  const { ms } = await time(() => Promise.all(Array.from({ length: concurrency }, worker)));
  return (requests / ms) * 1000;
}

async function main() {
  const channel = createMockChannel({ catalogSize: LISTINGS, pageSize: PAGE, seed: 'bench' });
  const baseline = await time(() => scanCount(channel.listListings({ status: 'all' })));
  console.log(`in-memory scan of ${baseline.value} listings: ${fmt(baseline.ms)} ms (baseline)`);

  const open = await startMockServer(channel, { rateLimit: false });
  const capacity = await rawCapacity(open.url, open.apiKey, 8, 2000);
  console.log(`raw capacity, GET /listings pages of ${PAGE}, 8 clients: ${fmt(capacity)} req/s`);
  const http = createMockHttpConnector({
    baseUrl: open.url,
    apiKey: open.apiKey,
    pageSize: PAGE,
    concurrency: 4,
    limiter: tokenBucket({ ratePerSecond: 100_000, burst: 100_000 }),
  });
  const unlimited = await time(() => scanCount(http.listListings({ status: 'all' })));
  console.log(
    `HTTP scan, no rate limit, 4 pages at once: ${unlimited.value} listings in ${fmt(unlimited.ms)} ms ` +
      `(${fmt(unlimited.ms / baseline.ms)}x the in-memory baseline, ${fmt((LISTINGS / PAGE / unlimited.ms) * 1000)} pages/s)`,
  );
  await open.close();

  const rate = 100;
  const burst = 50;
  clearSharedRateLimiters();
  const limited = await startMockServer(channel, { rateLimit: { ratePerSecond: rate, burst } });
  const paced = createMockHttpConnector({
    baseUrl: limited.url,
    apiKey: limited.apiKey,
    pageSize: PAGE,
    concurrency: 4,
  });
  const before = channel.calls.length;
  const scan = await time(() => scanCount(paced.listListings({ status: 'all' })));
  const calls = channel.calls.slice(before);
  const refused = calls.filter((c) => c.errorCode === 'CHANNEL_RATE_LIMITED').length;
  const floorMs = ((LISTINGS / PAGE - burst) / rate) * 1000;
  console.log(
    `HTTP scan at ${rate} req/s (burst ${burst}): ${scan.value} listings in ${fmt(scan.ms)} ms; ` +
      `the bucket allows no less than ${fmt(floorMs)} ms (ratio ${fmt(scan.ms / floorMs)}); 429s: ${refused} of ${calls.length} requests`,
  );
  await limited.close();

  const channels: MockChannel[] = [0, 1, 2].map((i) => createMockChannel({ catalogSize: 10_000, seed: `stock-${i}` }));
  const servers = await Promise.all(channels.map((c) => startMockServer(c, { rateLimit: false })));
  const writers = servers.map((s) =>
    createMockHttpConnector({
      baseUrl: s.url,
      apiKey: s.apiKey,
      limiter: tokenBucket({ ratePerSecond: 100_000, burst: 100_000 }),
    }),
  );
  const before3 = channels.map((c) => c.listings().map((l) => l.quantity ?? 0));
  const pushes = await time(() =>
    Promise.all(
      channels.map(async (c, i) => {
        const rows = c.listings();
        for (let at = 0; at < rows.length; at += 50) {
          const batch = rows
            .slice(at, at + 50)
            .map((l) => ({ listingId: l.listingId, quantity: (l.quantity ?? 0) + 1 }));
          await writers[i]?.updateStock(batch);
        }
      }),
    ),
  );
  const changed = channels.every((c, ci) => c.listings().every((l, i) => l.quantity === (before3[ci]?.[i] ?? 0) + 1));
  console.log(
    `3 channels x 10 000 stock changes in batches of 50 (600 requests): ${fmt(pushes.ms)} ms, ` +
      `${fmt((600 / pushes.ms) * 1000)} req/s across the 3 servers; every listing holds its new quantity: ${changed}`,
  );
  await Promise.all(servers.map((s) => s.close()));
}

await main();
