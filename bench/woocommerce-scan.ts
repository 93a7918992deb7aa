/**
 * WooCommerce full-scan read: `listListings({ status: 'all' })` through the
 * connector (HTTP kit, zod parsing, variation reads) over the simulated store
 * (msw, in process) answering each request after a fixed latency. N products,
 * one in ten variable with three variations. Compared in the same process:
 *
 * - pages one at a time (`concurrentPages: 1`): the baseline;
 * - three pages at once (`concurrentPages: 3`, the default);
 * - both at the default starting rate of 4 requests/s, to show what the
 *   conservative rate costs before it adapts (it only creeps up on success).
 *
 * Run: npx tsx --conditions=@omnisync/source bench/woocommerce-scan.ts [--products=1000] [--latency=40]
 */

import { setupServer } from 'msw/node';
import { clearSharedRateLimiters } from '../packages/core/src/http/index';
import { createWooCommerceTestStore } from '../packages/woocommerce/src/__fixtures__/woocommerce-test-store';
import { createWooCommerce } from '../packages/woocommerce/src/index';

const arg = (name: string, fallback: number) =>
  Number(process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback);
const PRODUCTS = arg('products', 1_000);
const LATENCY = arg('latency', 40);

const store = createWooCommerceTestStore({ latencyMs: LATENCY });
for (let i = 0; i < PRODUCTS; i++) {
  if (i % 10 === 9) {
    const parent = store.addProduct({
      name: `Tee ${i}`,
      type: 'variable',
      attributes: [{ name: 'Size', options: ['S', 'M', 'L'] }],
    });
    for (const size of ['S', 'M', 'L']) {
      store.addVariation({
        parentId: parent.id as number,
        sku: `T-${i}-${size}`,
        stockQuantity: 3,
        attributes: { Size: size },
      });
    }
  } else {
    store.addProduct({ name: `Item ${i}`, sku: `I-${i}`, stockQuantity: i % 7 });
  }
}
const server = setupServer(...store.handlers);
server.listen({ onUnhandledFrame: 'error' });

async function scan(concurrentPages: number, requestsPerSecond: number) {
  clearSharedRateLimiters();
  const connector = createWooCommerce(
    {
      storeUrl: store.baseUrl,
      consumerKey: store.consumerKey,
      consumerSecret: store.consumerSecret,
      concurrentPages,
      requestsPerSecond,
      currency: 'USD',
    },
    { resolveHost: async () => ['203.0.113.10'] },
  );
  const before = store.calls.length;
  const started = performance.now();
  let listings = 0;
  for await (const page of connector.listListings({ status: 'all' })) listings += page.items.length;
  const ms = performance.now() - started;
  return { ms, listings, requests: store.calls.length - before };
}

const runs = [
  ['1 page at a time, 50 req/s', 1, 50],
  ['3 pages at once, 50 req/s', 3, 50],
  ['1 page at a time, 4 req/s (default rate)', 1, 4],
  ['3 pages at once, 4 req/s (default rate)', 3, 4],
] as const;

console.log(`${PRODUCTS} products (${PRODUCTS / 10} variable x 3 variations), ${LATENCY} ms per request`);
let baseline = 0;
for (const [label, pages, rate] of runs) {
  const r = await scan(pages, rate);
  if (!baseline) baseline = r.ms;
  const perSecond = Math.round((r.listings / r.ms) * 1000);
  console.log(
    `${label.padEnd(42)} ${r.ms.toFixed(0).padStart(6)} ms  ${String(r.requests).padStart(4)} requests  ` +
      `${String(perSecond).padStart(6)} listings/s  x${(baseline / r.ms).toFixed(2)} vs baseline`,
  );
}
server.close();
