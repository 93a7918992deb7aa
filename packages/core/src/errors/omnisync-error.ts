import { redactText, redactValue } from '../secrets/redact';
import { ERROR_CODES, type ErrorCode } from './codes';

const MARKER = Symbol.for('omnisync.error');

/** Options every omnisync error accepts. */
export interface OmnisyncErrorOptions {
  /** The underlying error. Kept for debugging; its message is redacted too. */
  cause?: unknown;
  /** Overrides the code's default `retryable`. */
  retryable?: boolean;
  /** Extra facts that are safe to show (redacted again, to be sure). */
  details?: Record<string, unknown>;
}

/**
 * The base class of every error omnisync throws. It carries a stable `code`
 * (see `docs/errors.md`), a `retryable` flag, an optional `cause`, and never a
 * secret: the message, details and cause are redacted when the error is made.
 *
 * Use `OmnisyncError.isInstance(e)` rather than `instanceof`: it works across
 * duplicate installs and realms.
 */
export class OmnisyncError extends Error {
  protected readonly [MARKER] = true;
  readonly code: ErrorCode;
  readonly retryable: boolean;
  readonly details: Record<string, unknown>;

  constructor(code: ErrorCode, message: string, options: OmnisyncErrorOptions = {}) {
    super(redactText(message), options.cause === undefined ? undefined : { cause: redactCause(options.cause) });
    this.name = 'OmnisyncError';
    this.code = code;
    this.retryable = options.retryable ?? ERROR_CODES[code].retryable;
    this.details = redactValue(options.details ?? {});
  }

  /** True for any omnisync error, whichever copy of the package made it. */
  static isInstance(error: unknown): error is OmnisyncError {
    return typeof error === 'object' && error !== null && (error as Record<symbol, unknown>)[MARKER] === true;
  }

  /** A link to this code's entry in the error reference. */
  get docsUrl(): string {
    return `https://github.com/omnisync/omnisync/blob/main/docs/errors.md#${this.code.toLowerCase().replaceAll('_', '-')}`;
  }

  toJSON(): Record<string, unknown> {
    return {
      name: this.name,
      code: this.code,
      message: this.message,
      retryable: this.retryable,
      details: this.details,
      ...(this.cause !== undefined ? { cause: describeCause(this.cause) } : {}),
    };
  }
}

function redactCause(cause: unknown): unknown {
  if (OmnisyncError.isInstance(cause)) return cause;
  if (cause instanceof Error) {
    const safe = new Error(redactText(cause.message));
    safe.name = cause.name;
    if (cause.stack) safe.stack = redactText(cause.stack);
    return safe;
  }
  return redactValue(cause);
}

function describeCause(cause: unknown): unknown {
  if (OmnisyncError.isInstance(cause)) return cause.toJSON();
  if (cause instanceof Error) return { name: cause.name, message: cause.message };
  return cause;
}

/** Build a subclass marker check, so each subclass gets its own `isInstance`. */
export function markerCheck<T>(marker: symbol) {
  return (error: unknown): error is T =>
    typeof error === 'object' && error !== null && (error as Record<symbol, unknown>)[marker] === true;
}
