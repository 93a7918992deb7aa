import { expect, it } from 'vitest';
import { quickstart } from './src/quickstart';

it('runs the quickstart: one order imported, stock pushed from the POS', async () => {
  const lines: string[] = [];
  const { pos, shop } = await quickstart((l) => lines.push(l));
  expect(pos.sales()).toHaveLength(1);
  expect(shop.quantityOf({ listingId: '100' })).toBe(12);
  expect(shop.quantityOf({ listingId: '101' })).toBe(pos.availableOf({ itemId: 'tee-l' }));
  expect(lines.join('\n')).toContain('imported 1 order(s)');
});
