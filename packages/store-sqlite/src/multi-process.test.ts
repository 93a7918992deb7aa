import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { bundleWorker } from './__fixtures__/bundle-worker';
import { createSqliteStore, type SqliteStore } from './sqlite-store';

const WORKER = fileURLToPath(new URL('./__fixtures__/store-worker.ts', import.meta.url));
const T = 'tenant-a';
const TOPIC = 'stock';

interface WorkerReport {
  owner: string;
  violations: string[];
  processed?: { id: string; key: string; payload: { key: string; n: number } }[];
  tokens?: number[];
}

let workerBundle = '';
let bundleDir = '';
beforeAll(async () => {
  bundleDir = mkdtempSync(join(tmpdir(), 'omnisync-worker-'));
  workerBundle = await bundleWorker(WORKER, join(bundleDir, 'store-worker.mjs'));
});
afterAll(() => rmSync(bundleDir, { recursive: true, force: true }));

/** Run the worker script in a real child process (its own `node:sqlite` connection, its own locks). */
function runWorker(...args: string[]): Promise<WorkerReport> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [workerBundle, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code === 0) resolve(JSON.parse(out) as WorkerReport);
      else reject(new Error(`worker ${args.join(' ')} exited with ${code}: ${err}`));
    });
  });
}

let dir: string;
let path: string;
let store: SqliteStore;
beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'omnisync-procs-'));
  path = join(dir, 'store.db');
  store = await createSqliteStore({ path });
});
afterEach(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('several processes on one store file', () => {
  it('process every outbox entry exactly once between three workers', async () => {
    const ids: string[] = [];
    for (let n = 0; n < 240; n++) {
      const entry = await store.enqueue({
        tenantId: T,
        topic: TOPIC,
        key: `SKU-${n}`,
        payload: { key: `SKU-${n}`, n },
      });
      ids.push(entry.id);
    }
    await store.putValue(T, 'test', 'done', true);
    const reports = await Promise.all(['w1', 'w2', 'w3'].map((w) => runWorker('drain', path, w, '3')));
    const processed = reports.flatMap((r) => r.processed ?? []).map((p) => p.id);
    expect(reports.flatMap((r) => r.violations)).toEqual([]);
    expect(processed.sort()).toEqual(ids.sort());
    expect(reports.filter((r) => (r.processed?.length ?? 0) > 0).length).toBeGreaterThan(1);
    expect(await store.listOutbox({ tenantId: T })).toEqual([]);
  }, 60_000);

  it('never hand out two entries of one key at once while updates keep coming, and lose no last update', async () => {
    const workers = Promise.all(['w1', 'w2', 'w3'].map((w) => runWorker('drain', path, w, '3')));
    while ((await store.listValues(T, 'ready')).length < 3) await sleep(10);
    const last = new Map<string, number>();
    for (let n = 0; n < 300; n++) {
      const key = `SKU-${n % 12}`;
      await store.enqueue({ tenantId: T, topic: TOPIC, key, payload: { key, n } });
      last.set(key, n);
      if (n % 5 === 0) await sleep(5);
    }
    await store.putValue(T, 'test', 'done', true);
    const reports = await workers;
    expect(reports.flatMap((r) => r.violations)).toEqual([]);
    const seen = new Map<string, number>();
    for (const p of reports.flatMap((r) => r.processed ?? [])) {
      seen.set(p.key, Math.max(seen.get(p.key) ?? -1, p.payload.n));
    }
    expect(Object.fromEntries(seen)).toEqual(Object.fromEntries(last));
    expect(await store.listOutbox({ tenantId: T })).toEqual([]);
  }, 60_000);

  it('never let two of four processes hold one lease, and hand out a new fencing token each time', async () => {
    const reports = await Promise.all(['w1', 'w2', 'w3', 'w4'].map((w) => runWorker('lease', path, w, '4', '60')));
    const tokens = reports.flatMap((r) => r.tokens ?? []);
    expect(reports.flatMap((r) => r.violations)).toEqual([]);
    expect(tokens.length).toBeGreaterThan(20);
    expect(new Set(tokens).size).toBe(tokens.length);
    expect(reports.filter((r) => (r.tokens?.length ?? 0) > 0).length).toBeGreaterThan(1);
  }, 60_000);
});
