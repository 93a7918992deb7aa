import type { z } from 'zod';
import { InvalidSettingsError } from '../errors/errors';
import { toSchemaIssues } from '../errors/zod-issues';

/**
 * Parse settings with their zod schema. On failure, throws
 * `InvalidSettingsError` naming each bad path and what was expected, never the
 * value (a secret may be among them). Secret fields register their values with
 * the redactor as they parse.
 */
export function parseSettings<S extends z.ZodType>(subject: string, schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (!result.success) throw new InvalidSettingsError(subject, toSchemaIssues(result.error));
  return result.data;
}
