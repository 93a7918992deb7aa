import type { ScanProgress } from '../events';

/**
 * What a scan reads (seed 000):
 * - `full`: every listing, active and inactive; listings it did not see are marked deleted, but only
 *   when it read every page;
 * - `active`: live listings only;
 * - `updated`: listings changed since the last successful `full` or `updated` scan, minus an overlap
 *   against clock skew (a `full` scan when there was none);
 * - `single`: one listing, by SKU or listing id, where the connector can read one (`getListing`).
 */
export type ScanType = 'full' | 'active' | 'updated' | 'single';

/** How a scan ended. */
export type ScanOutcome = 'ok' | 'failed' | 'cancelled';

/** What to scan and how to follow it. */
export interface ScanOptions {
  /** Default `full`. */
  type?: ScanType;
  /** `single` scans: the SKU to read (or give `listingId`). */
  sku?: string;
  /** `single` scans: the listing id to read (with `variantId` for one variant). */
  listingId?: string;
  variantId?: string | null;
  /** Cancels the scan (as `job.cancel()` does). */
  signal?: AbortSignal;
  /** Called after every page (also emitted as `progress` on the job and `scan:progress` on the instance). */
  onProgress?: (progress: ScanProgress) => void;
}

/** What a scan counted. */
export interface ScanCounts {
  /** Pages read from the channel. */
  pages: number;
  /** Listings the channel returned (a listing repeated across pages counts twice). */
  listingsSeen: number;
  /** Listings written to the snapshot. */
  listingsWritten: number;
  /** Listings left out: unchanged since `updated`'s cutoff, or malformed (see `malformed`). */
  skipped: number;
  /** Listings the channel sent that were not valid listings (no id, unknown status...). */
  malformed: number;
  /** Listings marked deleted in the snapshot (full scans only). */
  deletedMarked: number;
}

/**
 * Why a full scan did or did not mark unseen listings deleted:
 * `marked` (it did, possibly 0), `verified` (unseen listings were each checked with `getListing` first),
 * `catalog-moved` (the catalog shifted under offset pagination and the listings could not be checked,
 * so nothing was marked), `malformed` (a listing could not be read, so it could not be told apart
 * from a deleted one), `not-full` (not a full scan).
 */
export type DeletionSweep = 'marked' | 'verified' | 'catalog-moved' | 'malformed' | 'not-full';

/** The record of one scan run, kept per channel in the store. */
export interface ScanRecord {
  scanId: string;
  channelId: string;
  /** The type that ran (an `updated` scan with no earlier scan runs as `full`). */
  type: ScanType;
  /** The type that was asked for. */
  requestedType: ScanType;
  outcome: ScanOutcome;
  startedAt: string;
  finishedAt: string;
  durationMs: number;
  counts: ScanCounts;
  /** The channel's count of listings in scope, when it reports one. */
  total: number | null;
  /** `updated` scans: the cutoff used (last successful scan start minus the overlap). */
  since: string | null;
  sweep: DeletionSweep;
  /** `single` scans: false when the channel has no such listing. */
  found?: boolean;
  /** Set when the scan failed or was cancelled. Never carries a secret. */
  error: { code: string; message: string } | null;
  /** The worker (instance) that ran it. */
  workerId: string;
}

/** A completed scan, as `omni.scan()` and `job.done` resolve. */
export interface ScanReport extends ScanRecord {
  outcome: 'ok';
  /** True when this call joined a scan that was already running in this instance. */
  joined: boolean;
}

/** A channel's scan history as the store keeps it. */
export interface LastScan {
  channelId: string;
  /** The latest scan, whatever its outcome. */
  last: ScanRecord;
  /** The latest successful scan of any type. */
  lastSuccessful: ScanRecord | null;
  /** Where the next `updated` scan starts from (null: it will run as `full`). */
  updatedCursor: string | null;
}
