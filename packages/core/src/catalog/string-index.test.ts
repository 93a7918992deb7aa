import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hashString, StringIndex } from './string-index';

describe('StringIndex', () => {
  it('answers like a Map through adds, deletes, re-adds and resizes', () => {
    const op = fc.oneof(
      fc.record({ kind: fc.constant('add' as const), key: fc.string({ maxLength: 4 }) }),
      fc.record({ kind: fc.constant('delete' as const), key: fc.string({ maxLength: 4 }) }),
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 200 }), (ops) => {
        const keys: string[] = [];
        const index = new StringIndex(keys, 1);
        const reference = new Map<string, number>();
        for (const { kind, key } of ops) {
          if (kind === 'add') {
            const id = index.getOrAdd(key, keys.length);
            expect(id).toBe(reference.get(key) ?? -1);
            if (id < 0) {
              reference.set(key, keys.length);
              keys.push(key);
            }
          } else {
            index.delete(key);
            reference.delete(key);
          }
        }
        for (const key of new Set([...keys, 'absent'])) expect(index.get(key)).toBe(reference.get(key) ?? -1);
      }),
      { numRuns: 300 },
    );
  });
});

describe('StringIndex.addRange', () => {
  it('finds every key of a batch added at once, and reports the first repeated key', () => {
    fc.assert(
      fc.property(
        fc.array(fc.string({ maxLength: 3 }), { maxLength: 300 }),
        fc.array(fc.string(), { maxLength: 5 }),
        (batch, before) => {
          const keys = [...new Set(before)];
          const index = new StringIndex(keys, 1);
          for (const [id, k] of keys.entries()) index.getOrAdd(k, id);
          const fresh = batch.filter((k) => !keys.includes(k));
          const first = keys.length;
          keys.push(...fresh);
          const repeated = index.addRange(first, Int32Array.from(fresh, hashString));
          if (new Set(fresh).size < fresh.length) {
            expect(repeated).toBeGreaterThanOrEqual(first);
            expect(fresh.indexOf(keys[repeated]!)).toBeLessThan(repeated - first);
            return;
          }
          expect(repeated).toBe(-1);
          for (const [id, k] of keys.entries()) expect(index.get(k)).toBe(id);
          expect(index.get('absent-key')).toBe(-1);
        },
      ),
      { numRuns: 300 },
    );
  });
});
