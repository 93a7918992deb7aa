import {
  type ChannelOrder,
  ChannelPayloadError,
  type ChannelWebhookEventV1,
  type Listing,
  parsePayload,
  type WebhookRequestV1,
  WebhookSignatureError,
} from '@omnisync/core';
import { hmacSha256Base64, timingSafeEqualString } from '@omnisync/core/http';
import { z } from 'zod';
import { WooOrder, WooProduct } from './woocommerce-api';

/** The delivery headers WooCommerce adds (https://woocommerce.github.io/woocommerce-rest-api-docs/#delivery-payload). */
export const WOOCOMMERCE_WEBHOOK_HEADERS = {
  signature: 'x-wc-webhook-signature',
  topic: 'x-wc-webhook-topic',
  resource: 'x-wc-webhook-resource',
  event: 'x-wc-webhook-event',
  id: 'x-wc-webhook-id',
  deliveryId: 'x-wc-webhook-delivery-id',
  source: 'x-wc-webhook-source',
} as const;

/** The topics the connector turns into events; other verified topics (coupon.*, customer.*, action.*) yield none. */
export const WOOCOMMERCE_WEBHOOK_TOPICS = [
  'order.created',
  'order.updated',
  'order.deleted',
  'product.created',
  'product.updated',
  'product.deleted',
] as const;

/** The body of the ping WooCommerce posts (form-encoded, unsigned) when a webhook is saved. */
const PING_BODY = /^webhook_id=\d+$/;

/** `base64(HMAC-SHA256(rawBody, secret))`: the value of `X-WC-Webhook-Signature`. */
export function signWooCommerceWebhook(rawBody: string | Uint8Array, secret: string): string {
  return hmacSha256Base64(secret, rawBody);
}

/** Compare a delivery's signature with the expected one in constant time. */
export function verifyWooCommerceSignature(
  rawBody: string | Uint8Array,
  signature: string | undefined,
  secret: string,
): boolean {
  if (!signature) return false;
  return timingSafeEqualString(signature.trim(), signWooCommerceWebhook(rawBody, secret));
}

/** How verified payloads become canonical records (the connector supplies these). */
export interface WooWebhookConverters {
  order(order: WooOrder): ChannelOrder;
  /** A product or variation payload; async because a variable parent's variations are read from the store. */
  product(product: WooProduct): Promise<Listing[]>;
}

/**
 * Verify a WooCommerce delivery and turn it into events.
 *
 * - The creation ping (`webhook_id=N`, unsigned, carrying no data) yields a `ping`.
 * - Anything else must carry a valid `X-WC-Webhook-Signature` or it is refused
 *   with `WebhookSignatureError` before its body is read.
 * - `order.created|updated` carry the full order; `order.deleted` only its id
 *   (an `order` event without the order, for the engine to re-read).
 * - `product.*` carry the product (or variation); `product.deleted` only its id.
 */
export async function parseWooCommerceWebhook(
  request: WebhookRequestV1,
  secret: string,
  convert: WooWebhookConverters,
): Promise<ChannelWebhookEventV1[]> {
  const header = headerReader(request.headers);
  const text = typeof request.rawBody === 'string' ? request.rawBody : Buffer.from(request.rawBody).toString('utf8');
  const deliveryId = header(WOOCOMMERCE_WEBHOOK_HEADERS.deliveryId) ?? null;
  const signature = header(WOOCOMMERCE_WEBHOOK_HEADERS.signature);
  if (!signature && PING_BODY.test(text.trim())) return [{ type: 'ping', deliveryId }];
  if (!signature) throw new WebhookSignatureError('WooCommerce', 'the X-WC-Webhook-Signature header is missing');
  if (!verifyWooCommerceSignature(request.rawBody, signature, secret)) {
    throw new WebhookSignatureError(
      'WooCommerce',
      'the signature does not match the body (check settings.webhookSecret)',
    );
  }
  const topic = header(WOOCOMMERCE_WEBHOOK_HEADERS.topic) ?? '';
  const body = parseJson(text);
  return eventsFor(topic, body, deliveryId, convert);
}

const DeletedBody = z.looseObject({ id: z.union([z.number().int(), z.string().min(1)]) });

async function eventsFor(
  topic: string,
  body: unknown,
  deliveryId: string | null,
  convert: WooWebhookConverters,
): Promise<ChannelWebhookEventV1[]> {
  switch (topic) {
    case 'order.created':
    case 'order.updated': {
      const order = convert.order(parsePayload('woocommerce', 'order webhook', WooOrder, body));
      return [{ type: 'order', deliveryId, externalId: order.externalId, order }];
    }
    case 'order.deleted': {
      const { id } = parsePayload('woocommerce', 'order webhook', DeletedBody, body);
      return [{ type: 'order', deliveryId, externalId: String(id), order: null }];
    }
    case 'product.created':
    case 'product.updated': {
      const listings = await convert.product(parsePayload('woocommerce', 'product webhook', WooProduct, body));
      return listings.map((listing) => ({ type: 'listing', deliveryId, listing }));
    }
    case 'product.deleted': {
      const { id } = parsePayload('woocommerce', 'product webhook', DeletedBody, body);
      return [{ type: 'listing.deleted', deliveryId, listingId: String(id) }];
    }
    default:
      return [];
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new ChannelPayloadError('woocommerce', 'webhook body', [{ path: '', message: 'expected a JSON body' }]);
  }
}

function headerReader(headers: WebhookRequestV1['headers']): (name: string) => string | undefined {
  const lower = new Map(Object.entries(headers).map(([key, value]) => [key.toLowerCase(), value]));
  return (name) => lower.get(name) ?? undefined;
}
