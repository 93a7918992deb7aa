import type { ChannelOrder } from '../model/channel-order';
import { FULFILLED_ORDER_STATUSES } from '../model/order-status';
import { type OrderImportRules, statusIn } from './import-rules';

/**
 * One step applied to a POS sale because of the channel's status:
 * `document` issues the financial document, `payment` records the payment,
 * `complete` completes the sale, `cancel` cancels it (nothing fulfilled),
 * `reverse` reverses it (already fulfilled).
 */
export type Transition = 'document' | 'payment' | 'complete' | 'cancel' | 'reverse';

/** What the ledger knows about a sale, for planning. */
export interface SaleProgress {
  applied: Partial<Record<Transition | 'sale', true>>;
  fulfilled: boolean;
}

/**
 * Plan the transitions a channel order's status calls for, given what was
 * already applied: each transition at most once, in a fixed order (document,
 * payment, complete), and nothing after a cancel or reverse. `isImport` adds
 * the import-time rules (issue the document, pay immediately).
 */
export function planTransitions(
  order: Pick<ChannelOrder, 'status' | 'rawStatus'>,
  progress: SaleProgress,
  rules: Pick<OrderImportRules, 'statuses' | 'documents'>,
  isImport: boolean,
): Transition[] {
  const { applied } = progress;
  if (applied.cancel || applied.reverse) return [];
  if (statusIn(rules.statuses.refused, order)) {
    const fulfilled = progress.fulfilled || !!applied.complete || FULFILLED_ORDER_STATUSES.has(order.status);
    return [fulfilled ? 'reverse' : 'cancel'];
  }
  const steps: Transition[] = [];
  const docs = rules.documents;
  const paidNow = statusIn(rules.statuses.paid, order) || (isImport && docs.issueOnImport && docs.payImmediately);
  const wantsDocument = (isImport && docs.issueOnImport) || (paidNow && !applied.payment && docs.issueOnPayment);
  if (wantsDocument && !applied.document) steps.push('document');
  if (paidNow && !applied.payment) steps.push('payment');
  if (statusIn(rules.statuses.completed, order) && !applied.complete) steps.push('complete');
  return steps;
}

/** True when the status means the goods left the seller (so a refusal reverses rather than cancels). */
export function isFulfilledStatus(order: Pick<ChannelOrder, 'status'>): boolean {
  return FULFILLED_ORDER_STATUSES.has(order.status);
}
