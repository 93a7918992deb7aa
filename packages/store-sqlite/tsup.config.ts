import { defineOmnisyncConfig } from '../../tsup.config';

export default defineOmnisyncConfig({ entry: { index: 'src/index.ts' } });
