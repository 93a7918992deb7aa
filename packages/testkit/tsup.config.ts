import { defineOmnisyncConfig } from '../../tsup.config';

// ESM only: the suites import vitest, which cannot be required from CommonJS.
export default defineOmnisyncConfig({ entry: { index: 'src/index.ts' }, overrides: { format: ['esm'] } });
