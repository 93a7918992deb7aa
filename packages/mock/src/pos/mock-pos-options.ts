import type { CustomerInput, PosCapabilitiesV1, PosItemInput } from '@omnisync/core';

/** An item to seed or add to the mock POS. `id` and `updatedAt` are generated when omitted. */
export type MockPosItemInput = Omit<PosItemInput, 'id' | 'updatedAt' | 'name'> & {
  id?: string;
  name?: string;
  updatedAt?: string;
  /** Shortcut: units on hand in the first warehouse. */
  quantity?: number;
};

/** A stock level to seed: by item id or SKU, in a warehouse (default the first). */
export interface MockStockInput {
  itemId?: string;
  sku?: string;
  warehouseId?: string;
  onHand: number;
  reserved?: number;
}

/** Options of `createMockPos`. Every field is optional. */
export interface MockPosOptions {
  /** Seed of generated ids (default `omnisync`). */
  seed?: string | number;
  items?: MockPosItemInput[];
  stock?: MockStockInput[];
  /** Warehouse ids (default `['main']`); all of them count by default. */
  warehouses?: string[];
  /** Currencies the POS accepts (default: any). */
  currencies?: string[] | null;
  customers?: CustomerInput[];
  /** Override capabilities (all true by default); a capability switched off removes its methods. */
  capabilities?: Partial<PosCapabilitiesV1>;
  /** Items per `listItems` page (default 100). */
  pageSize?: number;
  /** The HMAC secret of the POS's webhooks (default `mock-pos-webhook-secret`). */
  webhookSecret?: string;
  clock?: () => Date;
}

/** Capabilities of the mock POS when none are overridden: everything. */
export const ALL_POS_CAPABILITIES: PosCapabilitiesV1 = {
  createItem: true,
  payments: true,
  financialDocuments: true,
  cancelAndReverse: true,
  saleStatus: true,
  customers: true,
  reservations: true,
  getSale: true,
  webhooks: true,
};
