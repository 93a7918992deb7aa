import type { ErrorCode } from '../errors/codes';
import { markerCheck, OmnisyncError, type OmnisyncErrorOptions } from '../errors/omnisync-error';
import { redactValue } from '../secrets/redact';

/** The codes a `ChannelHttpError` can carry. */
export type ChannelHttpErrorCode = Extract<
  ErrorCode,
  'CHANNEL_HTTP' | 'CHANNEL_AUTH' | 'CHANNEL_RATE_LIMITED' | 'CHANNEL_UNAVAILABLE'
>;

/** What a `ChannelHttpError` knows about the failed call. Every field is safe to log. */
export interface ChannelHttpErrorInit {
  code: ChannelHttpErrorCode;
  /** Connector id, e.g. `woocommerce`. */
  connector: string;
  method: string;
  /** The path template, e.g. `/products/{id}`: never the filled path or its query string. */
  pathTemplate: string;
  /** HTTP status, or `null` when no response came (network error, timeout). */
  status: number | null;
  /** The vendor's own error code, e.g. `woocommerce_rest_product_invalid_id`. */
  vendorCode?: string | null;
  /** The vendor's error message (redacted). Kept out of `message`, which never carries a body. */
  vendorMessage?: string | null;
  /** The vendor's error body, redacted before it is stored. */
  vendorBody?: unknown;
  /** The vendor's request id header, for support tickets. */
  requestId?: string | null;
  /** How long the channel asked us to wait (from `Retry-After` or reset headers). */
  retryAfterMs?: number | null;
  /** A short safe explanation appended to the message, e.g. `redirect to another origin refused`. */
  detail?: string | null;
  /** When no response came: whether the attempt timed out or the network failed. */
  transport?: 'timeout' | 'network' | null;
  /** How many attempts were made, retries included. */
  attempts?: number;
  retryable?: boolean;
  cause?: unknown;
}

const CHANNEL_HTTP_ERROR = Symbol.for('omnisync.error.ChannelHttpError');

/**
 * A channel or POS API call failed. `code` tells the class of failure:
 * `CHANNEL_AUTH` (401/403), `CHANNEL_RATE_LIMITED` (429 after the retry
 * budget), `CHANNEL_UNAVAILABLE` (network error, timeout, 5xx) or
 * `CHANNEL_HTTP` (any other refusal, e.g. 400/404/422).
 *
 * The message names the connector, method, path template, status and vendor
 * code only: never a query string, a header or a body. The vendor body is
 * kept, redacted, in `vendorBody`.
 */
export class ChannelHttpError extends OmnisyncError {
  protected readonly [CHANNEL_HTTP_ERROR] = true;
  declare readonly code: ChannelHttpErrorCode;
  readonly connector: string;
  readonly method: string;
  readonly pathTemplate: string;
  readonly status: number | null;
  readonly vendorCode: string | null;
  readonly vendorMessage: string | null;
  readonly vendorBody: unknown;
  readonly requestId: string | null;
  readonly retryAfterMs: number | null;
  readonly transport: 'timeout' | 'network' | null;
  readonly attempts: number;

  constructor(init: ChannelHttpErrorInit) {
    const options: OmnisyncErrorOptions = {
      cause: init.cause,
      retryable: init.retryable,
      details: {
        connector: init.connector,
        method: init.method,
        pathTemplate: init.pathTemplate,
        status: init.status,
        vendorCode: init.vendorCode ?? null,
        vendorMessage: init.vendorMessage ?? null,
        vendorBody: init.vendorBody ?? null,
        requestId: init.requestId ?? null,
        retryAfterMs: init.retryAfterMs ?? null,
        transport: init.transport ?? null,
        attempts: init.attempts ?? 1,
      },
    };
    super(init.code, describe(init), options);
    this.name = 'ChannelHttpError';
    this.connector = init.connector;
    this.method = init.method;
    this.pathTemplate = init.pathTemplate;
    this.status = init.status;
    this.vendorCode = init.vendorCode ?? null;
    this.vendorMessage = (this.details.vendorMessage as string | null) ?? null;
    this.vendorBody = redactValue(init.vendorBody ?? null);
    this.requestId = init.requestId ?? null;
    this.retryAfterMs = init.retryAfterMs ?? null;
    this.transport = init.transport ?? null;
    this.attempts = init.attempts ?? 1;
  }

  static override isInstance = markerCheck<ChannelHttpError>(CHANNEL_HTTP_ERROR);
}

function describe(init: ChannelHttpErrorInit): string {
  const outcome =
    init.status === null
      ? `got no response${init.transport ? ` (${init.transport === 'timeout' ? 'timed out' : 'network error'})` : ''}`
      : `answered HTTP ${init.status}`;
  const vendor = init.vendorCode ? ` (vendor code ${init.vendorCode})` : '';
  const detail = init.detail ? `: ${init.detail}` : '';
  const attempts = init.attempts && init.attempts > 1 ? ` after ${init.attempts} attempts` : '';
  return `${init.connector} ${init.method} ${init.pathTemplate} ${outcome}${vendor}${detail}${attempts}.`;
}
