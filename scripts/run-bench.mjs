// Runs every bench/*.ts (or the ones named) on the source, printing their figures.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';

const named = process.argv.slice(2);
const files = readdirSync(new URL('../bench', import.meta.url))
  .filter((f) => f.endsWith('.ts') && !f.startsWith('_'))
  .filter((f) => named.length === 0 || named.some((n) => f.includes(n)))
  .sort();
let failed = 0;
for (const file of files) {
  console.log(`\n=== bench/${file} ===`);
  const tsx = new URL('../node_modules/.bin/tsx', import.meta.url).pathname;
  const r = spawnSync(tsx, ['--conditions=@omnisync/source', `bench/${file}`], { stdio: 'inherit' });
  if (r.status !== 0) failed++;
}
process.exit(failed ? 1 : 0);
