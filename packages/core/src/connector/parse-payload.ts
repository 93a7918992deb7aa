import type { z } from 'zod';
import { ChannelPayloadError } from '../errors/errors';
import { toSchemaIssues } from '../errors/zod-issues';

/**
 * Parse an inbound payload at the connector edge. A payload that does not
 * parse becomes `ChannelPayloadError` naming the connector, the subject and
 * each failing path; never the values.
 */
export function parsePayload<S extends z.ZodType>(
  connector: string,
  subject: string,
  schema: S,
  payload: unknown,
): z.output<S> {
  const result = schema.safeParse(payload);
  if (!result.success) throw new ChannelPayloadError(connector, subject, toSchemaIssues(result.error));
  return result.data;
}
