/**
 * The worker process of the crash test: omnisync on the SQLite store file,
 * importing orders from the mock channel (its HTTP server, through the mock
 * HTTP connector) and pushing stock; the mock POS is reached through the
 * connector bridge. Both live in the test process and survive this one.
 *
 *   crash-worker.ts <path> <channel url> <pos url> loop     sync until killed (prints `ready` first)
 *   crash-worker.ts <path> <channel url> <pos url> finish   sync until nothing is left to do, then print a JSON report
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { createOmnisync, type PosConnectorV1 } from '@omnisync/core';
import { createMockHttpConnector } from '@omnisync/mock';
import { createSqliteStore } from '../sqlite-store';
import { connectConnector } from './connector-bridge';
import { CRASH_ORDER_RULES } from './crash-worker-rules';


const [path, channelUrl, posUrl, mode] = process.argv.slice(2) as [string, string, string, 'loop' | 'finish'];
const store = await createSqliteStore({ path, busyTimeoutMs: 20_000 });
const omni = createOmnisync({
  store,
  pos: await connectConnector<PosConnectorV1>(posUrl, 'pos'),
  // A restarted service keeps its worker id, so it resumes its own leases and order claims at once.
  workerId: 'crash-worker',
  channels: {
    shop: {
      connector: createMockHttpConnector({ baseUrl: channelUrl, channelId: 'shop', pageSize: 5 }),
      orders: CRASH_ORDER_RULES,
    },
  },
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
