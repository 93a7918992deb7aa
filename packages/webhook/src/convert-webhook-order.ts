import type { ChannelOrder, CreateSaleArgsV1 } from '@omnisync/core';
import { InvalidArgumentError } from '@omnisync/core';
import { type OrderExportEvent, PAYLOAD_VERSION } from './webhook-payloads';

/**
 * Build the export body from the order the engine hands over: products by
 * `args.itemIds` (the POS ids), modifiers by their `externalId` (the engine
 * puts the POS ids there). Deterministic, so a retry sends the same bytes.
 */
export function toOrderExportEvent(order: ChannelOrder, args: CreateSaleArgsV1): OrderExportEvent {
  return {
    type: 'order.export',
    version: PAYLOAD_VERSION,
    timestamp: order.updatedAt,
    data: {
      idempotencyKey: args.idempotencyKey,
      locationId: args.locationId ?? null,
      order: {
        channelId: order.channelId,
        externalId: order.externalId,
        number: args.saleNumber ?? order.number,
        status: order.status,
        createdAt: order.createdAt,
        currency: args.currency,
        customer: order.customer
          ? {
              name: order.customer.name ?? null,
              phone: order.customer.phone ?? null,
              email: order.customer.email ?? null,
            }
          : null,
        note: order.note ?? null,
        lines: order.lines.map((line) => ({
          lineId: line.lineId,
          productId: productIdOf(line.lineId, args),
          title: line.title,
          quantity: line.quantity,
          unitPrice: line.unitPrice,
          discount: line.discount,
          modifiers: line.modifiers.map((m) => ({
            modifierId: requireId(m.externalId, `line ${line.lineId} modifier "${m.name}"`),
            name: m.name,
            quantity: m.quantity,
            unitPrice: m.unitPrice,
          })),
        })),
        payment: { method: order.payment.method ?? null, paid: order.payment.paid },
        delivery: { method: order.delivery.method ?? null, cost: order.delivery.cost?.amount ?? null },
        totals: order.totals,
      },
    },
  };
}

function productIdOf(lineId: string, args: CreateSaleArgsV1): string {
  return requireId(args.itemIds[lineId], `line ${lineId}`);
}

function requireId(id: string | null | undefined, what: string): string {
  if (!id) throw new InvalidArgumentError(`The webhook POS needs a POS id for ${what}.`);
  return id;
}
