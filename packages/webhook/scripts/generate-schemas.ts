// Writes packages/webhook/schema/*.json from the zod schemas. Run after changing webhook-payloads.ts:
//   npx tsx --conditions=@omnisync/source packages/webhook/scripts/generate-schemas.ts
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { buildJsonSchemas, schemaFileText } from '../src/json-schemas';

const dir = fileURLToPath(new URL('../schema/', import.meta.url));
for (const [file, document] of Object.entries(buildJsonSchemas())) {
  writeFileSync(`${dir}${file}`, schemaFileText(document));
  console.log(`wrote schema/${file}`);
}
