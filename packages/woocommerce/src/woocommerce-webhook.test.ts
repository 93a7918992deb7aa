import { ChannelPayloadError, type Listing, WebhookSignatureError } from '@omnisync/core';
import { describe, expect, it } from 'vitest';
import orderFixture from './__fixtures__/woocommerce-orders-retrieve.json';
import simpleFixture from './__fixtures__/woocommerce-products-retrieve-simple.json';
import { convertWooCommerceProduct } from './convert-woocommerce-listing';
import { convertWooCommerceOrder } from './convert-woocommerce-order';
import {
  parseWooCommerceWebhook,
  signWooCommerceWebhook,
  verifyWooCommerceSignature,
  type WooWebhookConverters,
} from './woocommerce-webhook';

const secret = 'whsec_webhook_test_0001';
const convert: WooWebhookConverters = {
  order: (order) => convertWooCommerceOrder(order, { channelId: 'woo', statusMap: {}, vatNumberMetaKeys: [] }),
  product: async (product): Promise<Listing[]> => [
    convertWooCommerceProduct(product, { channelId: 'woo', currency: 'USD' }),
  ],
};

function delivery(topic: string, payload: unknown, sign = secret) {
  const rawBody = JSON.stringify(payload);
  return {
    rawBody,
    headers: {
      'X-WC-Webhook-Topic': topic,
      'X-WC-Webhook-Signature': signWooCommerceWebhook(rawBody, sign),
      'X-WC-Webhook-Delivery-ID': '9001',
      'X-WC-Webhook-Source': 'https://shop.example.com/',
    },
  };
}

async function refusal(promise: Promise<unknown>): Promise<WebhookSignatureError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  if (!WebhookSignatureError.isInstance(error)) throw new Error(`expected WebhookSignatureError, got ${String(error)}`);
  return error;
}

describe('WooCommerce webhook signatures', () => {
  it('matches the documented base64 HMAC-SHA256 of the raw body', () => {
    // Reference value computed independently: printf '{"id":1}' | openssl dgst -sha256 -hmac secret -binary | base64
    expect(signWooCommerceWebhook('{"id":1}', 'secret')).toBe('A971iWIMgT8Zj9A9eWfikrFj7wQ16/Qwcc4OlRl2PLc=');
  });

  it('accepts the exact bytes and rejects any change', () => {
    const body = Buffer.from('{"id":727}');
    const signature = signWooCommerceWebhook(body, secret);
    expect(verifyWooCommerceSignature(body, signature, secret)).toBe(true);
    expect(verifyWooCommerceSignature('{"id":728}', signature, secret)).toBe(false);
    expect(verifyWooCommerceSignature(body, undefined, secret)).toBe(false);
  });
});

describe('parseWooCommerceWebhook', () => {
  it('turns a signed order.updated delivery into an order event with the converted order', async () => {
    const events = await parseWooCommerceWebhook(delivery('order.updated', orderFixture), secret, convert);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ type: 'order', externalId: '727', deliveryId: '9001' });
    expect(events[0]?.type === 'order' && events[0].order?.status).toBe('paid');
  });

  it('refuses a forged delivery (signed with another secret) without reading its body', async () => {
    const forged = delivery('order.updated', { ...orderFixture, total: '0.01' }, 'attacker-secret');
    const error = await refusal(parseWooCommerceWebhook(forged, secret, convert));
    expect(error.code).toBe('WEBHOOK_SIGNATURE');
    expect(error.message).not.toContain(secret);
  });

  it('refuses a delivery whose body was changed after signing', async () => {
    const signed = delivery('order.updated', orderFixture);
    const tampered = { ...signed, rawBody: signed.rawBody.replace('29.35', '0.01') };
    await refusal(parseWooCommerceWebhook(tampered, secret, convert));
  });

  it('refuses a JSON delivery with no signature header', async () => {
    const { rawBody } = delivery('order.updated', orderFixture);
    await refusal(
      parseWooCommerceWebhook({ rawBody, headers: { 'x-wc-webhook-topic': 'order.updated' } }, secret, convert),
    );
  });

  it('answers the unsigned creation ping with a ping event', async () => {
    const events = await parseWooCommerceWebhook({ rawBody: 'webhook_id=142', headers: {} }, secret, convert);
    expect(events).toEqual([{ type: 'ping', deliveryId: null }]);
  });

  it('maps order.deleted to an order event without the order (the engine re-reads it)', async () => {
    const events = await parseWooCommerceWebhook(delivery('order.deleted', { id: 727 }), secret, convert);
    expect(events).toEqual([{ type: 'order', deliveryId: '9001', externalId: '727', order: null }]);
  });

  it('maps product.updated to listing events and product.deleted to listing.deleted', async () => {
    const updated = await parseWooCommerceWebhook(delivery('product.updated', simpleFixture), secret, convert);
    expect(updated).toMatchObject([{ type: 'listing', listing: { listingId: '794', status: 'live' } }]);
    const deleted = await parseWooCommerceWebhook(delivery('product.deleted', { id: 794 }), secret, convert);
    expect(deleted).toEqual([{ type: 'listing.deleted', deliveryId: '9001', listingId: '794' }]);
  });

  it('accepts but ignores verified topics the engine has no use for', async () => {
    expect(await parseWooCommerceWebhook(delivery('coupon.created', { id: 5 }), secret, convert)).toEqual([]);
  });

  it('reports a signed but malformed body as a payload error, not a crash', async () => {
    const rawBody = '{"id": 727, "status": ';
    const headers = {
      'x-wc-webhook-topic': 'order.updated',
      'x-wc-webhook-signature': signWooCommerceWebhook(rawBody, secret),
    };
    await expect(parseWooCommerceWebhook({ rawBody, headers }, secret, convert)).rejects.toSatisfy(
      ChannelPayloadError.isInstance,
    );
  });
});
