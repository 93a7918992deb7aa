// Lists every symbol a public package entry exports without a TSDoc comment.
// Entries: each `exports` subpath of packages/*/package.json, via its
// `@omnisync/source` condition (so core's `./connector` and `./http` count).
// Usage: node scripts/check-docs.mjs [package-dir ...]; exits 1 when any is missing.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';

const root = new URL('..', import.meta.url).pathname;
const only = process.argv.slice(2);

/** The source files of a package's public subpaths, keyed by import specifier. */
function sourceEntries(pkgDir, pkg) {
  const entries = new Map();
  for (const [subpath, target] of Object.entries(pkg.exports ?? {})) {
    const source = typeof target === 'object' ? target['@omnisync/source'] : null;
    if (source) entries.set(join(pkg.name, subpath), join(pkgDir, source));
  }
  return entries;
}

function compilerOptions() {
  const configPath = join(root, 'tsconfig.json');
  const { config } = ts.readConfigFile(configPath, ts.sys.readFile);
  return ts.parseJsonConfigFileContent(config, ts.sys, root).options;
}

function isInternal(symbol) {
  return symbol.getJsDocTags().some((tag) => tag.name === 'internal');
}

function hasDoc(symbol, checker) {
  return symbol.getDocumentationComment(checker).some((part) => part.text.trim() !== '');
}

function location(symbol) {
  const decl = symbol.declarations?.[0];
  if (!decl) return '?';
  const file = decl.getSourceFile();
  const { line } = file.getLineAndCharacterOfPosition(decl.getStart());
  return `${relative(root, file.fileName)}:${line + 1}`;
}

/** Exported names of one entry that have no TSDoc, as `name (file:line)`. */
function undocumented(program, entryFile) {
  const checker = program.getTypeChecker();
  const source = program.getSourceFile(entryFile);
  const moduleSymbol = source && checker.getSymbolAtLocation(source);
  if (!moduleSymbol) return [`(cannot read ${relative(root, entryFile)})`];
  const missing = [];
  for (const exported of checker.getExportsOfModule(moduleSymbol)) {
    const symbol = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
    if (isInternal(symbol) || hasDoc(symbol, checker) || hasDoc(exported, checker)) continue;
    missing.push(`${exported.getName()} (${location(symbol)})`);
  }
  return missing.sort();
}

const packages = [];
for (const dir of readdirSync(join(root, 'packages'))) {
  if (only.length && !only.includes(dir)) continue;
  const pkgDir = join(root, 'packages', dir);
  const pkg = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8'));
  if (!pkg.private) packages.push({ pkgDir, pkg });
}

const entries = packages.flatMap(({ pkgDir, pkg }) => [...sourceEntries(pkgDir, pkg)]);
const program = ts.createProgram(
  entries.map(([, file]) => file),
  compilerOptions(),
);
let total = 0;
for (const [specifier, file] of entries) {
  const missing = undocumented(program, file);
  total += missing.length;
  if (missing.length === 0) {
    console.log(`✓ ${specifier}`);
    continue;
  }
  console.error(`✗ ${specifier}: ${missing.length} export(s) without TSDoc`);
  for (const line of missing) console.error(`    ${line}`);
}
if (total > 0) {
  console.error(`\n${total} exported declaration(s) lack a TSDoc comment.`);
  process.exit(1);
}
