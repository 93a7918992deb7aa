import type { ChannelOrder, PosSale } from '@omnisync/core';

/** A payment the mock POS recorded. */
export interface MockPosPayment {
  saleId: string;
  idempotencyKey: string;
  amount: string;
  currency: string;
  method: string | null;
  at: string;
}

/** A financial document (invoice, receipt) the mock POS issued. */
export interface MockPosDocument {
  documentId: string;
  saleId: string;
  kind: string;
  at: string;
}

/** A sale as the mock POS holds it: the `PosSale` plus what it was made from. */
export interface MockPosSale extends PosSale {
  order: ChannelOrder;
  /** The `createSale` arguments (without the signal). */
  args: Record<string, unknown>;
  lines: { itemId: string; warehouseId: string; quantity: number }[];
  /** How stock was taken: reserved (released on completion), or deducted at once. */
  stock: 'reserved' | 'deducted';
  createdAt: string;
  updatedAt: string;
}

/** The public `PosSale` view of a sale record. */
export function toPosSale(sale: MockPosSale): PosSale {
  return {
    id: sale.id,
    idempotencyKey: sale.idempotencyKey,
    status: sale.status,
    number: sale.number ?? null,
    paid: sale.paid ?? false,
  };
}
