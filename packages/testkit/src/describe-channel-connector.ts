import {
  type ChannelConnectorV1,
  type ChannelOrder,
  ChannelPayloadError,
  channelCapabilityMethods,
  type Listing,
  type ListingRef,
  type OrderStatus,
  type PageV1,
  requireCapability,
  UnsupportedCapabilityError,
  type WebhookRequestV1,
  WebhookSignatureError,
} from '@omnisync/core';
import { afterEach, describe, expect, it } from 'vitest';

/** A listing to put on the channel's backend before a test. */
export interface SeedListing {
  sku: string | null;
  title: string;
  quantity: number;
  status: 'live' | 'inactive';
  price: string;
  updatedAt: string;
  /** When present, the listing is a product with these variants (each its own SKU and stock). */
  variants?: { sku: string; quantity: number; attributes: Record<string, string> }[];
}

/** An order to put on the channel's backend before a test. */
export interface SeedOrder {
  /** The canonical status the channel's own status for this order maps to. */
  status: Exclude<OrderStatus, 'accepted'>;
  createdAt: string;
  updatedAt: string;
  lines: { sku: string; quantity: number; unitPrice: string }[];
  currency: string;
}

/** What a conformance run needs: a connector over a backend the test controls and can read directly. */
export interface ChannelHarness {
  connector: ChannelConnectorV1;
  /** Read a listing's state on the backend directly (not through the connector). */
  readListing(ref: ListingRef): Promise<{ quantity: number | null; active: boolean } | null>;
  /** Read an order's canonical status on the backend directly. */
  readOrderStatus(externalId: string): Promise<OrderStatus | null>;
  /** Make the backend's next listings or orders read return one malformed item among valid ones. */
  corruptNext(kind: 'listings' | 'orders'): void;
  /** A delivery signed as the channel signs it, about the given order (when the connector has webhooks). */
  signedWebhook?(order: { externalId: string }): WebhookRequestV1 | Promise<WebhookRequestV1>;
  /** Every secret in the connector's settings: none may appear in an error. */
  secrets: string[];
  close?(): Promise<void> | void;
}

/** How the suite makes a harness with the given backend contents. */
export interface ChannelConnectorSuiteOptions {
  setup(seed: { listings: SeedListing[]; orders: SeedOrder[] }): Promise<ChannelHarness> | ChannelHarness;
}

const DAY = '2026-11-';
const listings = (n: number, start = 1): SeedListing[] =>
  Array.from({ length: n }, (_, i) => ({
    sku: `CONF-${start + i}`,
    title: `Conformance ${start + i}`,
    quantity: 3 + (i % 5),
    status: i % 4 === 3 ? 'inactive' : 'live',
    price: '15000.00',
    updatedAt: `${DAY}${String(1 + (i % 20)).padStart(2, '0')}T08:00:00.000Z`,
  }));

const ORDERS: SeedOrder[] = (['unpaid', 'paid', 'shipped', 'completed', 'cancelled', 'returned'] as const).map(
  (status, i) => ({
    status,
    createdAt: `${DAY}0${i + 1}T10:00:00.000Z`,
    updatedAt: `${DAY}1${i}T10:00:00.000Z`,
    lines: [{ sku: 'CONF-1', quantity: 1 + i, unitPrice: '15000.00' }],
    currency: 'IDR',
  }),
);

async function collect<T>(pages: AsyncIterable<{ items: T[] }>): Promise<T[]> {
  const out: T[] = [];
  for await (const page of pages) out.push(...page.items);
  return out;
}

async function collectPages<T>(pages: AsyncIterable<PageV1<T>>): Promise<PageV1<T>[]> {
  const out: PageV1<T>[] = [];
  for await (const page of pages) out.push(page);
  return out;
}

function expectPayloadError(error: unknown, secrets: readonly string[]) {
  expect(ChannelPayloadError.isInstance(error)).toBe(true);
  expect((error as ChannelPayloadError).issues.length).toBeGreaterThan(0);
  expect((error as ChannelPayloadError).issues[0]!.path).not.toBe('');
  expectNoSecrets(error, secrets);
}

function expectNoSecrets(error: unknown, secrets: readonly string[]) {
  const e = error as Error;
  const text = [e?.message, e?.stack, JSON.stringify(e), String((e?.cause as Error | undefined)?.message ?? '')].join(
    '\n',
  );
  for (const s of secrets) expect(text).not.toContain(s);
}

/**
 * The conformance suite every channel connector runs against its test
 * backend (msw handlers, a loopback server, or the mock): pagination,
 * `updatedSince`, status mapping, malformed payloads, webhooks, capabilities,
 * stock writes and secrets. Undeclared capabilities are asserted to throw
 * `UnsupportedCapabilityError`, never skipped silently.
 */
export function describeChannelConnector(name: string, options: ChannelConnectorSuiteOptions): void {
  describe(`ChannelConnectorV1 conformance: ${name}`, () => {
    let harness: ChannelHarness | undefined;
    const setup = async (seed: { listings?: SeedListing[]; orders?: SeedOrder[] } = {}) => {
      harness = await options.setup({ listings: seed.listings ?? [], orders: seed.orders ?? [] });
      return harness;
    };
    afterEach(async () => {
      await harness?.close?.();
      harness = undefined;
    });

    it('declares specification v1, a name and a positive stock batch limit', async () => {
      const { connector } = await setup();
      expect(connector.specificationVersion).toBe('v1');
      expect(connector.connector).toMatch(/^[a-z0-9-]+$/);
      expect(connector.limits.stockBatchSize).toBeGreaterThan(0);
    });

    it('declares exactly the capabilities whose methods it has; undeclared ones throw UnsupportedCapabilityError', async () => {
      const { connector } = await setup();
      for (const [capability, methods] of Object.entries(channelCapabilityMethods)) {
        const declared = connector.capabilities[capability as keyof typeof connector.capabilities];
        const present = methods!.every((m) => typeof connector[m] === 'function');
        expect({ capability, declared }).toEqual({ capability, declared: present });
        if (!declared)
          expect(() => requireCapability(connector, capability as never)).toThrow(UnsupportedCapabilityError);
      }
    });

    it('pages through every listing, active and inactive, with no loss and no repeat', async () => {
      const seed = [
        ...listings(57),
        {
          ...listings(1, 900)[0]!,
          sku: 'CONF-VAR',
          variants: [
            { sku: 'CONF-VAR-S', quantity: 2, attributes: { size: 'S' } },
            { sku: 'CONF-VAR-M', quantity: 4, attributes: { size: 'M' } },
          ],
        },
      ];
      const { connector } = await setup({ listings: seed });
      const all = await collect(connector.listListings({ status: 'all' }));
      const keys = all.map((l) => `${l.listingId}:${l.variantId ?? ''}`);
      expect(new Set(keys).size).toBe(keys.length);
      const skus = all.map((l) => l.sku).sort();
      expect(skus).toEqual([...listings(57).map((l) => l.sku), 'CONF-VAR-M', 'CONF-VAR-S'].sort());
      expect(all.find((l) => l.sku === 'CONF-VAR-M')?.quantity).toBe(4);
      expect(all.find((l) => l.sku === 'CONF-VAR-M')?.variantId).toBeTruthy();
      const active = await collect(connector.listListings({ status: 'active' }));
      expect(active.every((l) => l.status === 'live')).toBe(true);
      expect(active.map((l) => l.sku).sort()).toEqual(
        all
          .filter((l) => l.status === 'live')
          .map((l) => l.sku)
          .sort(),
      );
    });

    it('stops paging when the signal aborts', async () => {
      const { connector } = await setup({ listings: listings(30) });
      const controller = new AbortController();
      let pages = 0;
      const run = async () => {
        for await (const _ of connector.listListings({ status: 'all', signal: controller.signal })) {
          pages++;
          controller.abort();
        }
      };
      await expect(run()).rejects.toBeTruthy();
      expect(pages).toBe(1);
    });

    it('filters listings by updatedSince when it declares updatedSinceListings', async () => {
      const { connector } = await setup({ listings: listings(20) });
      const since = `${DAY}15T00:00:00.000Z`;
      const updated = await collect(connector.listListings({ status: 'all', updatedSince: since }));
      const expected = listings(20)
        .filter((l) => l.updatedAt >= since)
        .map((l) => l.sku)
        .sort();
      if (connector.capabilities.updatedSinceListings) {
        expect(updated.map((l) => l.sku).sort()).toEqual(expected);
      } else {
        expect(updated.map((l) => l.sku)).toEqual(expect.arrayContaining(expected));
      }
    });

    it('lists orders with statuses mapped to canonical ones, and filters by updatedSince', async () => {
      const { connector } = await setup({ listings: listings(2), orders: ORDERS });
      const orders = await collect(connector.listOrders({}));
      expect(orders.map((o) => o.status).sort()).toEqual(ORDERS.map((o) => o.status).sort());
      for (const o of orders) {
        expect(o.rawStatus).toBeTruthy();
        expect(o.lines[0]?.sku).toBe('CONF-1');
      }
      const since = `${DAY}13T00:00:00.000Z`;
      const recent = await collect(connector.listOrders({ updatedSince: since }));
      expect(recent.map((o) => o.status).sort()).toEqual(
        ORDERS.filter((o) => o.updatedAt >= since)
          .map((o) => o.status)
          .sort(),
      );
    });

    it('reports a malformed listing or order with ChannelPayloadError naming the field, rejecting only that item', async () => {
      const seeded = { listings: 3, orders: 2 };
      const h = await setup({ listings: listings(seeded.listings), orders: ORDERS.slice(0, seeded.orders) });
      for (const kind of ['listings', 'orders'] as const) {
        h.corruptNext(kind);
        const read =
          kind === 'listings'
            ? collectPages<unknown>(h.connector.listListings({ status: 'all' }))
            : collectPages<unknown>(h.connector.listOrders({}));
        const outcome = await read.then(
          (pages) => ({ pages, error: null as unknown }),
          (error: unknown) => ({ pages: null, error }),
        );
        if (outcome.pages === null) {
          // Allowed: the whole read fails with the error (the engine then retries the page later).
          expectPayloadError(outcome.error, h.secrets);
          continue;
        }
        // Preferred: the bad item is rejected with the error, every other item still delivered.
        const rejected = outcome.pages.flatMap((p) => p.rejected ?? []);
        const delivered = outcome.pages.reduce((n, p) => n + p.items.length, 0);
        expect(rejected.length, `${kind}: the malformed item must be rejected or thrown, never dropped`).toBe(1);
        expectPayloadError(rejected[0]!.error, h.secrets);
        expect(delivered + rejected.length, `${kind}: every other item is delivered`).toBe(seeded[kind]);
      }
    });

    it('writes stock with one result per update, in order, and the backend holds the new quantity', async () => {
      const h = await setup({ listings: listings(6) });
      const all = (await collect(h.connector.listListings({ status: 'all' }))) as Listing[];
      const batch = all.slice(0, Math.min(all.length, h.connector.limits.stockBatchSize));
      const results = await h.connector.updateStock(
        batch.map((l, i) => ({ listingId: l.listingId, variantId: l.variantId, sku: l.sku, quantity: 10 + i })),
      );
      expect(results.map((r) => r.listingId)).toEqual(batch.map((l) => l.listingId));
      expect(results.every((r) => r.ok)).toBe(true);
      for (const [i, l] of batch.entries()) expect((await h.readListing(l))?.quantity).toBe(10 + i);
    });

    it('reports a failed item without failing the batch', async () => {
      const h = await setup({ listings: listings(2) });
      const [first] = (await collect(h.connector.listListings({ status: 'all' }))) as Listing[];
      const results = await h.connector.updateStock([
        { listingId: first!.listingId, variantId: first!.variantId, quantity: 1 },
        { listingId: '999999999', variantId: null, quantity: 1 },
      ]);
      expect(results).toHaveLength(2);
      expect(results[0]!.ok).toBe(true);
      expect(results[1]!.ok).toBe(false);
      expect(results[1]!.error?.message).toBeTruthy();
      for (const s of h.secrets) expect(JSON.stringify(results)).not.toContain(s);
    });

    it('gets one listing by SKU when it declares getListing', async () => {
      const h = await setup({ listings: listings(5) });
      if (!h.connector.capabilities.getListing) return expect(h.connector.getListing).toBeUndefined();
      expect((await h.connector.getListing!({ sku: 'CONF-3' }))?.sku).toBe('CONF-3');
      expect(await h.connector.getListing!({ sku: 'NOPE-404' })).toBeNull();
    });

    it('writes an order status back when it declares updateOrderStatus', async () => {
      const h = await setup({ listings: listings(2), orders: [ORDERS[1]!] });
      if (!h.connector.capabilities.updateOrderStatus) return expect(h.connector.updateOrderStatus).toBeUndefined();
      const [order] = (await collect(h.connector.listOrders({}))) as ChannelOrder[];
      await h.connector.updateOrderStatus!(order!.externalId, 'completed');
      expect(await h.readOrderStatus(order!.externalId)).toBe('completed');
    });

    it('verifies webhook signatures and refuses forged ones when it declares webhooks', async () => {
      const h = await setup({ listings: listings(2), orders: [ORDERS[1]!] });
      if (!h.connector.capabilities.webhooks) return expect(h.connector.parseWebhook).toBeUndefined();
      const [order] = (await collect(h.connector.listOrders({}))) as ChannelOrder[];
      const delivery = await h.signedWebhook!(order!);
      const events = await h.connector.parseWebhook!(delivery);
      expect(events.length).toBeGreaterThan(0);
      const body = typeof delivery.rawBody === 'string' ? delivery.rawBody : new TextDecoder().decode(delivery.rawBody);
      const forged = { ...delivery, rawBody: body.replace(/\d/, (d) => String((Number(d) + 1) % 10)) };
      const error = await h.connector.parseWebhook!(forged).then(
        () => null,
        (e: unknown) => e,
      );
      expect(WebhookSignatureError.isInstance(error)).toBe(true);
      const unsigned = { ...delivery, headers: {} };
      expect(
        WebhookSignatureError.isInstance(
          await h.connector.parseWebhook!(unsigned).then(
            () => null,
            (e: unknown) => e,
          ),
        ),
      ).toBe(true);
      expectNoSecrets(error, h.secrets);
    });
  });
}
