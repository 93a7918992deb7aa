import { defineOmnisyncConfig } from '../../tsup.config';

export default defineOmnisyncConfig({
  entry: { index: 'src/index.ts', msw: 'src/msw/index.ts', serve: 'src/bin/serve.ts' },
});
