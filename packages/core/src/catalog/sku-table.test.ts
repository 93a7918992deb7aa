import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hashAndPack, NO_SKU, PACKED, SkuTable } from './sku-table';
import { hashString } from './string-index';

/** SKUs short and long, Latin-1 and not, some equal, some differing only past the 12th character. */
const sku = fc.oneof(
  fc.string({ maxLength: 14 }),
  fc.constantFrom(
    'A',
    'AB-1',
    'ÀÉ-ü',
    'Ж-1',
    '😀',
    'ABCDEFGHIJKL',
    'ABCDEFGHIJKM',
    'ABCDEFGHIJKLM',
    'ABCDEFGHIJKLN',
    'A\u0000',
    'A',
  ),
);

describe('hashAndPack', () => {
  it('gives hashString’s value for every string', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40, unit: 'binary' }), (s) => {
        expect(hashAndPack(s, new Int32Array(PACKED), 0)).toBe(hashString(s));
      }),
    );
  });
});

describe('SkuTable', () => {
  it('gives equal SKUs one id and different SKUs different ids, one at a time or in batches', () => {
    fc.assert(
      fc.property(fc.array(fc.array(fc.option(sku, { nil: null }), { maxLength: 30 }), { maxLength: 6 }), (batches) => {
        const table = new SkuTable();
        const reference = new Map<string, number>();
        for (const [b, batch] of batches.entries()) {
          let ids: ArrayLike<number>;
          if (b % 2 === 0) {
            const hashes = new Int32Array(batch.length);
            const packed = new Int32Array(batch.length * PACKED);
            batch.forEach((s, j) => {
              if (s !== null) hashes[j] = hashAndPack(s, packed, j * PACKED);
            });
            ids = table.internAll(batch, hashes, packed);
          } else {
            ids = batch.map((s) => (s === null ? NO_SKU : table.intern(s)));
          }
          for (const [j, s] of batch.entries()) {
            if (s === null) {
              expect(ids[j]).toBe(NO_SKU);
              continue;
            }
            if (!reference.has(s)) {
              expect([...reference.values()]).not.toContain(ids[j]);
              reference.set(s, ids[j]!);
            }
            expect(ids[j]).toBe(reference.get(s));
            expect(table.names[ids[j]!]).toBe(s);
          }
        }
        expect(table.size).toBe(reference.size);
      }),
      { numRuns: 300 },
    );
  });

  it('keeps SKUs apart whose hashes collide, short, 12 characters long and long', () => {
    // Pairs found by search: equal hashString, different strings.
    const pairs = [
      ['SKU-7pvu', 'SKU-a3ea'],
      ['SKU-ABCD3uzx', 'SKU-ABCDa2ad'],
      ['LONG-SKU-NAME-42vu', 'LONG-SKU-NAME-fuea'],
    ];
    for (const [a, b] of pairs) {
      expect(hashString(a!)).toBe(hashString(b!));
      const table = new SkuTable();
      const first = table.intern(a!);
      const hashes = new Int32Array(2);
      const packed = new Int32Array(2 * PACKED);
      hashes[0] = hashAndPack(b!, packed, 0);
      hashes[1] = hashAndPack(a!, packed, PACKED);
      const [second, again] = table.internAll([b!, a!], hashes, packed);
      expect(second).not.toBe(first);
      expect(again).toBe(first);
      expect(table.intern(b!)).toBe(second);
    }
  });
});
