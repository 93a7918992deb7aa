import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildItemIndex, matchListing } from '../matching/item-index';
import { normalizeSku } from '../matching/normalize-sku';
import { type ListingStatus, listingKey } from '../model/listing';
import type { PosItem } from '../model/pos-item';
import { CATALOG_TABS, type CatalogTab, tabRows } from './catalog-tabs';
import type { ChannelCounts } from './channel-state';
import { Classifier, type ClassifierMapping } from './classifier';

const CHANNELS = ['shop', 'mall'] as const;

interface TestListing {
  listingId: string;
  variantId: string | null;
  sku: string | null;
  status: ListingStatus;
}
interface TestItem {
  id: string;
  sku: string | null;
  externalIds: Record<string, string>;
}
interface Catalog {
  items: Map<string, TestItem>;
  mappings: ClassifierMapping[];
  listings: Record<string, Map<string, TestListing>>;
}

// ── the naive reference: matchListing per listing, everything else by brute force ──

function reference(catalog: Catalog, caseInsensitive: boolean) {
  const items = [...catalog.items.values()];
  const posItems = items.map((i) => ({ ...i, name: i.id }) as unknown as PosItem);
  const index = buildItemIndex(
    posItems,
    catalog.mappings.map((m) => ({ tenantId: 't', modifierId: null, ...m })),
    { caseInsensitive },
  );
  const counts: Record<string, ChannelCounts> = {};
  const on = new Map<string, Set<string>>(items.map((i) => [i.id, new Set()]));
  const notInPos: unknown[] = [];
  const multiple: unknown[] = [];
  for (const channelId of CHANNELS) {
    const c = emptyCounts();
    const groups = new Map<string, { itemId: string | null; keys: string[] }>();
    for (const [key, l] of catalog.listings[channelId]!) {
      if (l.status === 'deleted') {
        c.deleted++;
        continue;
      }
      c.listings++;
      if (l.status === 'live') c.live++;
      const r = matchListing(index, channelId, l);
      if (r.kind === 'matched') {
        c.matchedListings++;
        on.get(r.item.id)!.add(channelId);
        const g = groups.get(`i:${r.item.id}`) ?? { itemId: r.item.id, keys: [] };
        g.keys.push(key);
        groups.set(`i:${r.item.id}`, g);
        continue;
      }
      const reason = r.kind === 'conflict' ? 'conflict' : r.reason;
      if (l.status === 'live') {
        c.notInPosByReason[reason]++;
        c.notInPos++;
        notInPos.push({
          channelId,
          key,
          reason,
          sku: r.sku,
          conflictItemIds: r.kind === 'conflict' ? r.items.map((i) => i.id) : null,
        });
      }
      if (r.sku !== null) {
        const g = groups.get(`s:${r.sku}`) ?? { itemId: null, keys: [] };
        g.keys.push(key);
        groups.set(`s:${r.sku}`, g);
      }
    }
    for (const g of groups.values()) {
      if (g.keys.length < 2) continue;
      c.multipleListingGroups++;
      multiple.push({ channelId, itemId: g.itemId, keys: [...g.keys].sort() });
    }
    c.soldInChannel = items.filter((i) => on.get(i.id)!.has(channelId)).length;
    counts[channelId] = c;
  }
  const itemRow = (i: TestItem) => {
    const dup = index.bySku.get(normalizeSku(i.sku, { caseInsensitive }) ?? '\u0001');
    return {
      itemId: i.id,
      channelIds: CHANNELS.filter((c) => on.get(i.id)!.has(c)),
      missingChannelIds: CHANNELS.filter((c) => !on.get(i.id)!.has(c)),
      conflictWith: dup && dup.length > 1 ? dup.map((d) => d.id).filter((id) => id !== i.id) : null,
    };
  };
  const inPos = items.map(itemRow);
  return {
    counts,
    tabs: {
      'in-pos': inPos,
      'sold-in-channel': inPos.filter((r) => r.channelIds.length > 0),
      'not-in-channel': inPos.filter((r) => r.missingChannelIds.length > 0),
      'not-in-pos': notInPos,
      'multiple-listing': sortRows(multiple),
    } as Record<CatalogTab, unknown[]>,
  };
}

function emptyCounts(): ChannelCounts {
  return {
    listings: 0,
    live: 0,
    deleted: 0,
    matchedListings: 0,
    soldInChannel: 0,
    notInPos: 0,
    notInPosByReason: { 'empty-sku': 0, 'unknown-sku': 0, conflict: 0 },
    multipleListingGroups: 0,
  };
}

function sortRows(rows: unknown[]): unknown[] {
  return rows.map((r) => JSON.stringify(r)).sort();
}

function observed(classifier: Classifier) {
  const counts: Record<string, ChannelCounts> = {};
  for (const c of CHANNELS) counts[c] = classifier.channel(c).counts();
  const tabs = {} as Record<CatalogTab, unknown[]>;
  for (const tab of CATALOG_TABS) tabs[tab] = [...tabRows(classifier, tab, { channels: CHANNELS })];
  tabs['multiple-listing'] = sortRows(
    (tabs['multiple-listing'] as { channelId: string; itemId: string | null; keys: string[] }[]).map((g) => ({
      channelId: g.channelId,
      itemId: g.itemId,
      keys: [...g.keys].sort(),
    })),
  );
  return { counts, tabs };
}

// ── generators: few SKUs, many spellings of each ──

const baseSku = fc.constantFrom('AB-1', 'ab-1', 'X 2', 'Q', 'Z-9');
const skuSpelling = fc.oneof(
  { weight: 6, arbitrary: baseSku },
  { weight: 2, arbitrary: baseSku.map((s) => ` ${s}  `) },
  { weight: 2, arbitrary: baseSku.map((s) => s.replace(' ', ' \t ').replace('-', '  -')) },
  { weight: 2, arbitrary: baseSku.map((s) => s.toLowerCase()) },
  { weight: 1, arbitrary: fc.constantFrom(null, '', '   ') },
  { weight: 1, arbitrary: fc.constantFrom('NOPE', 'nope ') },
);
const listingIdArb = fc.constantFrom('L1', 'L2', 'L3', 'L4', 'L5', 'L6', 'L7');
const variantArb = fc.constantFrom(null, null, 'v1', 'v2');
const statusArb = fc.constantFrom<ListingStatus>('live', 'live', 'live', 'inactive', 'archived', 'deleted');
const channelArb = fc.constantFrom(...CHANNELS);
const listingArb = fc.record({ listingId: listingIdArb, variantId: variantArb, sku: skuSpelling, status: statusArb });
const itemIdArb = fc.constantFrom('i1', 'i2', 'i3', 'i4', 'i5', 'i6');
const externalArb = fc.oneof(
  { weight: 4, arbitrary: fc.constant({}) },
  { weight: 1, arbitrary: fc.record({ shop: fc.constantFrom('L1', 'L2:v1', 'L9') }) },
  { weight: 1, arbitrary: fc.record({ mall: fc.constantFrom('L3', 'L4:v2') }) },
);
const itemArb = fc.record({ id: itemIdArb, sku: skuSpelling, externalIds: externalArb });
const mappingArb = fc.record({
  targetId: channelArb,
  externalId: fc.constantFrom('L1', 'L2', 'L5', 'L6:v1'),
  itemId: fc.constantFrom('i1', 'i2', 'i7'),
});

type Op =
  | { kind: 'listings'; channelId: string; listings: TestListing[] }
  | { kind: 'items'; items: TestItem[] }
  | { kind: 'remove'; ids: string[] }
  | { kind: 'replace-items'; items: TestItem[] }
  | { kind: 'mappings'; mappings: ClassifierMapping[] };

const mappingsArb = fc.uniqueArray(mappingArb, { selector: (m) => `${m.targetId}|${m.externalId}`, maxLength: 4 });
const opArb: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant('listings' as const),
      channelId: channelArb,
      listings: fc.array(listingArb, { maxLength: 5 }),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({ kind: fc.constant('items' as const), items: fc.array(itemArb, { maxLength: 3 }) }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant('remove' as const), ids: fc.array(itemIdArb, { maxLength: 2 }) }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant('replace-items' as const), items: fc.array(itemArb, { maxLength: 5 }) }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('mappings' as const), mappings: mappingsArb }) },
);

function emptyCatalog(): Catalog {
  return { items: new Map(), mappings: [], listings: Object.fromEntries(CHANNELS.map((c) => [c, new Map()])) };
}

/** Apply an operation to the plain catalog and to the classifier. */
function apply(catalog: Catalog, classifier: Classifier, op: Op): void {
  switch (op.kind) {
    case 'listings':
      for (const l of op.listings) catalog.listings[op.channelId]!.set(listingKey(l), l);
      classifier.upsertListings(
        op.channelId,
        op.listings.map((l) => ({ ...l, key: listingKey(l) })),
      );
      return;
    case 'items':
      for (const i of op.items) catalog.items.set(i.id, i);
      classifier.upsertItems(op.items);
      return;
    case 'remove':
      for (const id of op.ids) catalog.items.delete(id);
      classifier.removeItems(op.ids);
      return;
    case 'replace-items': {
      const last = new Map(op.items.map((i) => [i.id, i]));
      for (const id of [...catalog.items.keys()]) if (!last.has(id)) catalog.items.delete(id);
      for (const i of op.items) catalog.items.set(i.id, i);
      classifier.replaceItems(op.items);
      return;
    }
    case 'mappings':
      catalog.mappings = op.mappings;
      classifier.setMappings(op.mappings);
  }
}

function buildFresh(catalog: Catalog, caseInsensitive: boolean): Classifier {
  const classifier = new Classifier({ caseInsensitive });
  classifier.upsertItems(catalog.items.values());
  classifier.setMappings(catalog.mappings);
  for (const c of CHANNELS) {
    classifier.upsertListings(
      c,
      [...catalog.listings[c]!.values()].map((l) => ({ ...l, key: listingKey(l) })),
    );
  }
  return classifier;
}

describe('Classifier against a naive reference', () => {
  it('agrees in full mode: every tab and count, on messy catalogs', () => {
    fc.assert(
      fc.property(fc.array(opArb, { maxLength: 12 }), fc.boolean(), (ops, caseInsensitive) => {
        const catalog = emptyCatalog();
        for (const op of ops) apply(catalog, new Classifier(), op);
        expect(observed(buildFresh(catalog, caseInsensitive))).toEqual(reference(catalog, caseInsensitive));
      }),
      { numRuns: 300 },
    );
  });

  it('agrees in incremental mode after every change (listings, items, removals, mappings)', () => {
    fc.assert(
      fc.property(fc.array(opArb, { minLength: 1, maxLength: 15 }), fc.boolean(), (ops, caseInsensitive) => {
        const catalog = emptyCatalog();
        const classifier = new Classifier({ caseInsensitive });
        for (const c of CHANNELS) classifier.upsertListings(c, []);
        for (const op of ops) {
          apply(catalog, classifier, op);
          expect(observed(classifier)).toEqual(reference(catalog, caseInsensitive));
        }
      }),
      { numRuns: 300 },
    );
  });

  it('is a partition: each listing in exactly one bucket, each item sold-in or not-in each channel', () => {
    fc.assert(
      fc.property(fc.array(opArb, { maxLength: 12 }), (ops) => {
        const catalog = emptyCatalog();
        const classifier = new Classifier();
        for (const c of CHANNELS) classifier.upsertListings(c, []);
        for (const op of ops) apply(catalog, classifier, op);
        for (const c of CHANNELS) {
          const n = classifier.channel(c).counts();
          const unmatchedInactive = n.listings - n.live - (n.matchedListings - matchedLive(classifier, c));
          expect(n.matchedListings + n.notInPos + unmatchedInactive).toBe(n.listings);
          expect(n.listings + n.deleted).toBe(catalog.listings[c]!.size);
          const sold = [...tabRows(classifier, 'sold-in-channel', { channels: CHANNELS, channelId: c })];
          const missing = [...tabRows(classifier, 'not-in-channel', { channels: CHANNELS, channelId: c })];
          expect(sold.length + missing.length).toBe(catalog.items.size);
          expect(new Set([...sold, ...missing].map((r) => r.itemId)).size).toBe(catalog.items.size);
        }
      }),
      { numRuns: 200 },
    );
  });
});

function matchedLive(classifier: Classifier, channelId: string): number {
  const state = classifier.channel(channelId);
  let n = 0;
  for (let i = 0; i < state.size; i++) if (state.statusOf(i) === 0 && state.matchOf(i) >= 0) n++;
  return n;
}

describe('Classifier rules', () => {
  const build = () => {
    const c = new Classifier();
    c.upsertItems([
      { id: 'a', sku: 'TS-RED M' },
      { id: 'b', sku: 'DUP' },
      { id: 'c', sku: ' DUP ' },
      { id: 'd', sku: 'X', externalIds: { shop: 'L9' } },
    ]);
    c.upsertListings('shop', [
      { key: 'L1', sku: ' TS-RED   M ', status: 'live' },
      { key: 'L2', sku: 'DUP', status: 'live' },
      { key: 'L3', sku: null, status: 'live' },
      { key: 'L4', sku: 'GHOST', status: 'live' },
      { key: 'L5', sku: 'TS-RED M', status: 'inactive' },
      { key: 'L9', sku: 'DUP', status: 'live' },
    ]);
    return c;
  };

  it('names the reason a live listing is not in the POS, with both items of a conflict', () => {
    const rows = [...tabRows(build(), 'not-in-pos', { channels: ['shop'] })];
    expect(rows.map((r) => [r.key, r.reason, r.conflictItemIds])).toEqual([
      ['L2', 'conflict', ['b', 'c']],
      ['L3', 'empty-sku', null],
      ['L4', 'unknown-sku', null],
    ]);
  });

  it('lets an item external id win over the SKU, and groups listings of one item as multiple listing', () => {
    const c = build();
    const state = c.channel('shop');
    expect(c.listingMatch(state, state.rowOf('L9'))).toEqual({ kind: 'matched', itemId: 'd', via: 'mapping' });
    expect([...tabRows(c, 'multiple-listing', { channels: ['shop'] })]).toEqual([
      { channelId: 'shop', sku: 'TS-RED M', itemId: 'a', keys: ['L1', 'L5'] },
    ]);
  });

  it('re-matches a SKU conflict when one of the duplicates is fixed', () => {
    const c = build();
    c.upsertItems([{ id: 'c', sku: 'DUP-2' }]);
    const state = c.channel('shop');
    expect(c.listingMatch(state, state.rowOf('L2'))).toEqual({ kind: 'matched', itemId: 'b', via: 'sku' });
    expect(state.counts().notInPosByReason).toEqual({ 'empty-sku': 1, 'unknown-sku': 1, conflict: 0 });
  });
});

/** Items a (S1), b and c (both S2: a conflict), d (X, claiming listing L7 by external id); L1 mapped to b. */
function smallCatalog(options: { caseInsensitive?: boolean } = {}): Classifier {
  const c = new Classifier(options);
  c.upsertItems([
    { id: 'a', sku: 'S1' },
    { id: 'b', sku: 'S2' },
    { id: 'c', sku: 'S2' },
    { id: 'd', sku: 'X', externalIds: { shop: 'L7' } },
  ]);
  c.setMappings([{ targetId: 'shop', externalId: 'L1', itemId: 'b' }]);
  return c;
}

describe('Classifier first loads at scale', () => {
  /** Every listing's match and the counts, for comparing two classifiers. */
  const snapshot = (c: Classifier, channelId: string) => {
    const state = c.channel(channelId);
    const rows: unknown[] = [];
    for (let i = 0; i < state.size; i++) rows.push([state.keys[i], c.listingSku(state, i), c.listingMatch(state, i)]);
    return { counts: state.counts(), rows };
  };

  it('classifies a big first batch (keys repeating or not) as the same listings loaded a few at a time', () => {
    const bigListing = fc.record({
      key: fc.oneof(
        { weight: 30, arbitrary: fc.integer({ min: 0, max: 100_000 }).map((n) => `L${n}`) },
        { weight: 1, arbitrary: fc.constantFrom('L1', 'L2', 'L7') },
      ),
      sku: fc.oneof(
        fc.constantFrom(null, ' ', 'S1', ' s1 ', 'S2', 'S3'),
        fc.integer({ max: 50 }).map((n) => `S${n}`),
      ),
      status: fc.constantFrom<ListingStatus>('live', 'inactive', 'deleted'),
    });
    fc.assert(
      fc.property(
        fc.array(bigListing, { minLength: 1200, maxLength: 1500 }),
        fc.boolean(),
        fc.boolean(),
        (listings, unique, caseInsensitive) => {
          const batch = unique ? [...new Map(listings.map((l) => [l.key, l])).values()] : listings;
          const make = () => {
            const c = smallCatalog({ caseInsensitive });
            return c;
          };
          const atOnce = make();
          atOnce.upsertListings('shop', batch);
          const inPieces = make();
          for (let at = 0; at < batch.length; at += 100) inPieces.upsertListings('shop', batch.slice(at, at + 100));
          expect(snapshot(atOnce, 'shop')).toEqual(snapshot(inPieces, 'shop'));
          // and it stays incremental afterwards
          atOnce.upsertItems([{ id: 'c', sku: 'S3' }]);
          inPieces.upsertItems([{ id: 'c', sku: 'S3' }]);
          expect(snapshot(atOnce, 'shop')).toEqual(snapshot(inPieces, 'shop'));
        },
      ),
      { numRuns: 25 },
    );
  });

  it('keeps listings apart whose keys or SKUs share a hash, in first loads and updates', () => {
    // Equal hashString, different strings (found by search).
    const [k1, k2] = ['SKU-7pvu', 'SKU-a3ea'];
    const [s1, s2] = ['SKU-ABCD3uzx', 'SKU-ABCDa2ad'];
    const c = new Classifier();
    c.upsertItems([
      { id: 'one', sku: s1 },
      { id: 'two', sku: s2 },
    ]);
    const filler = Array.from({ length: 1100 }, (_, n) => ({ key: `F${n}`, sku: null, status: 'live' as const }));
    c.upsertListings('shop', [...filler, { key: k1, sku: s1, status: 'live' }]);
    c.upsertListings('shop', [
      { key: k2, sku: s2, status: 'live' },
      { key: k1, sku: s1, status: 'inactive' },
    ]);
    const state = c.channel('shop');
    expect(state.size).toBe(1102);
    expect(c.listingMatch(state, state.rowOf(k1))).toEqual({ kind: 'matched', itemId: 'one', via: 'sku' });
    expect(c.listingMatch(state, state.rowOf(k2))).toEqual({ kind: 'matched', itemId: 'two', via: 'sku' });
    expect(state.statusOf(state.rowOf(k1))).toBe(1);
  });

  it('updates the second of two indexed keys that share a hash, in small and big batches', () => {
    const [k1, k2] = ['SKU-7pvu', 'SKU-a3ea'];
    for (const big of [false, true]) {
      const c = new Classifier();
      c.upsertItems([{ id: 'one', sku: 'A' }]);
      const filler = Array.from({ length: big ? 5000 : 3 }, (_, n) => ({
        key: `F${n}`,
        sku: null,
        status: 'live' as const,
      }));
      c.upsertListings('shop', [
        ...filler,
        { key: k1, sku: 'A', status: 'live' },
        { key: k2, sku: 'A', status: 'live' },
      ]);
      c.upsertListings('shop', [...(big ? filler : []), { key: k2, sku: null, status: 'deleted' }]);
      const state = c.channel('shop');
      expect(state.size).toBe(filler.length + 2);
      expect(state.statusOf(state.rowOf(k2))).toBe(3);
      expect(state.statusOf(state.rowOf(k1))).toBe(0);
      expect(state.counts().deleted).toBe(1);
    }
  });

  it('applies a big update batch (SKU chains built, titles, mappings) as the same listings one at a time', () => {
    const listing = fc.record({
      key: fc.integer({ min: 0, max: 3000 }).map((n) => `L${n}`),
      sku: fc.oneof(
        fc.constantFrom(null, ' ', ' s1 ', 'X', 'S2'),
        fc.integer({ max: 40 }).map((n) => `S${n}`),
      ),
      status: fc.constantFrom<ListingStatus>('live', 'inactive', 'deleted'),
      title: fc.option(fc.constantFrom('t1', 't2'), { nil: undefined }),
    });
    const withTitles = (c: Classifier) => {
      const state = c.channel('shop');
      return { ...snapshot(c, 'shop'), titles: state.keys.map((_, i) => state.title(i)) };
    };
    fc.assert(
      fc.property(
        fc.array(listing, { minLength: 1100, maxLength: 1300 }),
        fc.array(listing, { minLength: 5000, maxLength: 6000 }),
        (before, batch) => {
          const make = () => {
            const c = smallCatalog();
            c.upsertListings('shop', before);
            c.upsertItems([{ id: 'e', sku: 'S3' }]); // builds the per-SKU chains
            return c;
          };
          const atOnce = make();
          atOnce.upsertListings('shop', batch);
          const oneByOne = make();
          for (const l of batch) oneByOne.upsertListings('shop', [l]);
          expect(withTitles(atOnce)).toEqual(withTitles(oneByOne));
          for (const c of [atOnce, oneByOne])
            c.upsertItems([
              { id: 'c', sku: 'S4' },
              { id: 'f', sku: 'S5' },
            ]);
          expect(withTitles(atOnce)).toEqual(withTitles(oneByOne));
        },
      ),
      { numRuns: 6 },
    );
  });

  it('keeps a channel replaced by no listings', () => {
    const c = new Classifier();
    c.upsertListings('shop', [{ key: 'a', sku: 'A', status: 'live' }]);
    c.replaceListings('shop', []);
    expect(c.channelIds()).toEqual(['shop']);
    expect(c.channel('shop').counts().listings).toBe(0);
  });

  it('gives back the memory of each batch: updates leave no buffers behind', () => {
    const c = new Classifier();
    c.upsertItems(Array.from({ length: 2000 }, (_, n) => ({ id: `i${n}`, sku: `S${n}` })));
    const listings = Array.from({ length: 20_000 }, (_, n) => ({
      key: `L${n}`,
      sku: `S${n % 2500}`,
      status: 'live' as const,
    }));
    c.upsertListings('shop', listings);
    const before = process.memoryUsage().arrayBuffers;
    for (let round = 0; round < 200; round++) {
      const page = listings
        .slice((round % 4) * 5000, (round % 4) * 5000 + 5000)
        .map((l) => ({ ...l, sku: `S${round}` }));
      c.upsertListings('shop', page);
    }
    // 200 pages of 5000 allocate about 60 MB of scratch: none of it may stay behind.
    const grown = process.memoryUsage().arrayBuffers - before;
    expect(grown).toBeLessThan(2 * 1024 * 1024);
  });

  it('applies an update batch (keys new and old, some repeating) as the same listings one at a time', () => {
    const listing = fc.record({
      key: fc.integer({ min: 0, max: 60 }).map((n) => `L${n}`),
      sku: fc.oneof(
        fc.constantFrom(null, ' ', ' s1 ', 'X'),
        fc.integer({ max: 12 }).map((n) => `S${n}`),
      ),
      status: fc.constantFrom<ListingStatus>('live', 'inactive', 'deleted'),
    });
    fc.assert(
      fc.property(
        fc.array(listing, { maxLength: 40 }),
        fc.array(listing, { minLength: 1, maxLength: 80 }),
        (before, batch) => {
          const make = () => {
            const c = smallCatalog();
            for (const l of before) c.upsertListings('shop', [l]);
            return c;
          };
          const atOnce = make();
          atOnce.upsertListings('shop', batch);
          const oneByOne = make();
          for (const l of batch) oneByOne.upsertListings('shop', [l]);
          expect(snapshot(atOnce, 'shop')).toEqual(snapshot(oneByOne, 'shop'));
        },
      ),
      { numRuns: 300 },
    );
  });
});
