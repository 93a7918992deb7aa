/**
 * The SQLite store against the memory store, in one process: order ledger
 * upserts (insertLedgerEntry, then updateLedgerEntry) and listing snapshot
 * writes at 100k rows, as cost per operation and ratio; then the time to write
 * a 1M-listing snapshot to a file.
 *
 * Run: npx tsx --conditions=@omnisync/source bench/store.ts [--rows=100000] [--listings=1000000]
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createMemoryStore, type Listing, type NewLedgerEntry, type SyncStore } from '../packages/core/src/index';
import { createSqliteStore } from '../packages/store-sqlite/src/index';

const arg = (name: string, fallback: number) =>
  Number(process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback);
const ROWS = arg('rows', 100_000);
const BIG = arg('listings', 1_000_000);
const PAGE = 1_000;
const T = 'tenant-a';
const dir = mkdtempSync(join(tmpdir(), 'omnisync-bench-'));
let files = 0;

type Maker = { name: string; open(): Promise<SyncStore> };
const makers: Maker[] = [
  { name: 'memory', open: async () => createMemoryStore() },
  { name: 'sqlite full', open: () => createSqliteStore({ path: join(dir, `b${files++}.db`) }) },
  {
    name: 'sqlite normal',
    open: () => createSqliteStore({ path: join(dir, `b${files++}.db`), synchronous: 'normal' }),
  },
];

function order(i: number): NewLedgerEntry {
  return {
    tenantId: T,
    channelId: 'shopee',
    externalId: `ORD-${i}`,
    state: 'importing',
    saleId: null,
    channelUpdatedAt: '2026-11-10T00:00:00.000Z',
    data: { lines: [{ sku: `SKU-${i % 5000}`, quantity: 1 + (i % 3), price: '12.50' }], buyer: `buyer-${i}` },
  };
}

function listing(i: number, quantity: number): Listing {
  return {
    channelId: 'shopee',
    listingId: `L${i}`,
    variantId: i % 4 === 0 ? `v${i % 3}` : null,
    sku: `SKU-${i}`,
    title: `Product ${i} with a plausible title`,
    status: 'live',
    quantity,
    price: { amount: '25000', currency: 'IDR' },
    attributes: { colour: 'blue', size: 'M' },
    updatedAt: '2026-11-10T00:00:00.000Z',
    raw: { item_id: i, stock: quantity },
  };
}

async function time(fn: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await fn();
  return performance.now() - start;
}

/** Each ledger write as its own call (its own commit), as the engine does per order. */
async function ledgerUpserts(store: SyncStore): Promise<{ insert: number; update: number }> {
  const insert = await time(async () => {
    for (let i = 0; i < ROWS; i++) await store.insertLedgerEntry(order(i));
  });
  const update = await time(async () => {
    for (let i = 0; i < ROWS; i++) {
      const current = await store.getLedgerEntry(T, 'shopee', `ORD-${i}`);
      await store.updateLedgerEntry({ ...current!, state: 'imported', saleId: `S-${i}` });
    }
  });
  return { insert, update };
}

/** Ledger inserts grouped 100 to a transaction, as a bulk import could. */
async function batchedInserts(store: SyncStore): Promise<number> {
  return time(async () => {
    for (let i = 0; i < ROWS; i += 100) {
      await store.transaction(async (tx) => {
        for (let j = i; j < Math.min(ROWS, i + 100); j++) await tx.insertLedgerEntry(order(j + ROWS));
      });
    }
  });
}

/** A scan's snapshot writes: pages of 1000 listings, one call (one transaction) per page. */
async function snapshot(store: SyncStore, rows: number, scan: string, quantity: number): Promise<number> {
  return time(async () => {
    for (let i = 0; i < rows; i += PAGE) {
      const page = Array.from({ length: Math.min(PAGE, rows - i) }, (_, j) => listing(i + j, quantity));
      await store.upsertListings(T, 'shopee', page, scan);
    }
  });
}

const us = (ms: number, n: number) => `${((ms * 1000) / n).toFixed(2).padStart(8)} µs/op`;

console.log(`rows: ${ROWS.toLocaleString()} (ledger and snapshot), big snapshot: ${BIG.toLocaleString()} listings`);
const results = new Map<string, Record<string, number>>();
for (const maker of makers) {
  const store = await maker.open();
  const { insert, update } = await ledgerUpserts(store);
  const batched = await batchedInserts(store);
  const fresh = await snapshot(store, ROWS, 'scan-1', 5);
  const rescan = await snapshot(store, ROWS, 'scan-2', 6);
  await store.close();
  results.set(maker.name, { insert, update, batched, fresh, rescan });
}

const base = results.get('memory')!;
const rowsOf: [string, string][] = [
  ['insert', 'insertLedgerEntry, one commit each'],
  ['update', 'getLedgerEntry + updateLedgerEntry, one commit each'],
  ['batched', 'insertLedgerEntry, 100 per transaction'],
  ['fresh', 'upsertListings, new rows (pages of 1000)'],
  ['rescan', 'upsertListings, existing rows (pages of 1000)'],
];
for (const [key, label] of rowsOf) {
  console.log(`\n${label}`);
  for (const [name, r] of results) {
    const ratio = r[key]! / base[key]!;
    console.log(`  ${name.padEnd(14)} ${us(r[key]!, ROWS)}   ${ratio.toFixed(1).padStart(6)}× memory`);
  }
}

console.log(`\n${BIG.toLocaleString()}-listing snapshot (pages of ${PAGE}, one transaction each)`);
for (const maker of [makers[0]!, makers[1]!]) {
  const store = await maker.open();
  const ms = await snapshot(store, BIG, 'scan-big', 3);
  const count = await store.countListings(T, 'shopee');
  await store.close();
  const size =
    maker.name === 'memory' ? '' : `, file ${(statSync(join(dir, `b${files - 1}.db`)).size / 2 ** 20).toFixed(0)} MiB`;
  console.log(
    `  ${maker.name.padEnd(14)} ${(ms / 1000).toFixed(2).padStart(6)} s  (${Math.round(count / (ms / 1000)).toLocaleString()} listings/s${size})`,
  );
}
rmSync(dir, { recursive: true, force: true });
