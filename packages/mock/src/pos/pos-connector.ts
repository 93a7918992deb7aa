import type {
  CallOptionsV1,
  ChannelOrder,
  CreateSaleArgsV1,
  CustomerInput,
  PageV1,
  PosConnectorV1,
  PosItem,
  RecordPaymentArgsV1,
  WebhookRequestV1,
} from '@omnisync/core';
import { refusedError } from '../faults/fault-errors';
import { throwIfAborted } from '../faults/sleep';
import { ALL_POS_CAPABILITIES, type MockPosOptions } from './mock-pos-options';
import type { PosCustomerBook } from './pos-customers';
import type { PosItemBook } from './pos-items';
import { toPosSale } from './pos-sale-record';
import type { PosSaleBook } from './pos-sales';
import type { PosStockBook } from './pos-stock';
import { parsePosWebhook } from './pos-webhooks';

/** The state a mock POS connector works on. */
export interface PosParts {
  items: PosItemBook;
  stock: PosStockBook;
  sales: PosSaleBook;
  customers: PosCustomerBook;
  warehouses: string[];
  options: MockPosOptions;
  secret: string;
  clock: () => Date;
}

/** The `PosConnectorV1` methods of the mock POS, over its books. */
export function createPosConnector(p: PosParts): PosConnectorV1 {
  const { items, stock, sales, customers, warehouses, options } = p;
  const pageSize = options.pageSize ?? 100;
  const guard = (method: string, o?: CallOptionsV1) => throwIfAborted(o?.signal, `mock POS ${method}`);
  return {
    specificationVersion: 'v1',
    connector: 'mock',
    capabilities: { ...ALL_POS_CAPABILITIES, ...options.capabilities },
    defaultWarehouses: warehouses,
    async *listItems(args = {}): AsyncIterable<PageV1<PosItem>> {
      const since = args.updatedSince ? Date.parse(args.updatedSince) : null;
      const all = items.all().filter((i) => since === null || Date.parse(i.updatedAt) >= since);
      for (let offset = 0, page = 1; offset === 0 || offset < all.length; offset += pageSize, page++) {
        guard('listItems', args);
        yield { items: all.slice(offset, offset + pageSize), total: all.length, page };
      }
    },
    async getStock(args) {
      guard('getStock', args);
      const ws = args.warehouseIds?.length ? args.warehouseIds : warehouses;
      return args.itemIds.flatMap((id) => (items.get(id) ? ws.map((w) => stock.level(id, w)) : []));
    },
    async createItem(item, o) {
      guard('createItem', o);
      return items.add(item);
    },
    async createSale(order: ChannelOrder, args: CreateSaleArgsV1) {
      guard('createSale', args);
      const allowed = options.currencies ?? null;
      if (allowed && !allowed.includes(args.currency)) {
        throw refusedError(
          'createSale',
          422,
          `currency ${args.currency} is not accepted (accepted: ${allowed.join(', ')})`,
          'mock POS',
        );
      }
      return toPosSale(sales.create(order, args));
    },
    async getSale(ref, o) {
      guard('getSale', o);
      const sale = 'saleId' in ref ? sales.get(ref.saleId) : sales.getByKey(ref.idempotencyKey);
      return sale ? toPosSale(sale) : null;
    },
    async updateSaleStatus(saleId, status, o) {
      guard('updateSaleStatus', o);
      return toPosSale(sales.setStatus(sales.require(saleId, 'updateSaleStatus'), status));
    },
    async recordPayment(saleId, args: RecordPaymentArgsV1) {
      guard('recordPayment', args);
      sales.pay(sales.require(saleId, 'recordPayment'), args);
    },
    async issueFinancialDocument(saleId, o) {
      guard('issueFinancialDocument', o);
      const doc = sales.issueDocument(sales.require(saleId, 'issueFinancialDocument'), o?.kind ?? 'invoice');
      return { documentId: doc.documentId };
    },
    async cancelSale(saleId, o) {
      guard('cancelSale', o);
      return toPosSale(sales.cancel(sales.require(saleId, 'cancelSale')));
    },
    async reverseSale(saleId, o) {
      guard('reverseSale', o);
      return toPosSale(sales.reverse(sales.require(saleId, 'reverseSale')));
    },
    async reserveStock(args) {
      guard('reserveStock', args);
      const w = args.warehouseId ?? (warehouses[0] as string);
      for (const l of args.lines) items.require({ itemId: l.itemId });
      stock.reserve(
        args.key,
        args.lines.map((l) => ({ ...l, warehouseId: w })),
      );
    },
    async releaseStock(args) {
      guard('releaseStock', args);
      stock.release(args.key);
    },
    async findCustomer(query, o) {
      guard('findCustomer', o);
      return customers.find(query);
    },
    async createCustomer(customer: CustomerInput, o) {
      guard('createCustomer', o);
      return customers.add({ ...customer, id: null });
    },
    async parseWebhook(request: WebhookRequestV1) {
      return parsePosWebhook(p.secret, request, p.clock().getTime());
    },
    async allowedCurrencies() {
      return options.currencies ?? null;
    },
  };
}
