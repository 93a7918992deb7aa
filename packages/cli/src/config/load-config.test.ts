import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InvalidSettingsError } from '@omnisync/core';
import { describe, expect, it } from 'vitest';
import { loadConfig } from './load-config';

function write(name: string, content: unknown): string {
  const dir = mkdtempSync(join(tmpdir(), 'omnisync-config-'));
  const path = join(dir, name);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
}

const valid = {
  pos: { type: 'mock' },
  channels: { shop: { type: 'mock-http', settings: { baseUrl: 'http://127.0.0.1:4010' } } },
};

describe('loadConfig', () => {
  it('loads a JSON config and fills the defaults (SQLite store in the config folder)', async () => {
    const { config } = await loadConfig(write('omnisync.config.json', valid));
    expect(config.store).toEqual({ type: 'sqlite', path: 'omnisync.sqlite' });
    expect(config.tenantId).toBe('default');
  });

  it('refuses a bad config with the key named', async () => {
    const bad = { ...valid, channels: { shop: { type: 'shopify-x', settings: {} } }, stoer: {} };
    const error = await loadConfig(write('omnisync.config.json', bad)).catch((e: unknown) => e);
    expect(InvalidSettingsError.isInstance(error)).toBe(true);
    const paths = (error as InvalidSettingsError).issues.map((i) => i.path);
    expect(paths).toContain('');
    expect((error as Error).message).toContain('stoer');
    expect((error as Error).message).toMatch(/channels\.shop/);
  });

  it('loads an ES module config', async () => {
    const { config } = await loadConfig(write('omnisync.config.mjs', `export default ${JSON.stringify(valid)};`));
    expect(Object.keys(config.channels)).toEqual(['shop']);
  });
});
