import type { CreateSaleArgsV1 } from '../connector/v1/pos-connector-v1';
import { type ItemIndex, matchListing } from '../matching/item-index';
import type { ChannelOrder } from '../model/channel-order';
import type { OrderImportRules } from './import-rules';

/** Why an import rule could not be applied to an order. The order waits until it is fixed. */
export type RuleProblemKind =
  | 'unknown-sku'
  | 'empty-sku'
  | 'sku-conflict'
  | 'no-currency'
  | 'currency-not-allowed'
  | 'unmapped-payment-method'
  | 'unmapped-delivery-method';

/** One rule that could not be applied, with what a person needs to fix it. */
export interface RuleProblem {
  kind: RuleProblemKind;
  message: string;
  lineId?: string;
  sku?: string | null;
  value?: string | null;
}

/** The sale arguments the rules produced (all but the idempotency key and the customer). */
export type ResolvedSale = Omit<CreateSaleArgsV1, 'idempotencyKey' | 'customerId' | 'signal' | 'priority'>;

/** The outcome of applying the rules to an order: the sale to create, or every problem found. */
export type SaleResolution = { ok: true; sale: ResolvedSale } | { ok: false; problems: RuleProblem[] };

/** What `resolveSale` needs besides the order. */
export interface ResolveSaleContext {
  channelId: string;
  rules: OrderImportRules;
  index: ItemIndex;
  /** The currencies the POS allows; null when it accepts any. */
  allowedCurrencies: readonly string[] | null;
  /** The import time, for `saleDate: 'sync'`. */
  now: Date;
}

/**
 * Apply the import rules to an order: match each line to a POS item (explicit
 * mapping by listing or variant id first, then the normalised SKU; a conflict
 * or an unknown SKU is a problem, never a guess), pick the currency, map the
 * payment and delivery methods, and fill the sale's fields. Every problem is
 * reported at once, so one fix pass is enough.
 */
export function resolveSale(order: ChannelOrder, ctx: ResolveSaleContext): SaleResolution {
  const problems: RuleProblem[] = [];
  const itemIds = resolveLines(order, ctx, problems);
  const currency = resolveCurrency(order, ctx, problems);
  const paymentMethod = resolveMethod('payment', order.payment.method, ctx.rules.payments, problems);
  const deliveryMethod = resolveMethod('delivery', order.delivery.method, ctx.rules.delivery, problems);
  if (problems.length > 0) return { ok: false, problems };
  const { rules } = ctx;
  return {
    ok: true,
    sale: {
      itemIds,
      currency: currency as string,
      paymentMethod,
      deliveryMethod,
      saleNumber: rules.externalSaleNumber ? order.number : null,
      saleDate: rules.saleDate === 'sync' ? ctx.now.toISOString() : order.createdAt,
      taxRate: rules.taxRate,
      saleType: rules.saleType,
      merchantId: rules.merchantId,
      reserve: rules.reserve,
      warehouseId: rules.warehouseId,
    },
  };
}

function resolveLines(order: ChannelOrder, ctx: ResolveSaleContext, problems: RuleProblem[]): Record<string, string> {
  const itemIds: Record<string, string> = {};
  for (const line of order.lines) {
    const match = matchListing(ctx.index, ctx.channelId, line);
    if (match.kind === 'matched') {
      itemIds[line.lineId] = match.item.id;
    } else if (match.kind === 'conflict') {
      const ids = match.items.map((i) => i.id).join(', ');
      problems.push({
        kind: 'sku-conflict',
        lineId: line.lineId,
        sku: line.sku,
        message: `Line "${line.title}": SKU "${match.sku}" is on several POS items (${ids}); map the listing explicitly.`,
      });
    } else {
      problems.push({
        kind: match.reason,
        lineId: line.lineId,
        sku: line.sku,
        message:
          match.reason === 'empty-sku'
            ? `Line "${line.title}" has no SKU and no mapped listing id.`
            : `Line "${line.title}": no POS item has SKU "${match.sku}".`,
      });
    }
  }
  return itemIds;
}

function resolveCurrency(order: ChannelOrder, ctx: ResolveSaleContext, problems: RuleProblem[]): string | null {
  const currency = order.currency ?? ctx.rules.currency.default;
  if (!currency) {
    problems.push({
      kind: 'no-currency',
      message: 'The channel sent no currency and the rules set no default currency.',
    });
    return null;
  }
  if (ctx.allowedCurrencies && !ctx.allowedCurrencies.includes(currency)) {
    problems.push({
      kind: 'currency-not-allowed',
      value: currency,
      message: `The POS does not allow currency ${currency} (allowed: ${ctx.allowedCurrencies.join(', ')}).`,
    });
  }
  return currency;
}

function resolveMethod(
  kind: 'payment' | 'delivery',
  channelMethod: string | null | undefined,
  rule: OrderImportRules['payments'],
  problems: RuleProblem[],
): string | null {
  if (channelMethod && rule.mapping[channelMethod] !== undefined) return rule.mapping[channelMethod];
  if (rule.default !== null) return rule.default;
  if (!channelMethod) return null;
  if (rule.unmapped === 'pass-through') return channelMethod;
  problems.push({
    kind: kind === 'payment' ? 'unmapped-payment-method' : 'unmapped-delivery-method',
    value: channelMethod,
    message: `The ${kind} method "${channelMethod}" has no mapping and the rules set no default ${kind} method.`,
  });
  return null;
}
