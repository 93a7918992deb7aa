import { resolvePosConnector } from '../../connector/require-capability';
import type { PosConnectorV1 } from '../../connector/v1/pos-connector-v1';
import { InvalidArgumentError } from '../../errors/errors';
import type { ItemIndex } from '../../matching/item-index';
import { loadItemIndex } from '../../matching/load-item-index';
import type { ChannelOrder } from '../../model/channel-order';
import type { EngineContext } from '../../omnisync/engine-context';
import { parseSettings } from '../../settings/parse-settings';
import { type ExportLocationSettings, ExportSettings } from './export-settings';

/** One configured export location, resolved. */
export interface ExportLocation {
  id: string;
  name: string;
  pos: PosConnectorV1;
  targetId: string;
  settings: ExportLocationSettings;
}

/** The export feature's view of the engine: context, settings and locations. */
export interface ExportRuntime {
  ctx: EngineContext;
  settings: ExportSettings;
  locations: ReadonlyMap<string, ExportLocation>;
  /** The catalog index of the last pre-flight, reused for `catalogCacheMs`. */
  catalog: { index: ItemIndex; loadedAt: number } | null;
}

/** Parse `options.export`; null when the instance has no export configured. */
export function createExportRuntime(ctx: EngineContext): ExportRuntime | null {
  if (!ctx.options.export) return null;
  const settings = parseSettings('export', ExportSettings, ctx.options.export);
  const locations = new Map<string, ExportLocation>();
  for (const [id, location] of Object.entries(settings.locations)) {
    const pos = resolvePosConnector(location.pos);
    locations.set(id, {
      id,
      name: location.name ?? id,
      pos,
      targetId: location.targetId ?? pos.connector,
      settings: location,
    });
  }
  return { ctx, settings, locations, catalog: null };
}

/** The runtime, or a clear error when export is not configured. */
export function requireRuntime(runtime: ExportRuntime | null): ExportRuntime {
  if (!runtime) {
    throw new InvalidArgumentError(
      'Order export is not configured: pass `export: { locations: { ... } }` to createOmnisync (see docs/pos-export.md).',
    );
  }
  return runtime;
}

/** A location by id, or `InvalidArgumentError` naming the known ones. */
export function getLocation(runtime: ExportRuntime, locationId: string): ExportLocation {
  const location = runtime.locations.get(locationId);
  if (!location) {
    throw new InvalidArgumentError(
      `No export location "${locationId}" is configured (known: ${[...runtime.locations.keys()].join(', ') || 'none'}).`,
    );
  }
  return location;
}

/**
 * The location of an order: the one the call names, else `locationOf(order)`,
 * else the location listing the order's channel, else the only location.
 * Null when none can be told.
 */
export function findLocation(
  runtime: ExportRuntime,
  order: ChannelOrder,
  locationId?: string | null,
): ExportLocation | null {
  if (locationId) return getLocation(runtime, locationId);
  const chosen = runtime.settings.locationOf?.(order);
  if (chosen) return getLocation(runtime, chosen);
  const byChannel = [...runtime.locations.values()].filter((l) => l.settings.channels.includes(order.channelId));
  if (byChannel.length === 1) return byChannel[0]!;
  if (runtime.locations.size === 1) return [...runtime.locations.values()][0]!;
  return null;
}

/**
 * The catalog index for pre-flight: reused for `catalogCacheMs` (reading a
 * whole catalog per export costs more than the export), or read afresh.
 */
export async function catalogIndex(rt: ExportRuntime, fresh: boolean, signal?: AbortSignal): Promise<ItemIndex> {
  const now = rt.ctx.now().getTime();
  const cached = rt.catalog;
  if (!fresh && cached && now - cached.loadedAt < rt.settings.catalogCacheMs) return cached.index;
  const index = await loadItemIndex(rt.ctx, signal);
  rt.catalog = { index, loadedAt: now };
  return index;
}
