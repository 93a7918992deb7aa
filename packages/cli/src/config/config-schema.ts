import type { ChannelConnectorV1, PosConnectorV1 } from '@omnisync/core';
import { z } from 'zod';

const isObjectWith = (key: string) => (v: unknown) => typeof v === 'object' && v !== null && key in v;

/** A connector instance given directly (in `omnisync.config.ts`). */
const ChannelInstance = z.custom<ChannelConnectorV1>(
  isObjectWith('specificationVersion'),
  'expected a ChannelConnectorV1',
);
const PosInstance = z.custom<PosConnectorV1>(isObjectWith('specificationVersion'), 'expected a PosConnectorV1');

const RuleSet = z.record(z.string(), z.unknown());

/** A channel account in the config file. */
export const ChannelEntry = z
  .object({
    type: z.enum(['woocommerce', 'mock-http']).describe('Which connector to build from `settings`.'),
    name: z.string().optional(),
    settings: z.record(z.string(), z.unknown()).describe("The connector's settings (validated by the connector)."),
    orders: RuleSet.optional().describe('Import rules (see docs/guides/orders.md).'),
    inventory: RuleSet.optional().describe('Quantity rules (see docs/guides/inventory.md).'),
    scan: RuleSet.optional(),
  })
  .strict();

/** A channel given as a connector instance plus optional rules. */
const ChannelInstanceEntry = z
  .object({
    connector: ChannelInstance,
    name: z.string().optional(),
    orders: RuleSet.optional(),
    inventory: RuleSet.optional(),
    scan: RuleSet.optional(),
  })
  .strict();

/** The POS in the config file: the demo's mock, a module exporting a factory, or an instance. */
export const PosEntry = z.union([
  z
    .object({
      type: z.literal('mock'),
      seed: z.number().int().default(1),
      products: z.number().int().positive().default(200),
    })
    .strict(),
  z
    .object({
      type: z.literal('module'),
      module: z.string().describe('A path or package whose export builds your PosConnectorV1.'),
      export: z.string().default('default'),
      options: z.record(z.string(), z.unknown()).default({}),
    })
    .strict(),
  PosInstance,
]);

/** The `omnisync.config.ts` / `omnisync.config.json` schema. */
export const OmnisyncConfig = z
  .object({
    tenantId: z.string().min(1).default('default'),
    store: z
      .object({
        type: z.enum(['sqlite', 'memory']).default('sqlite'),
        path: z.string().min(1).default('omnisync.sqlite').describe('The SQLite file (relative to the config file).'),
      })
      .strict()
      .default({ type: 'sqlite', path: 'omnisync.sqlite' }),
    pos: PosEntry,
    channels: z.record(
      z.string().regex(/^[a-z0-9][a-z0-9-_]*$/i, 'expected a channel id of letters, digits, - or _'),
      z.union([ChannelEntry, ChannelInstanceEntry]),
    ),
    matching: z
      .object({ caseInsensitive: z.boolean().default(false) })
      .strict()
      .default({ caseInsensitive: false }),
  })
  .strict();

export type OmnisyncConfig = z.output<typeof OmnisyncConfig>;
/** `omnisync.config.ts` as written, before defaults are filled in: what `defineConfig` accepts. */
export type OmnisyncConfigInput = z.input<typeof OmnisyncConfig>;

/** Type your `omnisync.config.ts`: `export default defineConfig({ ... })`. */
export function defineConfig(config: OmnisyncConfigInput): OmnisyncConfigInput {
  return config;
}
