import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { ListingStatus } from '../model/listing';
import { Classifier, type ClassifierItem, type ClassifierListing, type ClassifierOptions } from './classifier';
import { HelperThread } from './helper-thread';

const STATUSES: ListingStatus[] = ['live', 'live', 'live', 'inactive', 'archived', 'deleted'];

/** A SKU as merchants type them: mostly an item's, sometimes padded, lower-case, long, non-Latin-1, unknown or missing. */
function messySku(int: (n: number) => number, items: number): string | null {
  const n = int(items * 1.1);
  switch (int(12)) {
    case 0:
      return null;
    case 1:
      return '  ';
    case 2:
      return ` SKU-${n}  `;
    case 3:
      return `sku-${n}`;
    case 4:
      return `A-LONG-SKU-NAME-${n}`;
    case 5:
      return `SKU-${n}-é`;
    case 6:
      return `SKU-${n}-😀`;
    default:
      return `SKU-${n}`;
  }
}

/** Integers in [0, n) from a seeded mulberry32 (core's tests may not use the testkit's `createRandom`). */
function seeded(seed: number) {
  let a = seed >>> 0;
  return (n: number) => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return Math.floor((((t ^ (t >>> 14)) >>> 0) / 4294967296) * n);
  };
}

function catalog(seed: number, items: number, listings: number) {
  // seeded, so a failure names a catalog that can be rebuilt
  const int = seeded(seed);
  const posItems: ClassifierItem[] = Array.from({ length: items }, (_, n) => ({
    id: `item-${n}`,
    sku: int(40) === 0 ? `SKU-${int(items)}` : `SKU-${n}`,
  }));
  const listing = (key: string): ClassifierListing => ({
    key,
    sku: messySku(int, items),
    status: STATUSES[int(STATUSES.length)]!,
  });
  const first = Array.from({ length: listings }, (_, j) => listing(`L${j}`));
  /** An update batch: old keys changed (some twice), new keys added. */
  const update = (size: number) =>
    Array.from({ length: size }, () => listing(int(4) === 0 ? `L${listings + int(listings)}` : `L${int(listings)}`));
  return { posItems, first, update };
}

/** Every listing's match and the counts of every channel. */
function snapshot(c: Classifier) {
  return c.channelIds().map((channelId) => {
    const state = c.channel(channelId);
    const rows: unknown[] = [];
    for (let i = 0; i < state.size; i++) rows.push([state.keys[i], c.listingSku(state, i), c.listingMatch(state, i)]);
    return { channelId, counts: state.counts(), rows };
  });
}

beforeAll(() => {
  // The helper starts in the background on first use; until it is up, calls do their work themselves.
  expect(HelperThread.get()?.waitUntilUp()).toBe(true);
});
afterEach(() => {
  vi.restoreAllMocks();
});

describe('Classifier on two threads', () => {
  it('classifies first loads and updates exactly as on one thread, and uses the helper for them', () => {
    const interned = vi.spyOn(HelperThread.prototype, 'intern');
    const swept = vi.spyOn(HelperThread.prototype, 'sweep');
    for (const seed of [1, 2]) {
      for (const caseInsensitive of [false, true]) {
        const { posItems, first, update } = catalog(seed, 6000, 12_000);
        const run = (options: ClassifierOptions) => {
          const c = new Classifier({ ...options, caseInsensitive });
          c.upsertItems(posItems);
          c.setMappings([{ targetId: 'shop', externalId: 'L5', itemId: 'item-9' }]);
          c.upsertListings('shop', first);
          // a first load whose keys repeat takes the update path
          c.upsertListings('mall', [...first.slice(0, 6000), ...first.slice(0, 100)]);
          return c;
        };
        const one = run({ parallel: false });
        const two = run({});
        expect(snapshot(two)).toEqual(snapshot(one));
        for (let round = 0; round < 3; round++) {
          const batch = update(5000);
          one.upsertListings('shop', batch);
          two.upsertListings('shop', batch);
        }
        two.upsertItems([{ id: 'item-new', sku: 'SKU-3' }]);
        one.upsertItems([{ id: 'item-new', sku: 'SKU-3' }]);
        expect(snapshot(two)).toEqual(snapshot(one));
      }
    }
    expect(interned.mock.calls.length).toBeGreaterThan(10);
    expect(swept).toHaveBeenCalled();
  });

  it('loads items and listings in either order, and a first item load with a repeated id, as on one thread', () => {
    const { posItems, first } = catalog(3, 6000, 9000);
    const withRepeat = [...posItems, { id: 'item-7', sku: 'SKU-OTHER' }];
    const run = (options: ClassifierOptions) => {
      const c = new Classifier(options);
      c.upsertListings('shop', first);
      c.upsertItems(withRepeat);
      return c;
    };
    expect(snapshot(run({}))).toEqual(snapshot(run({ parallel: false })));
  });

  it('leaves the classifier as it was when the SKU normaliser throws halfway through a batch', () => {
    const { posItems, first } = catalog(4, 6000, 12_000);
    // well past the first parts the helper is given (2048 listings each), so it has interned SKUs by then
    first[9000] = { key: 'L9000', sku: 'BOOM', status: 'live' };
    let armed = true;
    const normalize = (sku: string) => {
      if (armed && sku === 'BOOM') throw new Error('normaliser failed');
      return sku;
    };
    const failing = new Classifier({ normalize });
    const plain = new Classifier({ normalize: (sku) => sku });
    failing.upsertItems(posItems);
    plain.upsertItems(posItems);
    const intern = vi.spyOn(HelperThread.prototype, 'intern');
    expect(() => failing.upsertListings('shop', first)).toThrow('normaliser failed');
    expect(intern).toHaveBeenCalled();
    armed = false;
    // in another order, so SKUs the helper interned before the throw would clash with new ids
    const retry = [...first].reverse();
    failing.upsertListings('shop', retry);
    plain.upsertListings('shop', retry);
    expect(snapshot(failing)).toEqual(snapshot(plain));
  });

  it('leaves the classifier as it was when a batch throws after its read, while the helper interns', () => {
    const { posItems, first, update } = catalog(6, 6000, 12_000);
    const twins = [new Classifier(), new Classifier({ parallel: false })];
    for (const c of twins) {
      c.upsertItems(posItems);
      c.upsertListings('shop', first);
    }
    const batches = [update(5000), update(5000), update(5000)];
    // The first listing's key can be read twice (the read pass), and throws on the third (finding its row),
    // once the helper has had time to intern the whole batch.
    let reads = 0;
    const poisoned = { ...batches[0]![0]!, key: '' };
    Object.defineProperty(poisoned, 'key', {
      get: () => {
        if (++reads % 3 !== 0) return 'L1';
        Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 200);
        throw new Error('key unreadable');
      },
    });
    const failing = [poisoned, ...batches[0]!.slice(1).map((l) => ({ ...l, sku: `NEW-${l.key}` }))];
    for (const c of twins) expect(() => c.upsertListings('shop', failing)).toThrow('key unreadable');
    // the failed batch's SKUs again, in another order: ids the helper gave them before the throw must be forgotten
    const retry = failing.slice(1).reverse();
    for (const batch of [retry, ...batches.slice(1)]) for (const c of twins) c.upsertListings('shop', batch);
    expect(snapshot(twins[0]!)).toEqual(snapshot(twins[1]!));
  });

  it("redoes a first load's key index on this thread when the helper fails to build it", () => {
    const { posItems, first } = catalog(7, 6000, 12_000);
    const original = HelperThread.prototype.sweep;
    const sweep = vi.spyOn(HelperThread.prototype, 'sweep').mockImplementation(function (this: HelperThread, ...args) {
      const running = original.apply(this, args);
      // The helper filled the table, then reports failure: the table must not be trusted.
      return { finish: () => (running.finish(), -1) };
    });
    const twins = [new Classifier(), new Classifier({ parallel: false })];
    for (const c of twins) {
      c.upsertItems(posItems);
      c.upsertListings('shop', first);
    }
    expect(sweep).toHaveBeenCalled();
    expect(snapshot(twins[0]!)).toEqual(snapshot(twins[1]!));
  });

  it('redoes the work on this thread when the helper fails a job', () => {
    const { posItems, first, update } = catalog(5, 6000, 12_000);
    const original = HelperThread.prototype.intern;
    vi.spyOn(HelperThread.prototype, 'intern').mockImplementation(function (this: HelperThread, job, total) {
      const running = original.call(this, job, total);
      // The helper did (some of) the job, then reports failure: its inserts must not count.
      return { ...running, finish: () => (running.finish(), false) };
    });
    const failing = new Classifier();
    const plain = new Classifier({ parallel: false });
    const changes = update(5000);
    for (const c of [failing, plain]) {
      c.upsertItems(posItems);
      c.upsertListings('shop', first);
      c.upsertListings('shop', changes);
    }
    expect(snapshot(failing)).toEqual(snapshot(plain));
  });
});
