import { ChannelHttpError, type ChannelOrder, InvalidSettingsError, WebhookSignatureError } from '@omnisync/core';
import { afterEach, describe, expect, it } from 'vitest';
import { startFakeWebhookPos, TEST_SECRET } from './__fixtures__/fake-webhook-pos';
import { createStatusCallback } from './receiver';
import { verifyWebhook } from './standard-webhooks';
import { createWebhookPos } from './webhook-connector';
import { OrderExportEvent } from './webhook-payloads';

const CATALOG = {
  currency: 'UAH',
  items: [
    {
      id: 'P-10',
      sku: 'LATTE',
      name: 'Latte',
      price: '65.00',
      onHand: 7,
      modifiers: [{ id: 'M-1', name: 'Oat milk', price: '15.00' }],
    },
    { id: 'P-20', sku: 'CROISSANT', name: 'Croissant', price: '45.00', onHand: null, modifiers: [] },
  ],
};

const order: ChannelOrder = {
  channelId: 'dots',
  externalId: '1001',
  number: '#1001',
  rawStatus: 'accepted',
  status: 'accepted',
  createdAt: '2026-11-24T10:00:00.000Z',
  updatedAt: '2026-11-24T10:01:00.000Z',
  currency: 'UAH',
  customer: { name: 'Olena', phone: '+380500000000', email: null, addresses: [] },
  lines: [
    {
      lineId: 'l1',
      sku: 'LATTE',
      externalProductId: 'P-10',
      title: 'Latte',
      quantity: 2,
      unitPrice: '65.00',
      discount: '0',
      tax: '0',
      modifiers: [{ externalId: 'M-1', name: 'Oat milk', quantity: 1, unitPrice: '15.00' }],
    },
  ],
  payment: { method: 'card', paid: true },
  delivery: { method: 'pickup', cost: null },
  totals: { subtotal: '145.00', discount: '0', tax: '0', shipping: '0', total: '145.00' },
  note: 'no sugar',
};
const args = { idempotencyKey: 'exp_abc123', itemIds: { l1: 'P-10' }, currency: 'UAH', locationId: 'kyiv-1' };

let pos: Awaited<ReturnType<typeof startFakeWebhookPos>> | undefined;
afterEach(async () => {
  await pos?.close();
  pos = undefined;
});

async function setup(extra: Record<string, unknown> = {}) {
  pos = await startFakeWebhookPos({ catalog: CATALOG });
  const connector = createWebhookPos({
    url: pos.url,
    catalogUrl: pos.catalogUrl,
    secret: TEST_SECRET,
    environment: 'test',
    allowPrivateNetwork: true,
    timeoutMs: 200,
    ...extra,
  });
  return { pos, connector };
}

describe('createWebhookPos: export deliveries', () => {
  it('POSTs the documented body signed in the Standard Webhooks format, webhook-id = idempotency key', async () => {
    const { pos, connector } = await setup();
    const sale = await connector.createSale(order, args);
    expect(sale).toEqual({ id: 'POS-1', idempotencyKey: 'exp_abc123', status: 'open', number: null });
    const [delivery] = pos.deliveries;
    expect(delivery!.headers['webhook-id']).toBe('exp_abc123');
    expect(delivery!.headers['webhook-signature']).toMatch(/^v1,[A-Za-z0-9+/]+=*$/);
    const verified = verifyWebhook(delivery!.headers, delivery!.body, TEST_SECRET);
    const event = OrderExportEvent.parse(verified.payload);
    expect(event.data).toMatchObject({ idempotencyKey: 'exp_abc123', locationId: 'kyiv-1' });
    expect(event.data.order.lines).toEqual([
      {
        lineId: 'l1',
        productId: 'P-10',
        title: 'Latte',
        quantity: 2,
        unitPrice: '65.00',
        discount: '0',
        modifiers: [{ modifierId: 'M-1', name: 'Oat milk', quantity: 1, unitPrice: '15.00' }],
      },
    ]);
  });

  it('retries a 503 and a timeout with the same webhook-id and body, and the POS keeps one order', async () => {
    const { pos, connector } = await setup({ timeoutMs: 150 });
    pos.failNext('503', 'stall');
    const sale = await connector.createSale(order, args);
    expect(sale.id).toBe('POS-1');
    await new Promise((r) => setTimeout(r, 300)); // let the stalled delivery land too
    expect(pos.sales.size).toBe(1);
    const posts = pos.deliveries.filter((d) => d.body.length > 0);
    expect(posts.length).toBeGreaterThanOrEqual(3);
    expect(new Set(posts.map((d) => d.headers['webhook-id']))).toEqual(new Set(['exp_abc123']));
    expect(new Set(posts.map((d) => d.body)).size).toBe(1);
  });

  it('answers a repeated export with the same sale', async () => {
    const { pos, connector } = await setup();
    const first = await connector.createSale(order, args);
    const again = await connector.createSale(order, args);
    expect(again.id).toBe(first.id);
    expect(pos.sales.size).toBe(1);
  });

  it('signs with the previous secret too during a rotation', async () => {
    const next = 'whsec_QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVoxMjM0NTY=';
    const { pos, connector } = await setup({ secret: next, previousSecrets: [TEST_SECRET] });
    await connector.createSale(order, args);
    expect(pos.deliveries[0]!.headers['webhook-signature']!.split(' ')).toHaveLength(2);
    expect(pos.sales.size).toBe(1); // the POS still holds only the old secret
  });

  it('turns a refusal into a typed, non-retryable error carrying the POS code and no secret', async () => {
    const { connector } = await setup();
    const error = await connector
      .createSale({ ...order }, { ...args, itemIds: { l1: 'P-99' } })
      .catch((e: unknown) => e as ChannelHttpError);
    expect(ChannelHttpError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ status: 422, vendorCode: 'unknown_product', retryable: false });
    expect(JSON.stringify(error) + String(error)).not.toContain(TEST_SECRET.slice(6));
  });

  it('reads the catalog (items, modifiers, stock) from catalogUrl', async () => {
    const { connector } = await setup();
    const pages = [];
    for await (const page of connector.listItems()) pages.push(...page.items);
    expect(pages.map((i) => [i.id, i.sku, i.price?.amount])).toEqual([
      ['P-10', 'LATTE', '65.00'],
      ['P-20', 'CROISSANT', '45.00'],
    ]);
    expect(pages[0]!.modifiers[0]).toMatchObject({ id: 'M-1', price: { amount: '15.00', currency: 'UAH' } });
    expect(await connector.getStock({ itemIds: ['P-10', 'P-20'] })).toEqual([
      { itemId: 'P-10', warehouseId: 'default', onHand: 7, reserved: 0 },
    ]);
  });
});

describe('createWebhookPos: status callbacks', () => {
  it('turns a signed sale.status callback into an event, and refuses a forged or stale one', async () => {
    const { connector } = await setup();
    const callback = createStatusCallback({
      saleId: 'POS-1',
      idempotencyKey: 'exp_abc123',
      status: 'accepted',
      secrets: TEST_SECRET,
    });
    const events = await connector.parseWebhook!({ headers: callback.headers, rawBody: callback.body });
    expect(events).toEqual([
      { type: 'sale.status', saleId: 'POS-1', status: 'accepted', deliveryId: callback.headers['webhook-id'] },
    ]);
    const forged = callback.body.replace('accepted', 'rejected');
    await expect(connector.parseWebhook!({ headers: callback.headers, rawBody: forged })).rejects.toThrow(
      WebhookSignatureError,
    );
    const stale = createStatusCallback({
      saleId: 'POS-1',
      idempotencyKey: 'exp_abc123',
      status: 'rejected',
      secrets: TEST_SECRET,
      timestamp: Math.floor(Date.now() / 1000) - 3600,
    });
    await expect(connector.parseWebhook!({ headers: stale.headers, rawBody: stale.body })).rejects.toThrow(
      /older than/,
    );
  });
});

describe('createWebhookPos: settings', () => {
  it('names a bad secret or URL without echoing the secret', () => {
    const secret = 'whsec_short';
    const error = (() => {
      try {
        createWebhookPos({ url: 'https://pos.example/hook', secret });
      } catch (e) {
        return e as InvalidSettingsError;
      }
    })();
    expect(InvalidSettingsError.isInstance(error)).toBe(true);
    expect(error!.message).toMatch(/secret/);
    expect(JSON.stringify(error) + error!.message).not.toContain('whsec_short');
  });

  it('refuses plain HTTP in production', () => {
    expect(() => createWebhookPos({ url: 'http://pos.example/hook', secret: TEST_SECRET })).toThrow(
      /production requires HTTPS/,
    );
  });

  it('says clearly that items need a catalogUrl', async () => {
    const connector = createWebhookPos({ url: 'https://pos.example/hook', secret: TEST_SECRET });
    await expect(connector.getStock({ itemIds: ['x'] })).rejects.toThrow(/catalogUrl/);
  });
});
