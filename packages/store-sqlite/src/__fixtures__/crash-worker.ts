/**
 * The worker process of the crash test: omnisync on the SQLite store file,
 * importing orders from the mock channel and pushing stock, both reached over
 * loopback HTTP (they live in the test process and survive this one).
 *
 *   crash-worker.ts <path> <url> loop     sync until killed (prints `ready` first)
 *   crash-worker.ts <path> <url> finish   sync until nothing is left to do, then print a JSON report
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { type ChannelConnectorV1, createOmnisync, type PosConnectorV1 } from '@omnisync/core';
import { createSqliteStore } from '../sqlite-store';
import { connectConnector } from './connector-bridge';
import { CRASH_ORDER_RULES } from './crash-worker-rules';


const [path, url, mode] = process.argv.slice(2) as [string, string, 'loop' | 'finish'];
const store = await createSqliteStore({ path, busyTimeoutMs: 20_000 });
const omni = createOmnisync({
  store,
  pos: await connectConnector<PosConnectorV1>(url, 'pos'),
  // A restarted service keeps its worker id, so it resumes its own leases and order claims at once.
  workerId: 'crash-worker',
  channels: { shop: { connector: await connectConnector<ChannelConnectorV1>(url, 'channel'), orders: CRASH_ORDER_RULES } },
});

/** One sync pass; true when it found nothing to do. */
async function pass(): Promise<boolean> {
  const orders = await omni.downloadOrders('shop');
  const stock = await omni.pushPendingStock({ visibilityTimeoutMs: 500 });
  const pending = await store.listOutbox({ tenantId: omni.tenantId, topic: 'stock' });
  return orders.imported === 0 && orders.updated === 0 && stock.rounds === 0 && pending.length === 0;
}

if (mode === 'loop') {
  process.stdout.write('ready\n');
  for (;;) await pass();
}
let idle = 0;
for (let round = 0; round < 60 && idle < 2; round++) {
  idle = (await pass()) ? idle + 1 : 0;
  if (idle === 0) await sleep(100);
}
await store.close();
process.stdout.write(JSON.stringify({ settled: idle >= 2 }));
