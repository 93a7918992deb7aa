import { randomUUID } from 'node:crypto';
import { type PosSaleStatus, parsePayload } from '@omnisync/core';
import { type HeadersLike, signWebhook, type VerifyWebhookOptions, verifyWebhook } from './standard-webhooks';
import { OrderExportEvent, PAYLOAD_VERSION, type SaleStatusEvent } from './webhook-payloads';

/** A verified export, as the POS side receives it. */
export interface ReceivedOrderExport {
  /** The `webhook-id`: equal to `event.data.idempotencyKey`; store it and answer a repeat with the same sale. */
  id: string;
  timestamp: number;
  event: OrderExportEvent;
}

/**
 * For the POS side: verify an export delivery (signature, timestamp) and parse
 * its body against the published schema. Throws `WebhookSignatureError` for a
 * forged or stale delivery and `ChannelPayloadError` naming the bad field.
 */
export function parseOrderExport(
  headers: HeadersLike,
  rawBody: string | Uint8Array,
  secrets: string | readonly string[],
  options: VerifyWebhookOptions = {},
): ReceivedOrderExport {
  const verified = verifyWebhook(headers, rawBody, secrets, options);
  const event = parsePayload('webhook', 'order export', OrderExportEvent, verified.payload);
  return { id: verified.id, timestamp: verified.timestamp, event };
}

/** What `createStatusCallback` takes. */
export interface StatusCallbackArgs {
  saleId: string;
  /** The idempotency key of the export (its `webhook-id`). */
  idempotencyKey: string;
  status: PosSaleStatus;
  /** The endpoint secret(s), current first. */
  secrets: string | readonly string[];
  /** Unix seconds (default: now). */
  timestamp?: number;
  /** The callback's own message id (default: a random one). Reuse it when you retry the callback. */
  id?: string;
}

/**
 * For the POS side: build the signed status callback (the POS accepted,
 * rejected or completed an exported order) to POST to the platform, which
 * feeds it to `omni.handlePosWebhook(locationId, { headers, rawBody })`.
 */
export function createStatusCallback(args: StatusCallbackArgs): { headers: Record<string, string>; body: string } {
  const timestamp = args.timestamp ?? Math.floor(Date.now() / 1000);
  const event: SaleStatusEvent = {
    type: 'sale.status',
    version: PAYLOAD_VERSION,
    timestamp: new Date(timestamp * 1000).toISOString(),
    data: { saleId: args.saleId, idempotencyKey: args.idempotencyKey, status: args.status },
  };
  const body = JSON.stringify(event);
  const id = args.id ?? `msg_${randomUUID().replaceAll('-', '')}`;
  const headers = signWebhook({ id, timestamp, body, secrets: args.secrets });
  return { headers: { ...headers, 'content-type': 'application/json' }, body };
}
