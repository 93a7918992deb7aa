/**
 * Faults a mock channel injects, each deterministic from the mock's seed:
 * the same seed and the same sequence of calls give the same faults.
 * Rates are probabilities per call (or per page, per delivery), 0 to 1.
 */
export interface MockFaults {
  /** Delay every call by this many ms, or a uniform draw in `[minMs, maxMs]`. */
  latency?: number | { minMs: number; maxMs: number };
  /** HTTP 429 with `Retry-After` (seconds, default 1). */
  rateLimit?: { rate: number; retryAfterSeconds?: number };
  /** HTTP 5xx (status default 503). */
  serverError?: { rate: number; status?: number };
  /** No response: the call waits `afterMs` (default 0 in memory) then fails as a timeout. */
  timeout?: { rate: number; afterMs?: number };
  /** Webhook deliveries: lost, sent twice, or held back and sent after the next one. */
  webhooks?: { lose?: number; duplicate?: number; reorder?: number };
  /** Per listing page after the first: a listing is edited by the seller while the scan pages through. */
  listingChangedDuringScan?: number;
  /**
   * Per listing page after the first: the catalog shifts under offset pagination.
   * `repeat`: a new listing appears at the front, so the next page repeats an item;
   * `skip`: an already-read listing is deleted, so the next page skips an item; `both`: either.
   */
  catalogShift?: { rate: number; kind?: 'repeat' | 'skip' | 'both' };
  /** Per listing or order page: one item in it is malformed (the connector rejects it, `PageV1.rejected`, naming the field). */
  malformedPayload?: number;
  /** Connector methods the call faults (latency, 429, 5xx, timeout) apply to. Default: all. */
  methods?: readonly string[];
}

/** The kinds of fault a mock can inject. */
export type MockFaultKind =
  | 'latency'
  | 'rateLimit'
  | 'serverError'
  | 'timeout'
  | 'webhookLost'
  | 'webhookDuplicated'
  | 'webhookReordered'
  | 'listingChanged'
  | 'catalogShiftRepeat'
  | 'catalogShiftSkip'
  | 'malformedPayload';

/** One fault that fired, in the order they fired. */
export interface MockFaultRecord {
  /** 1-based sequence number of the fault. */
  n: number;
  kind: MockFaultKind;
  /** The connector method (or `webhook`, `scan`) it hit. */
  target: string;
  /** What exactly happened: the delay, status, listing or delivery id. */
  detail?: string | number;
}

/** A fault a test schedules for the next matching call, whatever the rates say. */
export interface ScriptedFault {
  kind: 'rateLimit' | 'serverError' | 'timeout';
  /** Only calls to this method (default: the next call to any method). */
  method?: string;
  /** How many calls it hits (default 1). */
  times?: number;
  status?: number;
  retryAfterSeconds?: number;
  afterMs?: number;
}
