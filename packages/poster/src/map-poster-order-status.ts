import type { PosSaleStatus } from '@omnisync/core';

/**
 * Poster incoming order status → sale status: 0 new → `open`, 1 accepted →
 * `accepted`, 7 canceled → `rejected` (declined at the terminal: once
 * accepted, an incoming order becomes a Poster transaction and is no longer
 * cancelled as an incoming order). Unknown codes read as `open`.
 */
export function mapPosterOrderStatus(status: number): PosSaleStatus {
  if (status === 1) return 'accepted';
  if (status === 7) return 'rejected';
  return 'open';
}
