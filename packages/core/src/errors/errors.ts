import { markerCheck, OmnisyncError, type OmnisyncErrorOptions } from './omnisync-error';

/** One problem found while validating input against a schema. */
export interface SchemaIssue {
  /** Dotted path of the field, e.g. `lines.0.quantity`; empty for the root. */
  path: string;
  /** What was expected, in words. Never the value received. */
  message: string;
}

function describeIssues(issues: readonly SchemaIssue[]): string {
  return issues.map((i) => `${i.path || '(root)'}: ${i.message}`).join('; ');
}

const INVALID_SETTINGS = Symbol.for('omnisync.error.InvalidSettingsError');
/** Settings (of a connector, a rule set, a config file) failed their schema. Names the paths, never the values. */
export class InvalidSettingsError extends OmnisyncError {
  protected readonly [INVALID_SETTINGS] = true;
  readonly issues: readonly SchemaIssue[];
  constructor(subject: string, issues: readonly SchemaIssue[], options: OmnisyncErrorOptions = {}) {
    super('INVALID_SETTINGS', `Invalid ${subject} settings: ${describeIssues(issues)}`, {
      ...options,
      details: { subject, issues, ...options.details },
    });
    this.name = 'InvalidSettingsError';
    this.issues = issues;
  }
  static override isInstance = markerCheck<InvalidSettingsError>(INVALID_SETTINGS);
}

const INVALID_ARGUMENT = Symbol.for('omnisync.error.InvalidArgumentError');
/** An argument of an omnisync call is not valid. */
export class InvalidArgumentError extends OmnisyncError {
  protected readonly [INVALID_ARGUMENT] = true;
  constructor(message: string, options: OmnisyncErrorOptions = {}) {
    super('INVALID_ARGUMENT', message, options);
    this.name = 'InvalidArgumentError';
  }
  static override isInstance = markerCheck<InvalidArgumentError>(INVALID_ARGUMENT);
}

const CHANNEL_PAYLOAD = Symbol.for('omnisync.error.ChannelPayloadError');
/** A channel or POS payload did not match its schema. Names the connector, what was parsed and the failing paths. */
export class ChannelPayloadError extends OmnisyncError {
  protected readonly [CHANNEL_PAYLOAD] = true;
  readonly connector: string;
  readonly subject: string;
  readonly issues: readonly SchemaIssue[];
  constructor(connector: string, subject: string, issues: readonly SchemaIssue[], options: OmnisyncErrorOptions = {}) {
    super('CHANNEL_PAYLOAD', `${connector} sent a malformed ${subject}: ${describeIssues(issues)}`, {
      ...options,
      details: { connector, subject, issues, ...options.details },
    });
    this.name = 'ChannelPayloadError';
    this.connector = connector;
    this.subject = subject;
    this.issues = issues;
  }
  static override isInstance = markerCheck<ChannelPayloadError>(CHANNEL_PAYLOAD);
}

const UNSUPPORTED_CAPABILITY = Symbol.for('omnisync.error.UnsupportedCapabilityError');
/** A call needs a capability the connector does not declare. */
export class UnsupportedCapabilityError extends OmnisyncError {
  protected readonly [UNSUPPORTED_CAPABILITY] = true;
  readonly connector: string;
  readonly capability: string;
  constructor(connector: string, capability: string, options: OmnisyncErrorOptions = {}) {
    super('UNSUPPORTED_CAPABILITY', `The ${connector} connector does not support "${capability}".`, {
      ...options,
      details: { connector, capability, ...options.details },
    });
    this.name = 'UnsupportedCapabilityError';
    this.connector = connector;
    this.capability = capability;
  }
  static override isInstance = markerCheck<UnsupportedCapabilityError>(UNSUPPORTED_CAPABILITY);
}

const UNSUPPORTED_VERSION = Symbol.for('omnisync.error.UnsupportedSpecificationVersionError');
/** A connector implements a specification version this core does not know. */
export class UnsupportedSpecificationVersionError extends OmnisyncError {
  protected readonly [UNSUPPORTED_VERSION] = true;
  constructor(connector: string, version: unknown, supported: readonly string[]) {
    super(
      'UNSUPPORTED_SPECIFICATION_VERSION',
      `The ${connector} connector implements specification "${String(version)}"; this core supports ${supported.join(', ')}.`,
      { details: { connector, version: String(version), supported } },
    );
    this.name = 'UnsupportedSpecificationVersionError';
  }
  static override isInstance = markerCheck<UnsupportedSpecificationVersionError>(UNSUPPORTED_VERSION);
}

const WEBHOOK_SIGNATURE = Symbol.for('omnisync.error.WebhookSignatureError');
/** A webhook delivery failed verification (bad or missing signature, stale timestamp). */
export class WebhookSignatureError extends OmnisyncError {
  protected readonly [WEBHOOK_SIGNATURE] = true;
  constructor(source: string, reason: string, options: OmnisyncErrorOptions = {}) {
    super('WEBHOOK_SIGNATURE', `Refused a ${source} webhook: ${reason}`, {
      ...options,
      details: { source, reason, ...options.details },
    });
    this.name = 'WebhookSignatureError';
  }
  static override isInstance = markerCheck<WebhookSignatureError>(WEBHOOK_SIGNATURE);
}

const ABORTED = Symbol.for('omnisync.error.OperationAbortedError');
/** The operation was cancelled through its AbortSignal. */
export class OperationAbortedError extends OmnisyncError {
  protected readonly [ABORTED] = true;
  constructor(what: string, options: OmnisyncErrorOptions = {}) {
    super('ABORTED', `${what} was cancelled.`, options);
    this.name = 'OperationAbortedError';
  }
  static override isInstance = markerCheck<OperationAbortedError>(ABORTED);
}

const UNKNOWN_CHANNEL = Symbol.for('omnisync.error.UnknownChannelError');
/** No channel with this id is configured. */
export class UnknownChannelError extends OmnisyncError {
  protected readonly [UNKNOWN_CHANNEL] = true;
  constructor(channelId: string, known: readonly string[]) {
    super('UNKNOWN_CHANNEL', `No channel "${channelId}" is configured (known: ${known.join(', ') || 'none'}).`, {
      details: { channelId, known },
    });
    this.name = 'UnknownChannelError';
  }
  static override isInstance = markerCheck<UnknownChannelError>(UNKNOWN_CHANNEL);
}

const LEASE_HELD = Symbol.for('omnisync.error.LeaseHeldError');
/** Another worker holds the lease (e.g. a scan of this channel account is already running). */
export class LeaseHeldError extends OmnisyncError {
  protected readonly [LEASE_HELD] = true;
  readonly key: string;
  readonly expiresAt: string | null;
  constructor(key: string, expiresAt: string | null, what = 'This job') {
    super(
      'LEASE_HELD',
      `${what} is already running elsewhere (lease "${key}"${expiresAt ? `, held until ${expiresAt}` : ''}).`,
      {
        details: { key, expiresAt },
      },
    );
    this.name = 'LeaseHeldError';
    this.key = key;
    this.expiresAt = expiresAt;
  }
  static override isInstance = markerCheck<LeaseHeldError>(LEASE_HELD);
}

const CURSOR_CONFLICT = Symbol.for('omnisync.error.CursorConflictError');
/** A cursor compare-and-set failed: another worker moved it. */
export class CursorConflictError extends OmnisyncError {
  protected readonly [CURSOR_CONFLICT] = true;
  constructor(key: string) {
    super('CURSOR_CONFLICT', `Cursor "${key}" was moved by another worker.`, { details: { key } });
    this.name = 'CursorConflictError';
  }
  static override isInstance = markerCheck<CursorConflictError>(CURSOR_CONFLICT);
}

const STORE = Symbol.for('omnisync.error.StoreError');
/** The store failed. `code` tells why (`STORE_LOCKED`, `STORE_SCHEMA_TOO_NEW`, ...). */
export class StoreError extends OmnisyncError {
  protected readonly [STORE] = true;
  constructor(
    code:
      | 'STORE_ERROR'
      | 'STORE_LOCKED'
      | 'STORE_NOT_A_STORE'
      | 'STORE_SCHEMA_TOO_NEW'
      | 'STORE_DISK_FULL'
      | 'LEDGER_CONFLICT',
    message: string,
    options: OmnisyncErrorOptions = {},
  ) {
    super(code, message, options);
    this.name = 'StoreError';
  }
  static override isInstance = markerCheck<StoreError>(STORE);
}
