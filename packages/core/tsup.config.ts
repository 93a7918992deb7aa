import { defineOmnisyncConfig } from '../../tsup.config';

export default defineOmnisyncConfig({
  entry: { index: 'src/index.ts', connector: 'src/connector/index.ts', http: 'src/http/index.ts' },
});
