import { ChannelPayloadError, type ChannelWebhookEventV1, parsePayload, type WebhookRequestV1 } from '@omnisync/core';
import { convertMockListing } from './convert-mock-listing';
import { convertMockOrder } from './convert-mock-order';
import { RawListing, RawWebhookBody } from './mock-api';
import { verifyMockWebhook } from './webhook-signature';

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new ChannelPayloadError('mock', 'webhook', [{ path: '', message: 'the body is not JSON' }]);
  }
}

/**
 * Verify and parse a mock marketplace webhook delivery into typed events.
 * A forged, unsigned or stale delivery throws `WebhookSignatureError`; a
 * malformed body throws `ChannelPayloadError` naming the field.
 */
export function parseMockWebhook(
  channelId: string,
  secret: string,
  request: WebhookRequestV1,
  nowMs: number,
): ChannelWebhookEventV1[] {
  const rawBody = verifyMockWebhook(secret, request, nowMs);
  const body = parsePayload('mock', 'webhook', RawWebhookBody, parseJson(rawBody));
  const deliveryId = body.delivery_id;
  switch (body.topic) {
    case 'order.created':
    case 'order.updated': {
      const order = convertMockOrder(channelId, body.data);
      return [{ type: 'order', deliveryId, externalId: order.externalId, order }];
    }
    case 'listing.updated':
      return [{ type: 'listing', deliveryId, listing: convertMockListing(channelId, body.data) }];
    case 'listing.deleted': {
      const raw = parsePayload('mock', 'webhook listing', RawListing, body.data);
      return [{ type: 'listing.deleted', deliveryId, listingId: raw.item_id }];
    }
    case 'ping':
      return [{ type: 'ping', deliveryId }];
  }
}
