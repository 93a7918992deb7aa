import { EventEmitter } from 'eventemitter3';
import type { OrderStatus } from './model/order-status';

/** A problem a person must see (also kept in the action log). */
export interface Notice {
  /** A stable kind, e.g. `unknown-sku`, `oversold`, `webhook-disabled`, `unmapped-method`. */
  kind: string;
  channelId: string | null;
  message: string;
  /** What it is about, e.g. `{ type: 'order', id: '1042' }`. */
  subject?: { type: string; id: string } | null;
  details?: Record<string, unknown>;
  at: string;
}

/** Progress of a running scan. */
export interface ScanProgress {
  scanId: string;
  channelId: string;
  type: string;
  pages: number;
  listingsSeen: number;
  /** The channel's total, when it reports one. */
  total: number | null;
}

/**
 * The typed events of an omnisync instance. Every payload is redacted: no
 * event carries a secret. Feature modules add their events here.
 */
export interface OmnisyncEvents {
  'scan:started': (e: { scanId: string; channelId: string; type: string }) => void;
  'scan:progress': (e: ScanProgress) => void;
  'scan:done': (e: { scanId: string; channelId: string; type: string; summary: Record<string, unknown> }) => void;
  'scan:failed': (e: {
    scanId: string;
    channelId: string;
    type: string;
    error: { code: string; message: string };
  }) => void;
  'order:imported': (e: { channelId: string; externalId: string; saleId: string }) => void;
  'order:status': (e: { channelId: string; externalId: string; from: OrderStatus | null; to: OrderStatus }) => void;
  'order:failed': (e: { channelId: string; externalId: string; error: { code: string; message: string } }) => void;
  'stock:pushed': (e: { channelId: string; updates: number; failed: number }) => void;
  'order:exported': (e: { channelId: string; externalId: string; locationId: string; saleId: string }) => void;
  'order:export-failed': (e: {
    channelId: string;
    externalId: string;
    locationId: string;
    attempt: number;
    retryAt: string | null;
    error: { code: string; message: string };
  }) => void;
  'http:retry': (e: {
    connector: string;
    method: string;
    path: string;
    status: number | null;
    attempt: number;
    delayMs: number;
  }) => void;
  notice: (notice: Notice) => void;
}

/** The event emitter of an omnisync instance. */
export class OmnisyncEmitter extends EventEmitter<OmnisyncEvents> {}
