import { describe, expect, it } from 'vitest';
import type { PosItem } from '../model/pos-item';
import { buildItemIndex, matchListing, matchSku } from './item-index';

const item = (id: string, sku: string | null, externalIds: Record<string, string> = {}): PosItem => ({
  id,
  sku,
  name: id,
  attributes: {},
  externalIds,
  modifiers: [],
  components: [],
  active: true,
  updatedAt: '2026-11-01T00:00:00Z',
});

describe('item index', () => {
  const index = buildItemIndex(
    [item('a', 'TS-RED  M'), item('b', 'DUP'), item('c', ' DUP '), item('d', 'X', { shop: '77:1' })],
    [{ tenantId: 't', targetId: 'shop', itemId: 'a', modifierId: null, externalId: '500' }],
  );

  it('matches on the normalised SKU (trimmed, inner whitespace folded)', () => {
    expect(matchSku(index, ' TS-RED M')).toMatchObject({ kind: 'matched', via: 'sku', item: { id: 'a' } });
  });

  it('reports duplicate POS SKUs as a conflict with both items, never a guess', () => {
    const r = matchSku(index, 'DUP');
    expect(r.kind).toBe('conflict');
    expect(r.kind === 'conflict' && r.items.map((i) => i.id)).toEqual(['b', 'c']);
  });

  it('explains why nothing matched', () => {
    expect(matchSku(index, '   ')).toEqual({ kind: 'unmatched', reason: 'empty-sku', sku: null });
    expect(matchSku(index, 'nope')).toEqual({ kind: 'unmatched', reason: 'unknown-sku', sku: 'nope' });
  });

  it('lets explicit mappings win over SKU', () => {
    expect(matchListing(index, 'shop', { listingId: '77', variantId: '1', sku: 'DUP' })).toMatchObject({
      kind: 'matched',
      via: 'mapping',
      item: { id: 'd' },
    });
    expect(matchListing(index, 'shop', { listingId: '500', sku: null })).toMatchObject({ item: { id: 'a' } });
    expect(matchListing(index, 'other', { listingId: '500', sku: null })).toMatchObject({ kind: 'unmatched' });
  });

  it('is case-sensitive unless asked', () => {
    const ci = buildItemIndex([item('a', 'Ab-1')], [], { caseInsensitive: true });
    expect(matchSku(ci, 'aB-1').kind).toBe('matched');
    expect(matchSku(index, 'ts-red m').kind).toBe('unmatched');
  });
});
