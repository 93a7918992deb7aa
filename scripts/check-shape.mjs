// Asserts the repository's shape: core imports no connector, store or tool package,
// and every connector package exports one factory from <id>-connector.ts.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const problems = [];
function walk(dir, out = []) {
  for (const f of readdirSync(dir)) {
    const p = join(dir, f);
    if (statSync(p).isDirectory()) walk(p, out);
    else if (p.endsWith('.ts')) out.push(p);
  }
  return out;
}
for (const file of walk(join(root, 'packages/core/src'))) {
  const text = readFileSync(file, 'utf8');
  const m = text.match(/from ['"](@omnisync\/(?!core)[^'"]+)['"]/);
  if (m) problems.push(`${file.slice(root.length)} imports ${m[1]}: core must not depend on other packages`);
}
const CONNECTORS = { woocommerce: 'createWooCommerce', poster: 'createPoster', webhook: 'createWebhookPos' };
for (const [id, factory] of Object.entries(CONNECTORS)) {
  const dir = join(root, 'packages', id, 'src');
  let index;
  try {
    index = readFileSync(join(dir, 'index.ts'), 'utf8');
  } catch {
    continue;
  }
  if (!index.includes(factory)) problems.push(`packages/${id}/src/index.ts does not export ${factory}`);
  if (!index.includes('VERSION')) problems.push(`packages/${id}/src/index.ts does not export VERSION`);
}
if (problems.length) {
  console.error(problems.join('\n'));
  process.exit(1);
}
console.log('shape ok');
