import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { InvalidSettingsError, OmnisyncError, toSchemaIssues } from '@omnisync/core';
import { OmnisyncConfig } from './config-schema';

/** The config file names looked for, in order, when `--config` is not given. */
export const CONFIG_FILES = ['omnisync.config.ts', 'omnisync.config.mjs', 'omnisync.config.js', 'omnisync.config.json'];

/** A loaded, validated config and the folder relative paths resolve from. */
export interface LoadedConfig {
  config: OmnisyncConfig;
  path: string;
  dir: string;
}

/** Find the config file: the given path, or the first of `CONFIG_FILES` in `cwd`. */
export function findConfig(cwd: string, given?: string): string {
  if (given) {
    const path = resolve(cwd, given);
    if (!existsSync(path)) throw new OmnisyncError('CONFIG', `Config file not found: ${path}`);
    return path;
  }
  for (const name of CONFIG_FILES) {
    const path = resolve(cwd, name);
    if (existsSync(path)) return path;
  }
  throw new OmnisyncError(
    'CONFIG',
    `No config file found in ${cwd} (looked for ${CONFIG_FILES.join(', ')}). Pass --config <file>.`,
  );
}

/** Read and validate a config file; an invalid one throws `InvalidSettingsError` naming each bad key. */
export async function loadConfig(path: string): Promise<LoadedConfig> {
  const raw = path.endsWith('.json') ? parseJson(path) : await importModule(path);
  const result = OmnisyncConfig.safeParse(raw);
  if (!result.success) throw new InvalidSettingsError(`config file ${path}`, toSchemaIssues(result.error));
  return { config: result.data, path, dir: dirname(path) };
}

function parseJson(path: string): unknown {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new OmnisyncError('CONFIG', `${path} is not valid JSON: ${(error as Error).message}`);
  }
}

async function importModule(path: string): Promise<unknown> {
  const mod = (await import(pathToFileURL(path).href)) as { default?: unknown };
  return mod.default ?? mod;
}
