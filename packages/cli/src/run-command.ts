import { LeaseHeldError, OmnisyncError } from '@omnisync/core';
import { EXIT, type ExitCode } from './exit-codes';
import { createReporter, type Reporter } from './output/reporter';

/** Options every command accepts. */
export interface GlobalOptions {
  json?: boolean;
  config?: string;
}

/**
 * Run a command body with a reporter, and turn its outcome into an exit code:
 * typed errors print their (redacted) message and map to a code a cron job can act on.
 */
export async function runCommand(
  options: GlobalOptions,
  body: (reporter: Reporter) => Promise<ExitCode | undefined>,
): Promise<ExitCode> {
  const reporter = createReporter({ json: options.json ?? false });
  let code: ExitCode;
  try {
    code = (await body(reporter)) ?? EXIT.OK;
  } catch (error) {
    code = exitCodeOf(error);
    const message = OmnisyncError.isInstance(error) ? `${error.code}: ${error.message}` : (error as Error)?.message;
    reporter.warn(message ?? String(error));
    if (reporter.json)
      reporter.result({ ok: false, error: OmnisyncError.isInstance(error) ? error.toJSON() : { message } });
  }
  reporter.flush();
  return code;
}

function exitCodeOf(error: unknown): ExitCode {
  if (LeaseHeldError.isInstance(error)) return EXIT.BUSY;
  if (
    OmnisyncError.isInstance(error) &&
    ['INVALID_SETTINGS', 'INVALID_ARGUMENT', 'CONFIG', 'UNKNOWN_CHANNEL'].includes(error.code)
  ) {
    return EXIT.USAGE;
  }
  return EXIT.FAILED;
}
