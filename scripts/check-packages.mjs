// Runs publint (strict) and attw (--pack) over every built public package.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const only = process.argv.slice(2);
const root = new URL('..', import.meta.url).pathname;
let failed = 0;
const esmOnly = (pkg) => Object.values(pkg.exports ?? {}).every((e) => typeof e === 'string' || !e.require);
for (const dir of readdirSync(join(root, 'packages'))) {
  const pkgDir = join(root, 'packages', dir);
  const pkg = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8'));
  if (pkg.private || (only.length && !only.includes(dir))) continue;
  for (const [cmd, args] of [
    ['publint', ['--strict']],
    ['attw', ['--pack', '.', '--profile', esmOnly(pkg) ? 'esm-only' : 'node16']],
  ]) {
    try {
      const out = execFileSync(join(root, 'node_modules', '.bin', cmd), args, {
        cwd: pkgDir,
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      console.log(`✓ ${pkg.name} ${cmd}`);
      if (process.env.VERBOSE) console.log(out);
    } catch (error) {
      failed++;
      console.error(`✗ ${pkg.name} ${cmd}\n${error.stdout ?? ''}${error.stderr ?? ''}`);
    }
  }
}
process.exit(failed ? 1 : 0);
