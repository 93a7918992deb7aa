import { z } from 'zod';
import { PUBLISHED_SCHEMAS } from './webhook-payloads';

/** The JSON Schema documents of the published bodies, by file name (what `schema/` holds). */
export function buildJsonSchemas(): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [file, schema] of Object.entries(PUBLISHED_SCHEMAS)) {
    out[file] = {
      $id: `https://github.com/omnisync/omnisync/blob/main/packages/webhook/schema/${file}`,
      ...z.toJSONSchema(schema, { io: 'input', target: 'draft-2020-12' }),
    };
  }
  return out;
}

/** The text of one schema file: stable key order, two-space indent, trailing newline. */
export function schemaFileText(document: unknown): string {
  return `${JSON.stringify(document, null, 2)}\n`;
}
