import { defineOmnisyncConfig } from '../../tsup.config';

// `node:sqlite` exists only with its prefix: tsup must not strip it.
export default defineOmnisyncConfig({ entry: { index: 'src/index.ts' }, overrides: { removeNodeProtocol: false } });
