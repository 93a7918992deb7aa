// Requires every public entry point of the built packages (run after `npm run build`).
const { readdirSync, readFileSync } = require('node:fs');
const { join } = require('node:path');

const root = join(__dirname, '..', '..', 'packages');
let count = 0;
for (const dir of readdirSync(root)) {
  const pkg = JSON.parse(readFileSync(join(root, dir, 'package.json'), 'utf8'));
  for (const entry of Object.keys(pkg.exports ?? {})) {
    if (entry === './package.json' || entry.includes('*') || !pkg.exports[entry].require) continue; // ESM-only entries (the testkit)
    const specifier = entry === '.' ? pkg.name : `${pkg.name}/${entry.slice(2)}`;
    const mod = require(specifier);
    if (Object.keys(mod).length === 0) throw new Error(`${specifier} exports nothing`);
    if (entry === '.' && typeof mod.VERSION !== 'string') throw new Error(`${specifier} has no VERSION`);
    count++;
  }
}
console.log(`CJS consumer: required ${count} entry points`);
