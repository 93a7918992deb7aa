import { type ChannelOrder, listingKey } from '../model/index';
import type { SyncStoreOperations } from '../store/sync-store';

/** Store namespace (per channel) of the units each listing sold in orders already imported into the POS. */
export const channelSalesNamespace = (channelId: string) => `inventory-channel-sales:${channelId}`;

/** One imported order line of a listing. */
interface ImportedSale {
  orderId: string;
  lineId: string;
  /** The order's creation time on the channel: when the channel's quantity went down. */
  createdAt: string;
  units: number;
}

const KEEP_MS = 7 * 24 * 3600_000;
const KEEP_MAX = 200;

/**
 * Remember, per listing, the units an imported order sold: a compare-and-set
 * conflict can then tell channel sales the POS already counts from sales it
 * has not heard of yet (and so never deducts a sale twice).
 */
export async function recordImportedSales(
  ops: Pick<SyncStoreOperations, 'getValue' | 'putValue'>,
  tenantId: string,
  channelId: string,
  order: ChannelOrder,
  now: Date,
): Promise<void> {
  const namespace = channelSalesNamespace(channelId);
  for (const line of order.lines) {
    if (!line.listingId) continue;
    const key = listingKey({ listingId: line.listingId, variantId: line.variantId ?? null });
    const sales = (await ops.getValue<ImportedSale[]>(tenantId, namespace, key)) ?? [];
    if (sales.some((s) => s.orderId === order.externalId && s.lineId === line.lineId)) continue;
    const kept = sales.filter((s) => now.getTime() - Date.parse(s.createdAt) < KEEP_MS).slice(-KEEP_MAX + 1);
    kept.push({ orderId: order.externalId, lineId: line.lineId, createdAt: order.createdAt, units: line.quantity });
    await ops.putValue(tenantId, namespace, key, kept);
  }
}

/** Units of a listing sold in imported orders created after `since` (all remembered ones when null). */
export async function importedUnitsSince(
  ops: Pick<SyncStoreOperations, 'getValue'>,
  tenantId: string,
  channelId: string,
  key: string,
  since: string | null,
): Promise<number> {
  const sales = (await ops.getValue<ImportedSale[]>(tenantId, channelSalesNamespace(channelId), key)) ?? [];
  const after = since === null ? Number.NEGATIVE_INFINITY : Date.parse(since);
  return sales.filter((s) => Date.parse(s.createdAt) > after).reduce((sum, s) => sum + s.units, 0);
}
