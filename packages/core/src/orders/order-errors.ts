import { markerCheck, OmnisyncError, type OmnisyncErrorOptions } from '../errors/omnisync-error';
import { redactText } from '../secrets/redact';
import type { RuleProblem } from './resolve-sale';

const ORDER_RULE = Symbol.for('omnisync.error.OrderRuleError');
/**
 * An import rule could not be applied to an order (unknown SKU, unmapped
 * method with no default, currency not allowed). The order waits in the
 * ledger and imports once the cause is fixed.
 */
export class OrderRuleError extends OmnisyncError {
  protected readonly [ORDER_RULE] = true;
  readonly problems: readonly RuleProblem[];
  constructor(channelId: string, externalId: string, problems: readonly RuleProblem[]) {
    super('ORDER_RULE', `Order ${externalId} of ${channelId} waits: ${problems.map((p) => p.message).join(' ')}`, {
      details: { channelId, externalId, problems },
    });
    this.name = 'OrderRuleError';
    this.problems = problems;
  }
  static override isInstance = markerCheck<OrderRuleError>(ORDER_RULE);
}

const ORDER_IMPORT = Symbol.for('omnisync.error.OrderImportError');
/** An order could not be imported or updated (the POS failed or refused); `retryable` tells whether a retry can help. */
export class OrderImportError extends OmnisyncError {
  protected readonly [ORDER_IMPORT] = true;
  constructor(message: string, options: OmnisyncErrorOptions = {}) {
    super('ORDER_IMPORT', message, options);
    this.name = 'OrderImportError';
  }
  static override isInstance = markerCheck<OrderImportError>(ORDER_IMPORT);
}

/** A safe, JSON-only summary of any error, for the ledger, events and the action log. */
export function describeError(error: unknown): { code: string; message: string; retryable: boolean } {
  if (OmnisyncError.isInstance(error)) return { code: error.code, message: error.message, retryable: error.retryable };
  const message = error instanceof Error ? error.message : String(error);
  return { code: 'ORDER_IMPORT', message: redactText(`Unexpected error: ${message}`), retryable: false };
}

/** True when retrying the same call later can help (429, 5xx, timeouts, ledger races). */
export function isRetryable(error: unknown): boolean {
  return OmnisyncError.isInstance(error) && error.retryable && error.code !== 'ABORTED';
}

/** The wait a failed call asked for (`Retry-After`), when it said. */
export function retryAfterOf(error: unknown): number | null {
  if (typeof error !== 'object' || error === null) return null;
  const direct = (error as { retryAfterMs?: unknown }).retryAfterMs;
  if (typeof direct === 'number') return direct;
  const details = (error as { details?: { retryAfterMs?: unknown } }).details;
  return typeof details?.retryAfterMs === 'number' ? details.retryAfterMs : null;
}
