import type { PosConnectorV1 } from '../connector/v1/pos-connector-v1';
import { OmnisyncError } from '../errors/omnisync-error';
import type { ChannelOrder } from '../model/channel-order';
import type { OrderImportRules } from './import-rules';
import type { Transition } from './plan-transitions';

/** What one transition did to the POS sale. `unsupported`: the POS lacks the capability (recorded, not retried). */
export type TransitionResult =
  | { transition: Transition; outcome: 'done' }
  | { transition: Transition; outcome: 'unsupported'; capability: string };

/** What executing a transition needs to know about the sale. */
export interface TransitionTarget {
  saleId: string;
  order: ChannelOrder;
  currency: string;
  paymentMethod: string | null;
  /** Derives the idempotency key of a write (e.g. the payment) of this order. */
  keyFor(purpose: string): string;
}

/**
 * Apply one transition to the POS sale. Payments carry their own idempotency
 * key; a capability the POS lacks is reported, never silently skipped.
 */
export async function executeTransition(
  pos: PosConnectorV1,
  transition: Transition,
  target: TransitionTarget,
  rules: OrderImportRules,
  signal?: AbortSignal,
): Promise<TransitionResult> {
  const options = { signal, priority: 'orders' as const };
  const unsupported = (capability: string): TransitionResult => ({ transition, outcome: 'unsupported', capability });
  switch (transition) {
    case 'document':
      if (!pos.capabilities.financialDocuments || !pos.issueFinancialDocument) return unsupported('financialDocuments');
      await pos.issueFinancialDocument(target.saleId, { ...options, kind: rules.documents.kind ?? undefined });
      break;
    case 'payment':
      if (!pos.capabilities.payments || !pos.recordPayment) return unsupported('payments');
      await pos.recordPayment(target.saleId, {
        ...options,
        amount: target.order.totals.total,
        currency: target.currency,
        method: target.paymentMethod,
        idempotencyKey: target.keyFor('payment'),
      });
      break;
    case 'complete':
      if (!pos.capabilities.saleStatus || !pos.updateSaleStatus) return unsupported('saleStatus');
      await pos.updateSaleStatus(target.saleId, 'completed', options);
      break;
    case 'cancel':
    case 'reverse':
      if (!pos.capabilities.cancelAndReverse || !pos.cancelSale || !pos.reverseSale)
        return unsupported('cancelAndReverse');
      return refuseSale(pos, transition, target.saleId, options);
  }
  return { transition, outcome: 'done' };
}

/**
 * Cancel (nothing fulfilled) or reverse (fulfilled) a sale. The channel's view of fulfilment can
 * disagree with the POS's — a cash-on-delivery order shipped and returned while the POS sale stayed
 * open because the updates in between were lost — so when the POS refuses one of the two for the
 * sale's state (a non-retryable 409), the other is tried once before giving up.
 */
async function refuseSale(
  pos: PosConnectorV1,
  transition: 'cancel' | 'reverse',
  saleId: string,
  options: { signal?: AbortSignal; priority: 'orders' },
): Promise<TransitionResult> {
  const run = (t: 'cancel' | 'reverse') =>
    t === 'cancel' ? pos.cancelSale!(saleId, options) : pos.reverseSale!(saleId, options);
  try {
    await run(transition);
    return { transition, outcome: 'done' };
  } catch (error) {
    if (!isStateRefusal(error)) throw error;
    const other = transition === 'cancel' ? 'reverse' : 'cancel';
    try {
      await run(other);
    } catch {
      throw error;
    }
    return { transition: other, outcome: 'done' };
  }
}

function isStateRefusal(error: unknown): boolean {
  return OmnisyncError.isInstance(error) && !error.retryable && (error as { status?: unknown }).status === 409;
}
