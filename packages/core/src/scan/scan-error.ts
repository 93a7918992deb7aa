import { markerCheck, OmnisyncError } from '../errors/omnisync-error';

const SCAN_FAILED = Symbol.for('omnisync.error.ScanFailedError');

/**
 * A scan did not complete. `cause` holds what stopped it (a `ChannelHttpError`,
 * a `ChannelPayloadError`, a lost lease...); `retryable` follows the cause.
 * Nothing was marked deleted and the `updated` cursor did not move.
 */
export class ScanFailedError extends OmnisyncError {
  protected readonly [SCAN_FAILED] = true;
  readonly channelId: string;
  readonly scanId: string;
  constructor(args: { channelId: string; scanId: string; type: string; pages: number; cause: unknown }) {
    const cause = args.cause;
    const reason = cause instanceof Error ? cause.message : String(cause);
    super(
      'SCAN_FAILED',
      `The ${args.type} scan of channel "${args.channelId}" failed after ${args.pages} page(s): ${reason}`,
      {
        cause,
        retryable: OmnisyncError.isInstance(cause) ? cause.retryable : true,
        details: {
          channelId: args.channelId,
          scanId: args.scanId,
          type: args.type,
          pages: args.pages,
          ...(OmnisyncError.isInstance(cause) ? { causeCode: cause.code } : {}),
        },
      },
    );
    this.name = 'ScanFailedError';
    this.channelId = args.channelId;
    this.scanId = args.scanId;
  }
  static override isInstance = markerCheck<ScanFailedError>(SCAN_FAILED);
}
