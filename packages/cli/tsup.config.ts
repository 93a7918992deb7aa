import { defineOmnisyncConfig } from '../../tsup.config';

// ESM only: the bin uses top-level await, and `omnisync.config.ts` files import `defineConfig` as ESM.
export default defineOmnisyncConfig({
  entry: { index: 'src/index.ts', bin: 'src/bin.ts' },
  overrides: { format: ['esm'] },
});
