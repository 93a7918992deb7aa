import { markerCheck, OmnisyncError } from '../errors/omnisync-error';

const UNSAFE_URL = Symbol.for('omnisync.error.UnsafeUrlError');

/**
 * A base URL was refused: plain HTTP in production, credentials inside the URL,
 * or a host that is (or resolves to) a loopback, private, link-local or cloud
 * metadata address. The message names the host and the reason, never a secret.
 */
export class UnsafeUrlError extends OmnisyncError {
  protected readonly [UNSAFE_URL] = true;
  /** The host that was refused (empty when the URL did not parse). */
  readonly host: string;
  /** Why, in words, e.g. `resolves to a private address (10.0.0.0/8)`. */
  readonly reason: string;

  constructor(host: string, reason: string) {
    super('UNSAFE_URL', `Refused the base URL${host ? ` for host "${host}"` : ''}: ${reason}.`, {
      details: { host, reason },
    });
    this.name = 'UnsafeUrlError';
    this.host = host;
    this.reason = reason;
  }

  static override isInstance = markerCheck<UnsafeUrlError>(UNSAFE_URL);
}
