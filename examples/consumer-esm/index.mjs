// Imports every public entry point of the built packages (run after `npm run build`).
import { readdirSync, readFileSync } from 'node:fs';

const root = new URL('../../packages/', import.meta.url);
let count = 0;
for (const dir of readdirSync(root)) {
  const pkg = JSON.parse(readFileSync(new URL(`${dir}/package.json`, root), 'utf8'));
  for (const entry of Object.keys(pkg.exports ?? {})) {
    if (entry === './package.json' || entry.includes('*')) continue; // wildcard subpaths (data files)
    const specifier = entry === '.' ? pkg.name : `${pkg.name}/${entry.slice(2)}`;
    const mod = await import(specifier);
    if (Object.keys(mod).length === 0) throw new Error(`${specifier} exports nothing`);
    if (entry === '.' && typeof mod.VERSION !== 'string') throw new Error(`${specifier} has no VERSION`);
    count++;
  }
}
console.log(`ESM consumer: imported ${count} entry points`);
