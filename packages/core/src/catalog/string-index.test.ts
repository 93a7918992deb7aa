import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { StringIndex } from './string-index';

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
