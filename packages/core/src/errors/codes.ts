/**
 * The catalog of stable error codes. Each code has one entry in
 * `docs/errors.md#<code>` and a default for whether retrying can help.
 * Codes never change meaning; new ones are added at the end of their group.
 */
export const ERROR_CODES = {
  // settings and input
  INVALID_SETTINGS: { retryable: false, summary: 'A setting failed its schema.' },
  INVALID_ARGUMENT: { retryable: false, summary: 'An argument passed to an omnisync call is not valid.' },
  // connectors
  CHANNEL_PAYLOAD: { retryable: false, summary: 'A channel or POS sent a payload that does not match its schema.' },
  CHANNEL_HTTP: { retryable: false, summary: 'A channel or POS API call failed.' },
  CHANNEL_AUTH: { retryable: false, summary: 'The channel or POS refused the credentials.' },
  CHANNEL_RATE_LIMITED: {
    retryable: true,
    summary: 'The channel or POS rate limit was hit and the retry budget ran out.',
  },
  CHANNEL_UNAVAILABLE: { retryable: true, summary: 'The channel or POS did not answer (network error, timeout, 5xx).' },
  UNSUPPORTED_CAPABILITY: { retryable: false, summary: 'The connector does not offer the capability a call needs.' },
  UNSUPPORTED_SPECIFICATION_VERSION: {
    retryable: false,
    summary: 'The connector implements a specification version this core does not know.',
  },
  WEBHOOK_SIGNATURE: { retryable: false, summary: 'A webhook delivery failed signature or timestamp verification.' },
  UNSAFE_URL: {
    retryable: false,
    summary: 'A base URL was refused (plain HTTP in production, or a private or metadata address).',
  },
  ABORTED: { retryable: false, summary: 'The operation was cancelled through its AbortSignal.' },
  UNKNOWN_CHANNEL: { retryable: false, summary: 'No channel with this id is configured.' },
  // coordination and store
  LEASE_HELD: { retryable: true, summary: 'Another worker holds the lease for this channel account.' },
  CURSOR_CONFLICT: { retryable: true, summary: 'A cursor was moved by another worker (compare-and-set failed).' },
  LEDGER_CONFLICT: { retryable: true, summary: 'An order ledger entry was changed by another worker.' },
  STORE_ERROR: { retryable: false, summary: 'The store failed.' },
  STORE_LOCKED: { retryable: true, summary: 'The store stayed locked past the busy timeout.' },
  STORE_NOT_A_STORE: { retryable: false, summary: 'The path does not hold an omnisync store.' },
  STORE_SCHEMA_TOO_NEW: {
    retryable: false,
    summary: 'The store was written by a newer omnisync; this version will not touch it.',
  },
  STORE_DISK_FULL: { retryable: true, summary: 'The disk holding the store is full.' },
  // engine
  SCAN_FAILED: { retryable: true, summary: 'A scan did not complete.' },
  ORDER_IMPORT: { retryable: true, summary: 'An order could not be imported.' },
  ORDER_RULE: { retryable: false, summary: 'An import rule could not be applied to an order (it waits until fixed).' },
  STATUS_CHANGE_REFUSED: {
    retryable: false,
    summary: 'A status change was refused because it would desynchronise the POS.',
  },
  EXPORT_PREFLIGHT: { retryable: false, summary: 'An order cannot be exported: external ids are missing.' },
  EXPORT_FAILED: { retryable: true, summary: 'Exporting an order to the POS failed.' },
  STOCK_PUSH: { retryable: true, summary: 'A stock update was not accepted by the channel.' },
  PRODUCT_TRANSFER: { retryable: false, summary: 'A product could not be downloaded or uploaded.' },
  CONFIG: { retryable: false, summary: 'The configuration file is not valid.' },
} as const satisfies Record<string, { retryable: boolean; summary: string }>;

/** A stable omnisync error code. */
export type ErrorCode = keyof typeof ERROR_CODES;
