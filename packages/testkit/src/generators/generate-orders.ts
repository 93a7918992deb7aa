import type { ChannelOrder, Listing, OrderStatus } from '@omnisync/core';
import { createRandom } from './random';

/** How a generated order stream is shaped. */
export interface OrderStreamSpec {
  seed: number;
  channelId: string;
  count: number;
  /** Listings to buy from (live ones with a SKU are used). */
  listings: readonly Listing[];
  /** Relative weights of canonical statuses; defaults to a realistic sale-day mix. */
  statusMix?: Partial<Record<OrderStatus, number>>;
  /** First order's creation time and the span the stream covers. */
  start?: string;
  spanMinutes?: number;
  currency?: string;
}

const DEFAULT_MIX: Partial<Record<OrderStatus, number>> = {
  unpaid: 10,
  paid: 45,
  shipped: 20,
  completed: 15,
  cancelled: 8,
  returned: 2,
};

/** Generate a seeded stream of channel orders over the given listings, oldest first. */
export function generateOrders(spec: OrderStreamSpec): ChannelOrder[] {
  const r = createRandom(spec.seed);
  const pool = spec.listings.filter((l) => l.status === 'live' && l.sku && l.sku.trim());
  if (pool.length === 0) throw new Error('generateOrders needs at least one live listing with a SKU');
  const mix = Object.entries(spec.statusMix ?? DEFAULT_MIX) as [OrderStatus, number][];
  const totalWeight = mix.reduce((s, [, w]) => s + w, 0);
  const pickStatus = (): OrderStatus => {
    let x = r.next() * totalWeight;
    for (const [status, w] of mix) {
      x -= w;
      if (x < 0) return status;
    }
    return mix[0]![0];
  };
  const start = Date.parse(spec.start ?? '2026-11-11T00:00:00.000Z');
  const stepMs = ((spec.spanMinutes ?? 24 * 60) * 60_000) / Math.max(1, spec.count);
  const currency = spec.currency ?? 'IDR';
  const orders: ChannelOrder[] = [];
  for (let i = 0; i < spec.count; i++) {
    const created = new Date(start + Math.floor(i * stepMs)).toISOString();
    const updated = new Date(start + Math.floor(i * stepMs) + r.int(0, 30) * 60_000).toISOString();
    const lineCount = r.int(1, 3);
    const lines = Array.from({ length: lineCount }, (_, n) => {
      const listing = r.pick(pool);
      return {
        lineId: `${i}-${n}`,
        sku: listing.sku,
        listingId: listing.listingId,
        variantId: listing.variantId ?? null,
        title: listing.title,
        quantity: r.int(1, 2),
        unitPrice: listing.price?.amount ?? '10000.00',
        discount: '0',
        tax: '0',
        modifiers: [],
      };
    });
    const subtotal = lines.reduce((s, l) => s + Number(l.unitPrice) * l.quantity, 0).toFixed(2);
    const status = pickStatus();
    orders.push({
      channelId: spec.channelId,
      externalId: `${spec.channelId}-o${i + 1}`,
      number: String(100000 + i),
      rawStatus: status,
      status,
      createdAt: created,
      updatedAt: updated,
      currency,
      customer: {
        name: `Buyer ${i}`,
        phone: `+62812${String(i).padStart(6, '0')}`,
        email: `buyer${i}@example.com`,
        addresses: [],
      },
      lines,
      payment: {
        method: r.pick(['bank_transfer', 'ewallet', 'cod']),
        paid: status !== 'unpaid' && status !== 'cancelled',
      },
      delivery: { method: r.pick(['regular', 'express']), cost: { amount: '10000.00', currency } },
      totals: { subtotal, discount: '0', tax: '0', shipping: '10000.00', total: (Number(subtotal) + 10000).toFixed(2) },
    });
  }
  return orders;
}
