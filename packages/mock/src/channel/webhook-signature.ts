import { createHmac, timingSafeEqual } from 'node:crypto';
import { WebhookSignatureError } from '@omnisync/core';

/** Header names of a mock marketplace webhook delivery (lower case). */
export const WEBHOOK_HEADERS = {
  deliveryId: 'x-mock-delivery-id',
  topic: 'x-mock-topic',
  timestamp: 'x-mock-timestamp',
  signature: 'x-mock-signature',
} as const;

/** How far a delivery's timestamp may be from the receiver's clock. */
export const WEBHOOK_TOLERANCE_SECONDS = 300;

/**
 * The mock signature: base64 HMAC-SHA256, under the webhook secret, of
 * `<timestamp>.<raw body>` (the timestamp is Unix seconds, as sent in `X-Mock-Timestamp`).
 */
export function signMockWebhook(secret: string, timestamp: number, rawBody: string): string {
  return createHmac('sha256', secret).update(`${timestamp}.${rawBody}`).digest('base64');
}

function header(headers: Record<string, string | undefined>, name: string): string | undefined {
  const direct = headers[name];
  if (direct !== undefined) return direct;
  const found = Object.keys(headers).find((k) => k.toLowerCase() === name);
  return found === undefined ? undefined : headers[found];
}

/**
 * Verify a mock webhook delivery: the signature (compared in constant time)
 * and the timestamp's freshness. Throws `WebhookSignatureError` naming what is
 * wrong, never the secret or the expected signature.
 */
export function verifyMockWebhook(
  secret: string,
  request: { headers: Record<string, string | undefined>; rawBody: string | Uint8Array },
  nowMs: number,
): string {
  const rawBody = typeof request.rawBody === 'string' ? request.rawBody : Buffer.from(request.rawBody).toString('utf8');
  const signature = header(request.headers, WEBHOOK_HEADERS.signature);
  const timestamp = header(request.headers, WEBHOOK_HEADERS.timestamp);
  if (!signature) throw new WebhookSignatureError('mock', 'the X-Mock-Signature header is missing');
  if (!timestamp || !/^\d+$/.test(timestamp)) {
    throw new WebhookSignatureError('mock', 'the X-Mock-Timestamp header is missing or not Unix seconds');
  }
  const expected = Buffer.from(signMockWebhook(secret, Number(timestamp), rawBody));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) {
    throw new WebhookSignatureError('mock', 'the signature does not match the body');
  }
  if (Math.abs(nowMs / 1000 - Number(timestamp)) > WEBHOOK_TOLERANCE_SECONDS) {
    throw new WebhookSignatureError('mock', `the timestamp is more than ${WEBHOOK_TOLERANCE_SECONDS} s from now`);
  }
  return rawBody;
}
