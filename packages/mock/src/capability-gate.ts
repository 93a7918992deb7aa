import { channelCapabilityMethods, posCapabilityMethods } from '@omnisync/core';

/**
 * Remove the methods of every capability switched off, so that a connector's
 * declared capabilities always match the methods it has.
 */
export function removeDisabledMethods<T extends object>(
  connector: T,
  capabilities: Record<string, boolean>,
  kind: 'channel' | 'pos',
): T {
  const table: Record<string, readonly string[] | undefined> =
    kind === 'channel' ? channelCapabilityMethods : posCapabilityMethods;
  for (const [capability, enabled] of Object.entries(capabilities)) {
    if (enabled) continue;
    for (const method of table[capability] ?? []) delete (connector as Record<string, unknown>)[method];
  }
  return connector;
}
