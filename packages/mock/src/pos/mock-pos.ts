import type { Customer, PosConnectorV1, PosItem, PosSale, PosSaleStatus, StockLevel } from '@omnisync/core';
import { EventEmitter } from 'eventemitter3';
import { removeDisabledMethods } from '../capability-gate';
import { checkPosOptions } from '../mock-settings';
import { ALL_POS_CAPABILITIES, type MockPosItemInput, type MockPosOptions } from './mock-pos-options';
import { createPosConnector } from './pos-connector';
import { PosCustomerBook } from './pos-customers';
import { type MockPosItemRef, PosItemBook } from './pos-items';
import { type MockPosDocument, type MockPosPayment, type MockPosSale, toPosSale } from './pos-sale-record';
import { PosSaleBook } from './pos-sales';
import { PosStockBook, type PosStockChange } from './pos-stock';
import { type MockPosWebhookDelivery, signSaleStatus } from './pos-webhooks';

/** Events of the mock POS, for a host to forward POS changes to omnisync. */
export interface MockPosEvents {
  /** A sale was created (`from: null`) or changed status. */
  'sale:status': (e: { saleId: string; idempotencyKey: string; from: PosSaleStatus | null; to: PosSaleStatus }) => void;
  /** A stock level changed (a sale, a reservation, `setStock`, `adjustStock`...). */
  'stock:changed': (e: PosStockChange & { sku: string | null }) => void;
}

/** Test helpers and ground truth of the mock POS. */
export interface MockPosHelpers {
  readonly events: EventEmitter<MockPosEvents>;
  /** Add an item (as a person would in the POS back office). */
  addItem(input: MockPosItemInput): PosItem;
  /** Change an item; its `updatedAt` moves to now. */
  editItem(ref: MockPosItemRef, patch: Partial<Omit<PosItem, 'id' | 'updatedAt'>>): PosItem;
  /** Set units on hand (emits `stock:changed`). Warehouse default: the first. */
  setStock(ref: MockPosItemRef, onHand: number, warehouseId?: string): void;
  /** Add (or with a negative delta, remove) units on hand (emits `stock:changed`). */
  adjustStock(ref: MockPosItemRef, delta: number, warehouseId?: string): void;
  /** The level of one item in one warehouse (default the first). */
  stockOf(ref: MockPosItemRef, warehouseId?: string): StockLevel;
  /** On hand minus reserved, summed over the warehouses (default all). */
  availableOf(ref: MockPosItemRef, warehouseIds?: readonly string[]): number;
  items(): PosItem[];
  /** Every sale, with the order and arguments it was made from. */
  sales(): MockPosSale[];
  sale(ref: { saleId: string } | { idempotencyKey: string }): MockPosSale | null;
  payments(): MockPosPayment[];
  documents(): MockPosDocument[];
  customers(): Customer[];
  /** Open reservations by key. */
  reservations(): Record<string, { lines: { itemId: string; warehouseId: string; quantity: number }[] }>;
  /** The POS's own status change (e.g. the kitchen accepted or rejected an exported order): emits events and a webhook. */
  setSaleStatus(saleId: string, status: PosSaleStatus): PosSale;
  /** Signed `sale.status` deliveries not yet taken. */
  drainWebhooks(): MockPosWebhookDelivery[];
}

/** The mock POS: a `PosConnectorV1` plus test helpers. */
export type MockPos = PosConnectorV1 & MockPosHelpers;

/**
 * Create an in-memory POS implementing `PosConnectorV1` fully (every
 * capability on unless overridden): items with variants, modifiers and
 * bundles, stock per warehouse with reservations, idempotent sales and
 * payments, documents, cancel and reverse, customers.
 */
export function createMockPos(options: MockPosOptions = {}): MockPos {
  checkPosOptions(options);
  const clock = options.clock ?? (() => new Date());
  const now = () => clock().toISOString();
  const warehouses = options.warehouses?.length ? options.warehouses : ['main'];
  const secret = options.webhookSecret ?? 'mock-pos-webhook-secret';
  const events = new EventEmitter<MockPosEvents>();
  const webhooks: MockPosWebhookDelivery[] = [];
  const items = new PosItemBook(now);
  const stock = new PosStockBook(warehouses, (change) =>
    events.emit('stock:changed', { ...change, sku: items.get(change.itemId)?.sku ?? null }),
  );
  const customers = new PosCustomerBook();
  const sales = new PosSaleBook(items, stock, now, (sale, from) => {
    events.emit('sale:status', { saleId: sale.id, idempotencyKey: sale.idempotencyKey, from, to: sale.status });
    if (from !== null) {
      webhooks.push(signSaleStatus(secret, `pos-wh-${webhooks.length + 1}`, sale.id, sale.status, clock().getTime()));
    }
  });
  seed(options, items, stock, customers, warehouses);
  const capabilities = { ...ALL_POS_CAPABILITIES, ...options.capabilities };
  const connector = createPosConnector({ items, stock, sales, customers, warehouses, options, secret, clock });
  const helpers: MockPosHelpers = {
    events,
    addItem: (input) => addItem(items, stock, warehouses, input),
    editItem: (ref, patch) => items.update(items.require(ref).id, patch),
    setStock: (ref, onHand, w) => stock.set(items.require(ref).id, w ?? (warehouses[0] as string), onHand),
    adjustStock: (ref, delta, w) =>
      stock.change(items.require(ref).id, w ?? (warehouses[0] as string), { onHand: delta }, 'adjust'),
    stockOf: (ref, w) => stock.level(items.require(ref).id, w ?? (warehouses[0] as string)),
    availableOf: (ref, ws) =>
      (ws ?? warehouses).reduce((sum, w) => {
        const l = stock.level(items.require(ref).id, w);
        return sum + l.onHand - l.reserved;
      }, 0),
    items: () => items.all(),
    sales: () => sales.all(),
    sale: (ref) => ('saleId' in ref ? sales.get(ref.saleId) : sales.getByKey(ref.idempotencyKey)) ?? null,
    payments: () => [...sales.payments],
    documents: () => [...sales.documents],
    customers: () => customers.all(),
    reservations: () => stock.allReservations(),
    setSaleStatus: (saleId, status) => toPosSale(sales.setStatus(sales.require(saleId, 'setSaleStatus'), status)),
    drainWebhooks: () => webhooks.splice(0),
  };
  return Object.assign(removeDisabledMethods(connector, { ...capabilities }, 'pos'), { capabilities }, helpers);
}

function addItem(items: PosItemBook, stock: PosStockBook, warehouses: string[], input: MockPosItemInput): PosItem {
  const item = items.add(input);
  if (input.quantity !== undefined) stock.set(item.id, warehouses[0] as string, input.quantity);
  return item;
}

function seed(
  options: MockPosOptions,
  items: PosItemBook,
  stock: PosStockBook,
  customers: PosCustomerBook,
  warehouses: string[],
): void {
  for (const input of options.items ?? []) addItem(items, stock, warehouses, input);
  for (const s of options.stock ?? []) {
    const item = items.require(s.itemId ? { itemId: s.itemId } : { sku: s.sku ?? '' });
    const w = s.warehouseId ?? (warehouses[0] as string);
    stock.change(item.id, w, { onHand: s.onHand, reserved: s.reserved ?? 0 }, 'set');
  }
  for (const c of options.customers ?? []) customers.add(c);
}
