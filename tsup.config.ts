import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { defineConfig, type Options } from 'tsup';

/** What a package passes to the shared preset: its entry points, and optional extras. */
export interface OmnisyncBuildOptions {
  entry: Record<string, string>;
  /** Extra options merged over the preset (e.g. `banner` for a CLI bin). */
  overrides?: Partial<Options>;
}

/**
 * The one build preset every `@omnisync/*` package uses: ESM + CJS, `.d.ts` and
 * `.d.cts`, source maps, target node22, and `__PACKAGE_VERSION__` from the
 * package's own `package.json`.
 */
export function defineOmnisyncConfig({ entry, overrides = {} }: OmnisyncBuildOptions) {
  const pkg = JSON.parse(readFileSync(join(process.cwd(), 'package.json'), 'utf8')) as { version: string };
  return defineConfig({
    entry,
    format: ['esm', 'cjs'],
    dts: true,
    sourcemap: true,
    clean: true,
    target: 'node22',
    platform: 'node',
    // Keep `node:` prefixes: `node:sqlite` (and `node:test`) exist only with it, and node22 has them all.
    removeNodeProtocol: false,
    splitting: false,
    treeshake: true,
    define: { __PACKAGE_VERSION__: JSON.stringify(pkg.version) },
    ...overrides,
  });
}
