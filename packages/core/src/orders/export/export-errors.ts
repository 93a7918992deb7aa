import { markerCheck, OmnisyncError, type OmnisyncErrorOptions } from '../../errors/omnisync-error';

/** One external id the export target needs and the order's line or modifier lacks. */
export interface MissingExternalId {
  /** The order line the problem is on. */
  lineId: string;
  /** What lacks an id: the line's product, or one of its modifiers. */
  kind: 'product' | 'modifier';
  /**
   * `unknown-item`: no catalog item matches the line (by `externalProductId` or SKU);
   * `unknown-modifier`: the item has no such modifier (by id or name);
   * `no-external-id`: the item or modifier exists but has no id for this POS.
   */
  reason: 'unknown-item' | 'unknown-modifier' | 'no-external-id';
  /** The product title or modifier name as the order shows it. */
  name: string;
  /** The catalog item id, when one was found. */
  itemId: string | null;
  /** The catalog modifier id, when one was found. */
  modifierId: string | null;
}

function describeMissing(m: MissingExternalId): string {
  const what = m.kind === 'product' ? `product "${m.name}"` : `modifier "${m.name}"`;
  const why =
    m.reason === 'no-external-id'
      ? 'has no external id for this POS'
      : m.reason === 'unknown-item'
        ? 'matches no catalog item'
        : 'is not a modifier of its catalog item';
  return `line ${m.lineId}: ${what} ${why}`;
}

const EXPORT_PREFLIGHT = Symbol.for('omnisync.error.ExportPreflightError');
/**
 * An order cannot be exported: some of its products or modifiers have no
 * external id for the target POS. Raised before anything is sent; `missing`
 * lists every gap, so all of them can be fixed at once.
 */
export class ExportPreflightError extends OmnisyncError {
  protected readonly [EXPORT_PREFLIGHT] = true;
  readonly missing: readonly MissingExternalId[];
  constructor(orderRef: string, targetId: string, missing: readonly MissingExternalId[]) {
    super(
      'EXPORT_PREFLIGHT',
      `Order ${orderRef} cannot be exported to "${targetId}": ${missing.length} external id(s) missing (${missing
        .map(describeMissing)
        .join('; ')}). Nothing was sent.`,
      { details: { order: orderRef, targetId, missing } },
    );
    this.name = 'ExportPreflightError';
    this.missing = missing;
  }
  static override isInstance = markerCheck<ExportPreflightError>(EXPORT_PREFLIGHT);
}

const EXPORT_FAILED = Symbol.for('omnisync.error.ExportFailedError');
/** Exporting an order to the POS failed. `retryable` follows the cause; a retry is scheduled when it is. */
export class ExportFailedError extends OmnisyncError {
  protected readonly [EXPORT_FAILED] = true;
  readonly attempt: number;
  /** When the next automatic attempt is due (ISO), or null when none is scheduled. */
  readonly retryAt: string | null;
  constructor(
    orderRef: string,
    targetId: string,
    attempt: number,
    retryAt: string | null,
    options: OmnisyncErrorOptions = {},
  ) {
    const reason = OmnisyncError.isInstance(options.cause) ? `: ${options.cause.message}` : '';
    const next = retryAt ? ` Next attempt at ${retryAt}.` : ' No automatic retry is scheduled.';
    super('EXPORT_FAILED', `Attempt ${attempt} to export order ${orderRef} to "${targetId}" failed${reason}.${next}`, {
      ...options,
      details: { order: orderRef, targetId, attempt, retryAt, ...options.details },
    });
    this.name = 'ExportFailedError';
    this.attempt = attempt;
    this.retryAt = retryAt;
  }
  static override isInstance = markerCheck<ExportFailedError>(EXPORT_FAILED);
}

const STATUS_CHANGE_REFUSED = Symbol.for('omnisync.error.StatusChangeRefusedError');
/**
 * A status change was refused because the order was exported to a POS: from
 * then on the order is managed at the POS terminal, and changing it here would
 * desynchronise the two.
 */
export class StatusChangeRefusedError extends OmnisyncError {
  protected readonly [STATUS_CHANGE_REFUSED] = true;
  constructor(message: string, details: Record<string, unknown>) {
    super('STATUS_CHANGE_REFUSED', message, { details });
    this.name = 'StatusChangeRefusedError';
  }
  static override isInstance = markerCheck<StatusChangeRefusedError>(STATUS_CHANGE_REFUSED);
}
