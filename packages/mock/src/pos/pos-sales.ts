import type { ChannelOrder, CreateSaleArgsV1, PosSaleStatus, RecordPaymentArgsV1 } from '@omnisync/core';
import { refusedError } from '../faults/fault-errors';
import type { PosItemBook } from './pos-items';
import type { MockPosDocument, MockPosPayment, MockPosSale } from './pos-sale-record';
import type { PosStockBook } from './pos-stock';

const CANCELLABLE: ReadonlySet<PosSaleStatus> = new Set(['open', 'accepted', 'paid']);
const REVERSIBLE: ReadonlySet<PosSaleStatus> = new Set(['accepted', 'paid', 'completed']);

/** Sales, payments and documents of the mock POS, with their stock effects. */
export class PosSaleBook {
  private readonly byId = new Map<string, MockPosSale>();
  private readonly byKey = new Map<string, MockPosSale>();
  readonly payments: MockPosPayment[] = [];
  readonly documents: MockPosDocument[] = [];
  private next = 1;

  constructor(
    private readonly items: PosItemBook,
    private readonly stock: PosStockBook,
    private readonly now: () => string,
    private readonly onStatus: (sale: MockPosSale, from: PosSaleStatus | null) => void,
  ) {}

  get(id: string): MockPosSale | undefined {
    return this.byId.get(id);
  }

  getByKey(key: string): MockPosSale | undefined {
    return this.byKey.get(key);
  }

  all(): MockPosSale[] {
    return [...this.byId.values()];
  }

  require(id: string, method: string): MockPosSale {
    const sale = this.byId.get(id);
    if (!sale) throw refusedError(method, 404, `the POS has no sale "${id}"`, 'mock POS');
    return sale;
  }

  /** Create a sale once per idempotency key; a repeat returns the first sale and touches nothing. */
  create(order: ChannelOrder, args: CreateSaleArgsV1): MockPosSale {
    const existing = this.byKey.get(args.idempotencyKey);
    if (existing) return existing;
    const warehouseId = args.warehouseId ?? this.stock.warehouses[0] ?? 'main';
    const lines = this.resolveLines(order, args, warehouseId);
    const { signal: _signal, ...rest } = args;
    const id = `S${String(this.next++).padStart(6, '0')}`;
    const at = this.now();
    const sale: MockPosSale = {
      id,
      idempotencyKey: args.idempotencyKey,
      status: 'open',
      number: args.saleNumber ?? `POS-${id}`,
      paid: false,
      order,
      args: rest,
      lines,
      stock: args.reserve ? 'reserved' : 'deducted',
      createdAt: at,
      updatedAt: at,
    };
    if (args.reserve) this.stock.reserve(`sale:${args.idempotencyKey}`, lines);
    else for (const l of lines) this.stock.change(l.itemId, l.warehouseId, { onHand: -l.quantity }, 'sale');
    this.byId.set(id, sale);
    this.byKey.set(args.idempotencyKey, sale);
    this.onStatus(sale, null);
    return sale;
  }

  /** Each order line's POS item (bundles expand to their components), checked before anything is written. */
  private resolveLines(order: ChannelOrder, args: CreateSaleArgsV1, warehouseId: string) {
    const missing = order.lines.filter(
      (l) => !args.itemIds[l.lineId] || !this.items.get(args.itemIds[l.lineId] as string),
    );
    if (missing.length > 0) {
      const names = missing.map((l) => l.lineId).join(', ');
      throw refusedError('createSale', 422, `order lines without a known POS item: ${names}`, 'mock POS');
    }
    return order.lines.flatMap((line) => {
      const item = this.items.get(args.itemIds[line.lineId] as string);
      const parts = item?.components.length ? item.components : [{ itemId: item?.id as string, quantity: 1 }];
      return parts.map((p) => ({ itemId: p.itemId, warehouseId, quantity: p.quantity * line.quantity }));
    });
  }

  /** Set a sale's status; completing a reserved sale takes the reserved units off hand. */
  setStatus(sale: MockPosSale, to: PosSaleStatus): MockPosSale {
    const from = sale.status;
    if (from === to) return sale;
    if (to === 'completed' && sale.stock === 'reserved') {
      this.stock.release(`sale:${sale.idempotencyKey}`, true);
      sale.stock = 'deducted';
    }
    sale.status = to;
    sale.updatedAt = this.now();
    this.onStatus(sale, from);
    return sale;
  }

  /** Cancel an unfulfilled sale: reserved units are released, deducted ones go back on hand. */
  cancel(sale: MockPosSale): MockPosSale {
    if (sale.status === 'cancelled') return sale;
    if (!CANCELLABLE.has(sale.status)) {
      throw refusedError('cancelSale', 409, `a ${sale.status} sale cannot be cancelled; reverse it`, 'mock POS');
    }
    this.putBack(sale, 'cancel');
    return this.setStatus(sale, 'cancelled');
  }

  /** Reverse a fulfilled sale (a return or refund): its units go back on hand. */
  reverse(sale: MockPosSale): MockPosSale {
    if (sale.status === 'reversed') return sale;
    if (!REVERSIBLE.has(sale.status)) {
      throw refusedError('reverseSale', 409, `a ${sale.status} sale cannot be reversed`, 'mock POS');
    }
    this.putBack(sale, 'reverse');
    return this.setStatus(sale, 'reversed');
  }

  private putBack(sale: MockPosSale, reason: 'cancel' | 'reverse'): void {
    if (sale.stock === 'reserved') this.stock.release(`sale:${sale.idempotencyKey}`);
    else for (const l of sale.lines) this.stock.change(l.itemId, l.warehouseId, { onHand: l.quantity }, reason);
  }

  /** Record a payment once per idempotency key; the sale becomes paid. */
  pay(sale: MockPosSale, args: RecordPaymentArgsV1): void {
    if (this.payments.some((p) => p.idempotencyKey === args.idempotencyKey)) return;
    if (sale.status === 'cancelled' || sale.status === 'reversed' || sale.status === 'rejected') {
      throw refusedError('recordPayment', 409, `a ${sale.status} sale cannot take a payment`, 'mock POS');
    }
    this.payments.push({
      saleId: sale.id,
      idempotencyKey: args.idempotencyKey,
      amount: args.amount,
      currency: args.currency,
      method: args.method ?? null,
      at: this.now(),
    });
    sale.paid = true;
    if (sale.status === 'open' || sale.status === 'accepted') this.setStatus(sale, 'paid');
  }

  /** Issue a financial document once per sale and kind. */
  issueDocument(sale: MockPosSale, kind: string): MockPosDocument {
    const existing = this.documents.find((d) => d.saleId === sale.id && d.kind === kind);
    if (existing) return existing;
    const doc = {
      documentId: `D${String(this.documents.length + 1).padStart(6, '0')}`,
      saleId: sale.id,
      kind,
      at: this.now(),
    };
    this.documents.push(doc);
    return doc;
  }
}
