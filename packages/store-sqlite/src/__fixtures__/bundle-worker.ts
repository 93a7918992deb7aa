import { build } from 'esbuild';

/**
 * Bundle a worker script (TypeScript, workspace packages from source) into one
 * ES module, so a test can start it with plain `node` in ~0.1 s instead of
 * ~0.7 s through tsx: the crash test starts a worker two dozen times.
 * (esbuild comes with tsup, a root dev dependency.)
 */
export async function bundleWorker(entry: string, outfile: string): Promise<string> {
  await build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node22',
    conditions: ['@omnisync/source'],
    logLevel: 'error',
    // CommonJS dependencies bundled into an ES module still call require() for Node built-ins.
    banner: { js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);" },
  });
  return outfile;
}
