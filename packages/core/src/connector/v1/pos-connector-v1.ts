import type { ChannelOrder } from '../../model/channel-order';
import type { Customer } from '../../model/customer';
import type { PosItem } from '../../model/pos-item';
import type { StockLevel } from '../../model/stock';
import type { PosCapabilitiesV1 } from './capabilities-v1';
import type { CallOptionsV1, PageV1, WebhookRequestV1 } from './channel-connector-v1';

/** The lifecycle of a sale in the POS. */
export type PosSaleStatus = 'open' | 'accepted' | 'paid' | 'completed' | 'cancelled' | 'reversed' | 'rejected';

/** A sale (or an exported incoming order) as the POS holds it. */
export interface PosSale {
  id: string;
  idempotencyKey: string;
  status: PosSaleStatus;
  number?: string | null;
  paid?: boolean;
}

/** What the engine passes when it creates a sale from a channel order. */
export interface CreateSaleArgsV1 extends CallOptionsV1 {
  /** The same key for every retry of the same order: the POS must create at most one sale per key. */
  idempotencyKey: string;
  /** The POS item id for each order line, by `lineId` (resolved by matching). */
  itemIds: Record<string, string>;
  customerId?: string | null;
  saleNumber?: string | null;
  saleDate?: string | null;
  currency: string;
  paymentMethod?: string | null;
  deliveryMethod?: string | null;
  taxRate?: string | null;
  saleType?: string | null;
  merchantId?: string | null;
  /** Reserve stock for the lines (blocking quantities). */
  reserve?: boolean;
  warehouseId?: string | null;
  /** A location (pickup point, spot) for ordering-platform exports. */
  locationId?: string | null;
}

/** A payment recorded against a sale. */
export interface RecordPaymentArgsV1 extends CallOptionsV1 {
  amount: string;
  currency: string;
  method?: string | null;
  idempotencyKey: string;
}

/** A verified event from a POS webhook (e.g. the POS accepted or rejected an exported order). */
export type PosWebhookEventV1 = {
  type: 'sale.status';
  saleId: string;
  status: PosSaleStatus;
  deliveryId?: string | null;
};

/**
 * The contract a POS connector implements, version 1: the system of record
 * for items, stock and sales. A host application implements it over its own
 * database; `@omnisync/mock`, `@omnisync/poster` and `@omnisync/webhook` are
 * ready-made ones.
 */
export interface PosConnectorV1 {
  readonly specificationVersion: 'v1';
  readonly connector: string;
  readonly capabilities: PosCapabilitiesV1;
  /** Warehouses whose stock counts by default. */
  readonly defaultWarehouses?: readonly string[];

  listItems(args?: CallOptionsV1 & { updatedSince?: string | null }): AsyncIterable<PageV1<PosItem>>;
  getStock(
    args: CallOptionsV1 & { itemIds: readonly string[]; warehouseIds?: readonly string[] | null },
  ): Promise<StockLevel[]>;
  createItem?(item: Omit<PosItem, 'id' | 'updatedAt'>, options?: CallOptionsV1): Promise<PosItem>;

  /** Create a sale at most once per `idempotencyKey`; a repeat returns the existing sale. */
  createSale(order: ChannelOrder, args: CreateSaleArgsV1): Promise<PosSale>;
  getSale?(ref: { saleId: string } | { idempotencyKey: string }, options?: CallOptionsV1): Promise<PosSale | null>;
  updateSaleStatus?(saleId: string, status: PosSaleStatus, options?: CallOptionsV1): Promise<PosSale>;
  recordPayment?(saleId: string, args: RecordPaymentArgsV1): Promise<void>;
  issueFinancialDocument?(saleId: string, options?: CallOptionsV1 & { kind?: string }): Promise<{ documentId: string }>;
  cancelSale?(saleId: string, options?: CallOptionsV1): Promise<PosSale>;
  reverseSale?(saleId: string, options?: CallOptionsV1): Promise<PosSale>;
  reserveStock?(
    args: CallOptionsV1 & { key: string; lines: { itemId: string; quantity: number }[]; warehouseId?: string | null },
  ): Promise<void>;
  releaseStock?(args: CallOptionsV1 & { key: string }): Promise<void>;

  findCustomer?(
    query: { phone?: string | null; email?: string | null; vatNumber?: string | null; companyId?: string | null },
    options?: CallOptionsV1,
  ): Promise<Customer | null>;
  createCustomer?(customer: Customer, options?: CallOptionsV1): Promise<Customer>;

  parseWebhook?(request: WebhookRequestV1): Promise<PosWebhookEventV1[]>;
  /** The currencies the POS accepts; null when it accepts any. */
  allowedCurrencies?(): Promise<readonly string[] | null>;
}

export type { PageV1 };
