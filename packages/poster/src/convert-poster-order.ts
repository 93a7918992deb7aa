import { type ChannelOrder, type CreateSaleArgsV1, InvalidArgumentError, toMinorUnits } from '@omnisync/core';
import { parsePosterItemId } from './convert-poster-product';

/** The marker that ties a Poster incoming order to its export: found again by `createSale` before creating. */
export function idempotencyMarker(key: string): string {
  return `[omnisync:${key}]`;
}

/** The body of `incomingOrders.createIncomingOrder`. */
export interface PosterIncomingOrderBody {
  spot_id: number;
  phone?: string;
  first_name?: string;
  email?: string;
  address?: string;
  comment: string;
  products: { product_id: number; modificator_id?: number; modification?: string; count: number; price: number }[];
  payment?: { type: 1; sum: number; currency: string };
}

const int = (id: string, what: string): number => {
  if (!/^\d+$/.test(id))
    throw new InvalidArgumentError(`Poster needs a numeric id for ${what}, got a non-numeric one.`);
  return Number(id);
};

/**
 * Build a Poster incoming order from the order the engine hands over (POS
 * ids in `args.itemIds` and in modifiers' `externalId`). Money goes in
 * kopecks; a paid order carries its prepayment; the comment carries the
 * idempotency marker. Poster needs a phone when no client id is known.
 * https://dev.joinposter.com/en/docs/v3/web/incomingOrders/createIncomingOrder
 */
export function toPosterIncomingOrder(
  order: ChannelOrder,
  args: CreateSaleArgsV1,
  spotId: string,
): PosterIncomingOrderBody {
  const phone = order.customer?.phone ?? order.customer?.addresses.find((a) => a.phone)?.phone;
  if (!phone)
    throw new InvalidArgumentError(`Poster needs the customer's phone for order ${order.number}; it has none.`);
  const address = order.customer?.addresses.find((a) => a.kind !== 'billing');
  const body: PosterIncomingOrderBody = {
    spot_id: int(spotId, 'the spot'),
    phone,
    comment: [order.note?.trim(), idempotencyMarker(args.idempotencyKey)].filter(Boolean).join(' '),
    products: order.lines.map((line) => {
      const itemId = args.itemIds[line.lineId];
      if (!itemId) throw new InvalidArgumentError(`No Poster product id for line ${line.lineId}.`);
      const { productId, modificatorId } = parsePosterItemId(itemId);
      const modification = line.modifiers.map((m) => ({
        m: int(m.externalId ?? '', `modifier "${m.name}" of line ${line.lineId}`),
        a: m.quantity,
      }));
      return {
        product_id: int(productId, `line ${line.lineId}`),
        ...(modificatorId ? { modificator_id: int(modificatorId, `line ${line.lineId}`) } : {}),
        ...(modification.length > 0 ? { modification: JSON.stringify(modification) } : {}),
        count: line.quantity,
        price: Number(toMinorUnits(line.unitPrice)),
      };
    }),
  };
  if (order.customer?.name) body.first_name = order.customer.name;
  if (order.customer?.email) body.email = order.customer.email;
  const street = [address?.line1, address?.line2, address?.city].filter(Boolean).join(', ');
  if (street) body.address = street;
  if (order.payment.paid) {
    body.payment = { type: 1, sum: Number(toMinorUnits(order.totals.total)), currency: args.currency };
  }
  return body;
}
