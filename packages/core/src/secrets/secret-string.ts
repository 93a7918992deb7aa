import { z } from 'zod';
import { registerSecret } from './redact';

/** Metadata key that marks a settings field as a secret. */
export const SECRET_META = 'omnisync.secret';

/**
 * A string setting that holds a secret (an API key, a token, a consumer secret).
 * Its value is registered with the redactor when it parses, so that it never
 * appears in an error message, a log line, an event or a snapshot.
 */
export function secretString(description: string) {
  return z
    .string()
    .min(1, 'must not be empty')
    .transform((value) => {
      registerSecret(value);
      return value;
    })
    .describe(description)
    .meta({ [SECRET_META]: true });
}
