import { requireCapability } from '../connector/require-capability';
import { InvalidArgumentError } from '../errors/errors';
import type { ChannelRuntime } from '../omnisync/channel-config';
import type { SingleRef } from './scan-single';
import type { ScanOptions, ScanType } from './scan-types';

/** The scan types, in the order a UI offers them. */
export const SCAN_TYPES: readonly ScanType[] = ['full', 'active', 'updated', 'single'];

/** A checked scan request. */
export interface ScanRequest {
  type: ScanType;
  single: SingleRef | null;
}

/**
 * Check what a caller asked for: a known type, and for `single` a SKU or a
 * listing id on a channel that can read one listing (`UnsupportedCapabilityError` otherwise).
 */
export function parseScanRequest(channel: ChannelRuntime, options: ScanOptions): ScanRequest {
  const type = options.type ?? 'full';
  if (!SCAN_TYPES.includes(type)) {
    throw new InvalidArgumentError(`Unknown scan type "${String(type)}" (expected ${SCAN_TYPES.join(', ')}).`);
  }
  const hasRef = Boolean(options.sku) || Boolean(options.listingId);
  if (type !== 'single') {
    if (hasRef)
      throw new InvalidArgumentError(`"sku" and "listingId" apply to single scans only, not to a ${type} scan.`);
    return { type, single: null };
  }
  requireCapability(channel.connector, 'getListing');
  if (options.sku) return { type, single: { sku: options.sku } };
  if (options.listingId)
    return { type, single: { listingId: options.listingId, variantId: options.variantId ?? null } };
  throw new InvalidArgumentError(`A single scan of channel "${channel.id}" needs a "sku" or a "listingId".`);
}

/** Whether a running scan of `running` type already covers a new request (so the request joins it). */
export function covers(running: { type: ScanType; single: SingleRef | null }, request: ScanRequest): boolean {
  switch (running.type) {
    case 'full':
      return true;
    case 'updated':
      return request.type === 'updated' || request.type === 'single';
    case 'active':
      return request.type === 'active';
    default:
      return request.type === 'single' && JSON.stringify(running.single) === JSON.stringify(request.single);
  }
}
