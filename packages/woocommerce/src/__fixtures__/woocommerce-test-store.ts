/*
 * A simulated WooCommerce store for tests and the example: an in-memory site
 * answering the REST API (wc/v3) through msw, as the documentation describes
 * it: Basic auth with the consumer key and secret, `page`/`per_page` with
 * `X-WP-Total`, `X-WP-TotalPages` and `Link`, `modified_after` with
 * `dates_are_gmt`, the 100-item batch limit, per-item batch errors, the
 * `{ code, message, data: { status } }` error bodies, and webhook deliveries
 * signed with base64 HMAC-SHA256. Faults (429, 503) can be injected.
 */
import { createHmac } from 'node:crypto';
import { HttpResponse, http, type HttpHandler } from 'msw';
import {
  type Json,
  type OrderInput,
  orderJson,
  type ProductInput,
  productJson,
  stampDate,
  type VariationInput,
  variationJson,
} from './woocommerce-test-builders';
import { routeRequest } from './woocommerce-test-routes';

/** One request the store received (credentials left out). */
export interface RecordedCall {
  method: string;
  /** The path under `/wp-json/wc/v3`, e.g. `/products/batch`. */
  path: string;
  query: Record<string, string>;
  body: unknown;
  /** How the request authenticated: Basic or query string (HTTPS), OAuth 1.0a (plain HTTP), or not at all. */
  auth: 'basic' | 'query' | 'oauth1' | 'none';
}

/** A fault the store answers with instead of the next matching request. */
export interface InjectedFault {
  status: number;
  /** Seconds for `Retry-After`. */
  retryAfter?: number;
  /** Only requests whose path starts with this (default: any). */
  pathPrefix?: string;
}

/** Options of `createWooCommerceTestStore`. */
export interface WooTestStoreOptions {
  /** Site address (default `https://shop.example.test`). */
  baseUrl?: string;
  consumerKey?: string;
  consumerSecret?: string;
  webhookSecret?: string;
  currency?: string;
  /** Items one batch request accepts (`woocommerce_rest_batch_items_limit`, default 100). */
  batchLimit?: number;
  /** Order statuses registered by plugins, accepted on write (e.g. `shipped`). */
  customOrderStatuses?: string[];
  /** The store's clock (default: the real one). */
  now?: () => Date;
  /** Behave like a server that drops the Authorization header before PHP sees it. */
  stripsAuthorization?: boolean;
  /** Time each answer takes, in ms (benchmarks). */
  latencyMs?: number;
}

/** The simulated store: its state, its msw handlers and the test controls. */
export interface WooTestStore {
  readonly baseUrl: string;
  readonly consumerKey: string;
  readonly consumerSecret: string;
  readonly webhookSecret: string;
  readonly currency: string;
  readonly batchLimit: number;
  readonly customOrderStatuses: readonly string[];
  readonly stripsAuthorization: boolean;
  readonly latencyMs: number;
  readonly products: Map<number, Json>;
  readonly variations: Map<number, Json>;
  readonly orders: Map<number, Json>;
  readonly webhooks: Map<number, Json>;
  readonly calls: RecordedCall[];
  readonly faults: InjectedFault[];
  /** Called with each request before it is answered (e.g. to change the catalog mid-scan). */
  beforeAnswer: ((call: RecordedCall) => void) | null;
  /** Set by `corruptNext`: the next list of that kind answers with a malformed item. */
  corrupt: { listings: boolean; orders: boolean };
  /** msw handlers answering for the store's base URL. */
  readonly handlers: HttpHandler[];
  now(): Date;
  nextId(): number;
  addProduct(input: Omit<ProductInput, 'id' | 'modifiedAt'> & { id?: number; modifiedAt?: Date }): Json;
  addVariation(input: Omit<VariationInput, 'id' | 'modifiedAt'> & { id?: number; modifiedAt?: Date }): Json;
  addOrder(input: Omit<OrderInput, 'id' | 'createdAt' | 'modifiedAt'> & Partial<OrderInput>): Json;
  addWebhook(input: { topic: string; status?: 'active' | 'paused' | 'disabled'; deliveryUrl?: string }): Json;
  /** Answer the next `count` requests (matching `pathPrefix`) with this fault. */
  failNext(count: number, fault: InjectedFault): void;
  corruptNext(kind: 'listings' | 'orders'): void;
  /** A delivery of `topic` about `payload`, as WooCommerce posts it, signed with the webhook secret (or `secret`). */
  delivery(
    topic: string,
    payload: unknown,
    secret?: string,
  ): { headers: Record<string, string>; rawBody: string };
  /** Mark a product or variation changed now. */
  touch(item: Json): void;
}

/** Make a simulated WooCommerce store. Register `store.handlers` with an msw server. */
export function createWooCommerceTestStore(options: WooTestStoreOptions = {}): WooTestStore {
  const baseUrl = (options.baseUrl ?? 'https://shop.example.test').replace(/\/+$/, '');
  let lastId = 1000;
  const now = options.now ?? (() => new Date());
  const store: WooTestStore = {
    baseUrl,
    consumerKey: options.consumerKey ?? 'ck_0123456789abcdef0123456789abcdef01234567',
    consumerSecret: options.consumerSecret ?? 'cs_76543210fedcba9876543210fedcba9876543210',
    webhookSecret: options.webhookSecret ?? 'whsec-simulated-store-0001',
    currency: options.currency ?? 'USD',
    batchLimit: options.batchLimit ?? 100,
    customOrderStatuses: options.customOrderStatuses ?? [],
    stripsAuthorization: options.stripsAuthorization ?? false,
    latencyMs: options.latencyMs ?? 0,
    products: new Map(),
    variations: new Map(),
    orders: new Map(),
    webhooks: new Map(),
    calls: [],
    faults: [],
    corrupt: { listings: false, orders: false },
    beforeAnswer: null,
    handlers: [],
    now,
    nextId: () => ++lastId,
    addProduct(input) {
      const product = productJson({ ...input, id: input.id ?? store.nextId(), modifiedAt: input.modifiedAt ?? now() }, baseUrl);
      store.products.set(product.id as number, product);
      return product;
    },
    addVariation(input) {
      const parent = store.products.get(input.parentId);
      if (!parent) throw new Error(`no parent product ${input.parentId}`);
      const variation = variationJson(
        { ...input, id: input.id ?? store.nextId(), modifiedAt: input.modifiedAt ?? now() },
        baseUrl,
      );
      store.variations.set(variation.id as number, variation);
      (parent.variations as number[]).push(variation.id as number);
      return variation;
    },
    addOrder(input) {
      const at = now();
      const order = orderJson(
        { ...input, id: input.id ?? store.nextId(), createdAt: input.createdAt ?? at, modifiedAt: input.modifiedAt ?? at },
        baseUrl,
      );
      store.orders.set(order.id as number, order);
      return order;
    },
    addWebhook(input) {
      const id = store.nextId();
      const [resource, event] = input.topic.split('.');
      const webhook: Json = {
        id,
        name: `${input.topic} to ERP`,
        status: input.status ?? 'active',
        topic: input.topic,
        resource,
        event,
        hooks: [],
        delivery_url: input.deliveryUrl ?? 'https://erp.example.test/hooks/woocommerce',
      };
      stampDate(webhook, 'created', now());
      stampDate(webhook, 'modified', now());
      store.webhooks.set(id, webhook);
      return webhook;
    },
    failNext(count, fault) {
      for (let i = 0; i < count; i++) store.faults.push(fault);
    },
    corruptNext(kind) {
      store.corrupt[kind] = true;
    },
    delivery(topic, payload, secret) {
      const rawBody = JSON.stringify(payload);
      const [resource = '', event = ''] = topic.split('.');
      const signature = createHmac('sha256', secret ?? store.webhookSecret).update(rawBody).digest('base64');
      return {
        rawBody,
        headers: {
          'content-type': 'application/json',
          'user-agent': 'WooCommerce/9.4.0 Hookshot (WordPress/6.7)',
          'x-wc-webhook-source': `${baseUrl}/`,
          'x-wc-webhook-topic': topic,
          'x-wc-webhook-resource': resource,
          'x-wc-webhook-event': event,
          'x-wc-webhook-signature': signature,
          'x-wc-webhook-id': '142',
          'x-wc-webhook-delivery-id': String(store.nextId()),
        },
      };
    },
    touch(item) {
      stampDate(item, 'modified', now());
    },
  };
  (store.handlers as HttpHandler[]).push(
    http.all(`${baseUrl}/wp-json/*`, ({ request }) => routeRequest(store, request)),
    http.all(`${baseUrl}/*`, () => HttpResponse.text('<html>WordPress page</html>', { status: 404 })),
  );
  return store;
}
