import { type BuiltInstance, buildOmnisync } from '../config/build-omnisync';
import { findConfig, loadConfig } from '../config/load-config';
import type { GlobalOptions } from '../run-command';

/** Load the config (`--config` or `omnisync.config.*` in the working directory), build the instance, run, close. */
export async function withInstance<T>(options: GlobalOptions, fn: (instance: BuiltInstance) => Promise<T>): Promise<T> {
  const loaded = await loadConfig(findConfig(process.cwd(), options.config));
  const instance = await buildOmnisync(loaded);
  try {
    return await fn(instance);
  } finally {
    await instance.close();
  }
}

/** The channels a command works on: the ones named, or all. */
export function pickChannels(all: readonly string[], named: string | undefined): string[] {
  return named
    ? named
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean)
    : [...all];
}
