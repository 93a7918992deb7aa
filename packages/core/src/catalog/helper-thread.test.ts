import { afterEach, describe, expect, it } from 'vitest';
import { HelperThread, LANE } from './helper-thread';
import { internSkus, slotOrder } from './kernels';
import { hashAndPack, PACKED } from './sku-table';
import { hashString } from './string-index';

const shared = (length: number, fill = 0) => new Int32Array(new SharedArrayBuffer(length * 4)).fill(fill);

/** An empty index table (`StringIndex` layout) of `slots` slots, in shared memory. */
const emptyTable = (slots: number) => shared(slots * 2, -1);

/** SKUs as `readListings` leaves them: hashes and packed forms, in shared memory. */
function packSkus(skus: readonly (string | null)[]) {
  const hashes = shared(skus.length);
  const packed = shared(skus.length * PACKED);
  skus.forEach((sku, j) => {
    if (sku !== null) hashes[j] = hashAndPack(sku, packed, j * PACKED);
  });
  return { hashes, packed };
}

/** Start interning two SKUs, 'A' and 'B', into an empty table: the job, and the ids it fills. */
function internTwoSkus(helper: HelperThread) {
  const { hashes, packed } = packSkus(['A', 'B']);
  const ids = shared(2, 99);
  const grow = shared(2);
  grow[1] = 2;
  const job = helper.intern({ table: emptyTable(16), mask: 15, known: shared(8), hashes, packed, ids, grow }, 2);
  return { job, ids };
}

const started: HelperThread[] = [];
function startHelper(patienceMs?: number): HelperThread {
  const helper = HelperThread.start(patienceMs)!;
  expect(helper.waitUntilUp()).toBe(true);
  started.push(helper);
  return helper;
}
afterEach(() => {
  for (const helper of started.splice(0)) helper.close();
});

describe('HelperThread', () => {
  it('interns SKUs as the caller publishes them, exactly as the same kernel on this thread', () => {
    const skus = Array.from({ length: 20_000 }, (_, j) =>
      j % 50 === 0 ? null : j % 97 === 0 ? `a-sku-too-long-to-pack-${j}` : `S${(j * 7) % 3000}`,
    );
    const { hashes, packed } = packSkus(skus);
    const run = (helper: HelperThread | null) => {
      const table = emptyTable(8192);
      const known = shared(4000 * PACKED);
      const ids = shared(skus.length, 99);
      const grow = shared(2);
      grow[1] = 4000;
      if (helper === null) {
        internSkus(table, 8191, known, hashes, packed, ids, 0, skus.length, grow);
      } else {
        const job = helper.claim()!.helper.intern({ table, mask: 8191, known, hashes, packed, ids, grow }, skus.length);
        for (let at = 5000; at <= skus.length; at += 5000) job.publish(at);
        expect(job.finish()).toBe(true);
      }
      return { ids: [...ids], grow: [...grow], known: [...known] };
    };
    const inline = run(null);
    expect(run(startHelper())).toEqual(inline);
    // what the kernel leaves to the caller: no SKU, and SKUs too long to pack
    expect(inline.ids[0]).toBe(-1);
    expect(inline.ids[97]).toBe(-1);
    expect(inline.grow[0]).toBe(new Set(skus.filter((sku) => sku !== null && sku.length <= 12)).size);
  });

  it('builds a key index in slot order and reports every pair of equal hashes for the caller to compare', () => {
    const helper = startHelper();
    const keys = Array.from({ length: 10_000 }, (_, j) => `L${j}`);
    const hashes = shared(keys.length);
    keys.forEach((key, j) => {
      hashes[j] = hashString(key);
    });
    // two keys forced onto one hash, as a collision would
    hashes[7] = hashes[3]!;
    const table = emptyTable(16_384);
    const pairs = helper.lane(LANE.sweepPairs, 64);
    const found = helper.sweep(table, 16_383, hashes, pairs).finish();
    expect(found).toBe(1);
    expect([pairs[0], pairs[1]].sort()).toEqual([3, 7]);
    const placed = new Set<number>();
    for (let slot = 0; slot < 16_384; slot++) if (table[slot * 2]! >= 0) placed.add(table[slot * 2]!);
    expect(placed.size).toBe(keys.length);
    expect(slotOrder(hashes, 16_383)).toHaveLength(keys.length);
  });

  it('says when there are more equal hashes than room for their pairs', () => {
    const helper = startHelper();
    const hashes = shared(200, 42);
    const found = helper.sweep(emptyTable(512), 511, hashes, helper.lane(LANE.sweepPairs, 64)).finish();
    expect(found).toBe(-1);
  });

  it('gives up on a helper that fails a job, and takes it out of use', () => {
    const helper = startHelper();
    const broken = helper.sweep(emptyTable(16), 15, undefined as unknown as Int32Array, shared(8));
    expect(broken.finish()).toBe(-1);
    expect(helper.isBroken).toBe(true);
    expect(helper.claim()).toBeNull();
  });

  it('gives up on a helper that does not answer in time', () => {
    const helper = startHelper(200);
    const claim = helper.claim()!;
    // An intern job whose input never comes keeps the helper busy; the next job waits behind it.
    internTwoSkus(helper);
    const started = Date.now();
    expect(helper.sweep(emptyTable(16), 15, shared(4), shared(8)).finish()).toBe(-1);
    expect(Date.now() - started).toBeGreaterThanOrEqual(190);
    expect(helper.isBroken).toBe(true);
    claim.free();
  });

  it('stops a job its caller left unfinished when the claim is freed, and stays in use', () => {
    const helper = startHelper(5000);
    const claim = helper.claim()!;
    // the caller threw before publishing any input: the job would wait for it forever
    internTwoSkus(helper);
    const started = Date.now();
    claim.free();
    expect(Date.now() - started).toBeLessThan(1000);
    expect(helper.isBroken).toBe(false);
    // and the next job runs on words and arrays the stopped one no longer touches
    const again = helper.claim()!;
    const { job, ids } = internTwoSkus(helper);
    job.publish(2);
    expect(job.finish()).toBe(true);
    expect([...ids]).toEqual([0, 1]);
    again.free();
  });

  it('lends one claim at a time, and reuses its shared arrays', () => {
    const helper = startHelper();
    const claim = helper.claim()!;
    expect(helper.claim()).toBeNull();
    const lane = helper.lane(LANE.skuIds, 1000);
    lane[999] = 7;
    claim.free();
    const again = helper.claim()!;
    expect(helper.lane(LANE.skuIds, 500).buffer).toBe(lane.buffer);
    expect(helper.lane(LANE.skuIds, 2000)).toHaveLength(2000);
    again.free();
  });
});
