import { createHash } from 'node:crypto';
import { type ChannelHttpError, type ChannelOrder, InvalidSettingsError, WebhookSignatureError } from '@omnisync/core';
import { HttpResponse, http } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import spots from './__fixtures__/poster-access.getSpots-documented.json';
import { createPosterBackend, POSTER_API, POSTER_APP_SECRET, POSTER_TOKEN } from './__fixtures__/poster-backend';
import products from './__fixtures__/poster-menu.getProducts-documented.json';
import leftovers from './__fixtures__/poster-storage.getStorageLeftovers-documented.json';
import { createPoster } from './poster-connector';

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledFrame: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

function setup(extra: Record<string, unknown> = {}) {
  const backend = createPosterBackend({
    products: products.response,
    leftovers: leftovers.response,
    spots: spots.response,
  });
  server.use(...backend.handlers);
  const poster = createPoster({
    token: POSTER_TOKEN,
    currency: 'UAH',
    spotId: '1',
    spots: { 'kyiv-1': '2' },
    applicationSecret: POSTER_APP_SECRET,
    ...extra,
  });
  return { backend, poster };
}

// Borjomi (139) has product modification 147; "Set menu" (30) is a dish with modifier groups.
const order: ChannelOrder = {
  channelId: 'dots',
  externalId: '1001',
  number: '#1001',
  rawStatus: 'accepted',
  status: 'accepted',
  createdAt: '2026-11-24T10:00:00.000Z',
  updatedAt: '2026-11-24T10:01:00.000Z',
  currency: 'UAH',
  customer: { name: 'Olena', phone: '+380680000000', email: 'olena@example.com', addresses: [] },
  lines: [
    {
      lineId: 'l1',
      sku: null,
      externalProductId: '139:147',
      title: 'Borjomi',
      quantity: 2,
      unitPrice: '681.00',
      discount: '0',
      tax: '0',
      modifiers: [],
    },
    {
      lineId: 'l2',
      sku: null,
      externalProductId: '30',
      title: 'Set menu',
      quantity: 1,
      unitPrice: '300.00',
      discount: '0',
      tax: '0',
      modifiers: [
        { externalId: '142', name: 'Cola', quantity: 1, unitPrice: '99.99' },
        { externalId: '144', name: 'French fries', quantity: 2, unitPrice: '99.99' },
      ],
    },
  ],
  payment: { method: 'card', paid: true },
  delivery: { method: 'pickup', cost: null },
  totals: { subtotal: '1961.97', discount: '0', tax: '0', shipping: '0', total: '1961.97' },
  note: 'Ring the bell',
};
const args = {
  idempotencyKey: 'exp_key1',
  itemIds: { l1: '139:147', l2: '30' },
  currency: 'UAH',
  locationId: 'kyiv-1',
};

describe('createPoster: menu and stock', () => {
  it('reads documented products: modifications as items, modifier groups as modifiers, kopecks as money', async () => {
    const { poster } = setup();
    const items = [];
    for await (const page of poster.listItems()) items.push(...page.items);
    expect(items.map((i) => [i.id, i.name, i.price?.amount])).toEqual([
      ['139:147', 'Borjomi Сок яблочный для кальяна', '681.00'],
      ['138', 'Evian', '190.00'],
      ['30', 'Set menu', '300.00'],
    ]);
    expect(items[0]!.parentId).toBe('139');
    expect(items[2]!.modifiers.map((m) => [m.id, m.groupId, m.price?.amount])).toEqual([
      ['142', '29', '99.99'],
      ['143', '29', '99.99'],
      ['147', '29', '99.99'],
      ['144', '30', '99.99'],
      ['145', '30', '99.99'],
    ]);
  });

  it('reads stock from leftovers through the ingredient of each product', async () => {
    const { poster, backend } = setup();
    // Evian is ingredient 8 in the documented menu; the documented leftovers hold 39, 11 and 76.
    backend.incomingOrders.length = 0;
    const levels = await poster.getStock({ itemIds: ['138', '30'] });
    expect(levels).toEqual([{ itemId: '138', warehouseId: 'all', onHand: 0, reserved: 0 }]);
  });

  it('lists the documented spots', async () => {
    const { poster } = setup();
    expect(await poster.listSpots()).toEqual([
      { id: '1', name: 'Spot in Madrid', address: 'Rome, Madrid', storageIds: ['1'] },
      { id: '2', name: 'Spot in Milan', address: 'Rome, Milan', storageIds: ['2'] },
    ]);
  });
});

describe('createPoster: incoming orders', () => {
  it('creates an incoming order with the documented fields: spot, products, modifications, kopecks, prepayment', async () => {
    const { poster, backend } = setup();
    const sale = await poster.createSale(order, args);
    expect(sale).toEqual({ id: '1', idempotencyKey: 'exp_key1', status: 'open', number: '1' });
    const post = backend.calls.find((c) => c.method === 'POST')!;
    expect(post.name).toBe('incomingOrders.createIncomingOrder');
    expect(post.body).toMatchInlineSnapshot(`
      {
        "comment": "Ring the bell [omnisync:exp_key1]",
        "email": "olena@example.com",
        "first_name": "Olena",
        "payment": {
          "currency": "UAH",
          "sum": 196197,
          "type": 1,
        },
        "phone": "+380680000000",
        "products": [
          {
            "count": 2,
            "modificator_id": 147,
            "price": 68100,
            "product_id": 139,
          },
          {
            "count": 1,
            "modification": "[{"m":142,"a":1},{"m":144,"a":2}]",
            "price": 30000,
            "product_id": 30,
          },
        ],
        "spot_id": 2,
      }
    `);
  });

  it('creates one incoming order per idempotency key, even when the answer to the create was lost', async () => {
    const { poster, backend } = setup();
    backend.failNext('incomingOrders.createIncomingOrder', 'lost-answer');
    const error = await poster.createSale(order, args).catch((e: unknown) => e as ChannelHttpError);
    expect(error).toMatchObject({ code: 'CHANNEL_UNAVAILABLE', retryable: true });
    expect(backend.calls.filter((c) => c.method === 'POST')).toHaveLength(1); // a create is never retried blindly
    const again = await poster.createSale(order, args);
    expect(again.id).toBe('1');
    expect(backend.incomingOrders).toHaveLength(1);
    expect((await poster.getSale!({ idempotencyKey: 'exp_key1' }))?.id).toBe('1');
  });

  it('reads the status back: new, accepted, cancelled (rejected at the terminal)', async () => {
    const { poster, backend } = setup();
    await poster.createSale(order, args);
    expect((await poster.getSale!({ saleId: '1' }))?.status).toBe('open');
    backend.setStatus(1, 1);
    expect((await poster.getSale!({ saleId: '1' }))?.status).toBe('accepted');
    backend.setStatus(1, 7);
    expect((await poster.getSale!({ saleId: '1' }))?.status).toBe('rejected');
    expect(await poster.getSale!({ saleId: '99' })).toBeNull();
  });

  it('maps documented error codes to typed errors, with no token anywhere', async () => {
    const { poster, backend } = setup();
    const wrong = createPoster({ token: '687409:0000000000000000000000000000dead', currency: 'UAH', spotId: '1' });
    const auth = (await wrong.getSale!({ saleId: '1' }).catch((e: unknown) => e)) as ChannelHttpError;
    expect(auth).toMatchObject({ code: 'CHANNEL_AUTH', vendorCode: '11', retryable: false });
    expect(JSON.stringify(auth) + auth.message + auth.stack).not.toContain('0000000000000000000000000000dead');
    backend.failNext('incomingOrders.createIncomingOrder', 'rate-restriction');
    const limited = await poster
      .createSale(order, { ...args, idempotencyKey: 'exp_key2' })
      .catch((e: unknown) => e as ChannelHttpError);
    expect(limited).toMatchObject({ code: 'CHANNEL_RATE_LIMITED', vendorCode: '700', retryable: true });
  });

  it('keeps the token out of a network failure, its cause and its stack', async () => {
    const { poster } = setup();
    server.use(http.get(`${POSTER_API}/access.getSpots`, () => HttpResponse.error()));
    const error = (await poster.listSpots().catch((e: unknown) => e)) as ChannelHttpError;
    expect(error).toMatchObject({ code: 'CHANNEL_UNAVAILABLE', status: null, retryable: true });
    const text = [JSON.stringify(error), error.message, error.stack, String((error.cause as Error)?.stack)].join('\n');
    expect(text).not.toContain(POSTER_TOKEN);
    expect(text).not.toContain(POSTER_TOKEN.split(':')[1]);
  });

  it('refuses a location Poster does not know (60) and a product it does not know (41) without retrying', async () => {
    const { poster } = setup({ spots: { 'kyiv-1': '9' } });
    const location = await poster.createSale(order, args).catch((e: unknown) => e as ChannelHttpError);
    expect(location).toMatchObject({ code: 'CHANNEL_HTTP', vendorCode: '60', retryable: false });
    const product = await poster
      .createSale(order, { ...args, locationId: null, itemIds: { l1: '999', l2: '30' } })
      .catch((e: unknown) => e as ChannelHttpError);
    expect(product).toMatchObject({ vendorCode: '41', retryable: false });
  });

  it('retries a rate-restricted read and succeeds', async () => {
    const { poster, backend } = setup();
    backend.failNext('access.getSpots', 'rate-restriction');
    expect(await poster.listSpots()).toHaveLength(2);
    expect(backend.calls.filter((c) => c.name === 'access.getSpots')).toHaveLength(2);
  });
});

describe('createPoster: webhooks', () => {
  function signed(body: Record<string, unknown>, secret = POSTER_APP_SECRET) {
    // The documentation's PHP: md5(implode(';', [account, object, object_id, action, (data), time, secret]))
    const parts = [body.account, body.object, body.object_id, body.action];
    if (body.data !== undefined) parts.push(body.data);
    parts.push(body.time, secret);
    return { ...body, verify: createHash('md5').update(parts.join(';')).digest('hex') };
  }

  it('verifies an incoming_order webhook as the documentation computes verify, and reads the new status', async () => {
    const { poster, backend } = setup();
    await poster.createSale(order, args);
    backend.setStatus(1, 1);
    const body = signed({
      account: 'api-demo',
      account_number: '203941',
      object: 'incoming_order',
      object_id: 1,
      action: 'changed',
      time: '1518794257',
    });
    const events = await poster.parseWebhook!({ headers: {}, rawBody: JSON.stringify(body) });
    expect(events).toEqual([
      { type: 'sale.status', saleId: '1', status: 'accepted', deliveryId: 'api-demo:1:1518794257' },
    ]);
  });

  it('includes data in verify when present, and refuses a forged or wrongly signed delivery', async () => {
    const { poster } = setup();
    const withData = signed({
      account: 'a',
      object: 'stock',
      object_id: 5,
      action: 'changed',
      time: '1',
      data: '{"type":2}',
    });
    expect(await poster.parseWebhook!({ headers: {}, rawBody: JSON.stringify(withData) })).toEqual([]);
    const forged = { ...withData, object_id: 6 };
    await expect(poster.parseWebhook!({ headers: {}, rawBody: JSON.stringify(forged) })).rejects.toThrow(
      WebhookSignatureError,
    );
    const other = signed(
      { account: 'a', object: 'incoming_order', object_id: 1, action: 'changed', time: '1' },
      'another-secret',
    );
    const error = (await poster.parseWebhook!({ headers: {}, rawBody: JSON.stringify(other) }).catch(
      (e: unknown) => e,
    )) as Error;
    expect(WebhookSignatureError.isInstance(error)).toBe(true);
    expect(JSON.stringify(error) + error.message).not.toContain(POSTER_APP_SECRET);
  });

  it('declares webhooks only when the application secret is set', () => {
    const bare = createPoster({ token: POSTER_TOKEN, currency: 'UAH' });
    expect(bare.capabilities.webhooks).toBe(false);
    expect(bare.parseWebhook).toBeUndefined();
  });
});

describe('createPoster: settings', () => {
  it('names bad settings without the token', () => {
    const error = (() => {
      try {
        createPoster({ token: POSTER_TOKEN, currency: 'hryvnia', spotId: 'main' });
      } catch (e) {
        return e as InvalidSettingsError;
      }
    })()!;
    expect(InvalidSettingsError.isInstance(error)).toBe(true);
    expect(error.issues.map((i) => i.path)).toEqual(['currency', 'spotId']);
    expect(JSON.stringify(error)).not.toContain(POSTER_TOKEN);
  });
});
