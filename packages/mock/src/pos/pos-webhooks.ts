import {
  ChannelPayloadError,
  type PosSaleStatus,
  type PosWebhookEventV1,
  parsePayload,
  type WebhookRequestV1,
} from '@omnisync/core';
import { z } from 'zod';
import { signMockWebhook, verifyMockWebhook, WEBHOOK_HEADERS } from '../channel/webhook-signature';

const SaleStatusBody = z.looseObject({
  delivery_id: z.string().min(1),
  topic: z.literal('sale.status'),
  data: z.looseObject({
    sale_id: z.string().min(1),
    status: z.enum(['open', 'accepted', 'paid', 'completed', 'cancelled', 'reversed', 'rejected']),
  }),
});

/** A signed POS webhook delivery (`sale.status`), shaped for `pos.parseWebhook`. */
export interface MockPosWebhookDelivery {
  deliveryId: string;
  headers: Record<string, string>;
  rawBody: string;
}

/** Sign a `sale.status` delivery with the POS webhook secret. */
export function signSaleStatus(
  secret: string,
  deliveryId: string,
  saleId: string,
  status: PosSaleStatus,
  nowMs: number,
): MockPosWebhookDelivery {
  const rawBody = JSON.stringify({ delivery_id: deliveryId, topic: 'sale.status', data: { sale_id: saleId, status } });
  const timestamp = Math.floor(nowMs / 1000);
  return {
    deliveryId,
    rawBody,
    headers: {
      'content-type': 'application/json',
      [WEBHOOK_HEADERS.deliveryId]: deliveryId,
      [WEBHOOK_HEADERS.topic]: 'sale.status',
      [WEBHOOK_HEADERS.timestamp]: String(timestamp),
      [WEBHOOK_HEADERS.signature]: signMockWebhook(secret, timestamp, rawBody),
    },
  };
}

/** Verify and parse a mock POS webhook delivery; forged ones throw `WebhookSignatureError`. */
export function parsePosWebhook(secret: string, request: WebhookRequestV1, nowMs: number): PosWebhookEventV1[] {
  const rawBody = verifyMockWebhook(secret, request, nowMs);
  let json: unknown;
  try {
    json = JSON.parse(rawBody);
  } catch {
    throw new ChannelPayloadError('mock POS', 'webhook', [{ path: '', message: 'the body is not JSON' }]);
  }
  const body = parsePayload('mock POS', 'webhook', SaleStatusBody, json);
  return [{ type: 'sale.status', saleId: body.data.sale_id, status: body.data.status, deliveryId: body.delivery_id }];
}
