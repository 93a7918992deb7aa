import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createSkuNormalizer, normalizeSku } from './normalize-sku';

/** The rule as documented: trim, fold inner whitespace runs to one space, empty → null. */
const byRegex = (sku: string) => {
  const out = sku.trim().replace(/\s+/g, ' ');
  return out.length > 0 ? out : null;
};

const WHITESPACE = [
  '\t',
  '\n',
  '\v',
  '\f',
  '\r',
  ' ',
  '\u00a0',
  '\u1680',
  '\u2003',
  '\u2028',
  '\u202f',
  '\u3000',
  '\ufeff',
];

describe('normalizeSku', () => {
  it('trims and folds every kind of whitespace, and leaves other characters alone', () => {
    const char = fc.oneof(
      fc.constantFrom(...WHITESPACE, '\u0001', '\u0085', '\u00a1', '\u200b', 'A', '-'),
      fc.string({ unit: 'binary', maxLength: 1 }),
    );
    const normalize = createSkuNormalizer();
    fc.assert(
      fc.property(fc.array(char, { maxLength: 12 }), (chars) => {
        const sku = chars.join('');
        expect(normalizeSku(sku)).toBe(byRegex(sku));
        expect(normalize(sku)).toBe(byRegex(sku));
      }),
      { numRuns: 2000 },
    );
  });

  it('keeps a SKU without whitespace as the same string, and maps missing SKUs to null', () => {
    const sku = 'TS-RED-M';
    expect(createSkuNormalizer()(sku)).toBe(sku);
    expect(normalizeSku(null)).toBeNull();
    expect(normalizeSku('  ')).toBeNull();
    expect(normalizeSku(' Ab  C ', { caseInsensitive: true })).toBe('ab c');
  });
});
