import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildJsonSchemas, schemaFileText } from './json-schemas';

describe('published JSON Schema files', () => {
  it.each(Object.entries(buildJsonSchemas()))(
    'schema/%s matches the zod schema (regenerate with scripts/generate-schemas.ts)',
    (file, document) => {
      const committed = readFileSync(new URL(`../schema/${file}`, import.meta.url), 'utf8');
      expect(committed).toBe(schemaFileText(document));
    },
  );
});
