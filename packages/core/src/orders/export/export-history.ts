import type { CreateSaleArgsV1 } from '../../connector/v1/pos-connector-v1';
import type { ChannelOrder } from '../../model/channel-order';
import { redactValue } from '../../secrets/redact';
import type { ActionEntry, ActionOutcome } from '../../store/records';
import type { SyncStoreOperations } from '../../store/sync-store';
import { type ExportErrorSummary, type OrderRef, orderKey } from './export-record';

/** The subject type of export entries in the action log. */
export const EXPORT_SUBJECT = 'order-export';

/** What was sent to the POS in one attempt: ids and amounts only, never credentials or customer contacts. */
export interface ExportRequestSummary {
  connector: string;
  targetId: string;
  locationId: string;
  idempotencyKey: string;
  currency: string;
  total: string;
  lines: { lineId: string; productId: string; quantity: number; modifierIds: string[] }[];
}

/** One entry of an order's export history (oldest first in `exportHistory`). */
export interface ExportHistoryEntry {
  at: string;
  /** `export:attempt`, `export:preflight`, `export:skipped`, `export:retry-scheduled`, `export:pos-status`, `status:refused`... */
  action: string;
  outcome: ActionOutcome;
  message: string;
  attempt: number | null;
  request: ExportRequestSummary | null;
  result: { saleId: string; posStatus: string | null } | null;
  error: ExportErrorSummary | null;
  details: Record<string, unknown>;
}

/** Summarise an export request for the history. */
export function summariseRequest(
  order: ChannelOrder,
  args: CreateSaleArgsV1,
  meta: { connector: string; targetId: string; locationId: string },
): ExportRequestSummary {
  return {
    ...meta,
    idempotencyKey: args.idempotencyKey,
    currency: args.currency,
    total: order.totals.total,
    lines: order.lines.map((l) => ({
      lineId: l.lineId,
      productId: args.itemIds[l.lineId] ?? '',
      quantity: l.quantity,
      modifierIds: l.modifiers.map((m) => m.externalId ?? ''),
    })),
  };
}

/** Append one export history entry (redacted) to the action log. */
export function appendExportAction(
  store: SyncStoreOperations,
  tenantId: string,
  ref: OrderRef,
  entry: Omit<ExportHistoryEntry, 'details'> & { details?: Record<string, unknown> },
): Promise<ActionEntry> {
  const { at, action, outcome, message, details, ...rest } = entry;
  return store.appendAction({
    tenantId,
    channelId: ref.channelId,
    subjectType: EXPORT_SUBJECT,
    subjectId: orderKey(ref),
    action,
    outcome,
    message,
    at,
    details: redactValue({ ...rest, ...details }),
  });
}

/** Turn action log entries into history entries. */
export function toHistoryEntry(action: ActionEntry): ExportHistoryEntry {
  const { attempt, request, result, error, ...details } = action.details as Record<string, unknown>;
  return {
    at: action.at,
    action: action.action,
    outcome: action.outcome,
    message: action.message,
    attempt: (attempt as number | null | undefined) ?? null,
    request: (request as ExportRequestSummary | null | undefined) ?? null,
    result: (result as ExportHistoryEntry['result'] | undefined) ?? null,
    error: (error as ExportErrorSummary | null | undefined) ?? null,
    details,
  };
}

/** Describe any thrown value as a safe error summary. */
export function summariseError(error: unknown): ExportErrorSummary {
  if (typeof error === 'object' && error !== null && 'code' in error && 'message' in error) {
    const e = error as { code: unknown; message: unknown; retryable?: unknown };
    return redactValue({ code: String(e.code), message: String(e.message), retryable: e.retryable === true });
  }
  const message = error instanceof Error ? error.message : String(error);
  // A timeout that reached us unwrapped is transient; any other unknown error is a bug, not worth retrying.
  const retryable = error instanceof Error && error.name === 'TimeoutError';
  return redactValue({ code: 'EXPORT_FAILED', message, retryable });
}
