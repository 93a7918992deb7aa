import type { MockMarketplace } from './marketplace';

/**
 * Before a listing page after the first, let the catalog move the way a real
 * one does during a long scan: a seller edits a listing, a new listing lands at
 * the front (the next offset page repeats an item), or an already-read
 * listing is deleted (the next offset page skips one).
 */
export function applyScanFaults(market: MockMarketplace, status: 'active' | 'all', offset: number): void {
  const faults = market.faults;
  const f = faults.current;
  const random = faults.stream('scan');
  const changed = random.chance(f.listingChangedDuringScan ?? 0);
  const shifted = random.chance(f.catalogShift?.rate ?? 0);
  const visible = market.listingBook.visible(status);
  if (changed && visible.length > 0) {
    const row = random.pick(visible);
    market.editListing(
      { listingId: row.raw.item_id, variantId: row.raw.variant_id ?? null },
      {
        quantity: row.raw.stock + random.int(1, 5),
        title: `${row.raw.name.replace(/ \(edited\)$/, '')} (edited)`,
      },
    );
    faults.record('listingChanged', 'scan', row.key);
  }
  if (!shifted) return;
  const kind = f.catalogShift?.kind ?? 'both';
  const repeat = kind === 'repeat' || (kind === 'both' && random.chance(0.5));
  if (repeat) {
    const [row] = market.listingBook.add(
      { sku: `SHIFT-${faults.log.length + 1}`, title: 'Listed during a scan', quantity: 1 },
      true,
    );
    if (row) {
      market.webhooks.emit('listing.updated', row.raw);
      faults.record('catalogShiftRepeat', 'scan', row.key);
    }
    return;
  }
  const before = visible.slice(0, offset);
  if (before.length === 0) return;
  const gone = random.pick(before);
  market.editListing({ listingId: gone.raw.item_id, variantId: gone.raw.variant_id ?? null }, { status: 'deleted' });
  faults.record('catalogShiftSkip', 'scan', gone.key);
}
