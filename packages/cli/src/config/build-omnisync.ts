import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  type ChannelConfig,
  type ChannelConnectorV1,
  createMemoryStore,
  createOmnisync,
  type Omnisync,
  OmnisyncError,
  type PosConnectorV1,
  type SyncStore,
} from '@omnisync/core';
import { createMockHttpConnector, createMockPos } from '@omnisync/mock';
import { createSqliteStore } from '@omnisync/store-sqlite';
import { generateCatalog } from '@omnisync/testkit';
import { createWooCommerce } from '@omnisync/woocommerce';
import type { OmnisyncConfig } from './config-schema';
import type { LoadedConfig } from './load-config';

/** An instance built from a config file, and what to close after. */
export interface BuiltInstance {
  omni: Omnisync;
  store: SyncStore;
  close(): Promise<void>;
}

/** Build the store, the POS, the channel connectors and the instance a config file describes. */
export async function buildOmnisync({ config, dir }: LoadedConfig): Promise<BuiltInstance> {
  const store =
    config.store.type === 'memory'
      ? createMemoryStore()
      : await createSqliteStore({ path: resolve(dir, config.store.path) });
  const pos = await buildPos(config.pos, dir);
  const channels: Record<string, ChannelConfig> = {};
  for (const [id, entry] of Object.entries(config.channels)) {
    if ('connector' in entry) {
      channels[id] = entry;
      continue;
    }
    channels[id] = {
      connector: buildChannel(id, entry.type, entry.settings),
      name: entry.name,
      orders: entry.orders,
      inventory: entry.inventory,
      scan: entry.scan,
    };
  }
  const omni = createOmnisync({ pos, channels, store, tenantId: config.tenantId, matching: config.matching });
  return {
    omni,
    store,
    async close() {
      await omni.close();
      await store.close();
    },
  };
}

function buildChannel(
  id: string,
  type: 'woocommerce' | 'mock-http',
  settings: Record<string, unknown>,
): ChannelConnectorV1 {
  switch (type) {
    case 'woocommerce':
      return createWooCommerce(settings as never);
    case 'mock-http':
      return createMockHttpConnector({ channelId: id, ...settings } as never);
  }
}

async function buildPos(entry: OmnisyncConfig['pos'], dir: string): Promise<PosConnectorV1> {
  if ('specificationVersion' in entry) return entry;
  if (entry.type === 'mock') {
    const { items, stock } = generateCatalog({ seed: entry.seed, products: entry.products });
    return createMockPos({ items, stock });
  }
  const specifier = entry.module.startsWith('.') ? pathToFileURL(resolve(dir, entry.module)).href : entry.module;
  const mod = (await import(specifier)) as Record<string, unknown>;
  const factory = mod[entry.export];
  if (typeof factory !== 'function') {
    throw new OmnisyncError(
      'CONFIG',
      `pos.module "${entry.module}" has no function export "${entry.export}" that builds a PosConnectorV1.`,
    );
  }
  return (await factory(entry.options)) as PosConnectorV1;
}
