/*
 * The REST routes of the simulated store (wc/v3), answering as the
 * WooCommerce documentation and core code do. See woocommerce-test-store.ts.
 */
import { createHmac } from 'node:crypto';
import { HttpResponse } from 'msw';
import currentCurrency from './woocommerce-data-currencies-current.json';
import paymentGateways from './woocommerce-payment-gateways-list.json';
import orderTotalsFixture from './woocommerce-reports-orders-totals.json';
import shippingMethods from './woocommerce-shipping-methods-list.json';
import { gmt, type Json, local, stampDate } from './woocommerce-test-builders';
import {
  applyProductWrite,
  applyVariationWrite,
  asProductResource,
  createProduct,
  createVariation,
  type WriteResult,
} from './woocommerce-test-writes';
import type { WooTestStore } from './woocommerce-test-store';

type Query = URLSearchParams;
type Handler = (
  store: WooTestStore,
  match: RegExpMatchArray,
  query: Query,
  body: unknown,
) => Response | Promise<Response>;

const ORDER_STATUSES = ['pending', 'processing', 'on-hold', 'completed', 'cancelled', 'refunded', 'failed', 'trash'];

/** Answer one request to `/wp-json/...`. */
export async function routeRequest(store: WooTestStore, request: Request): Promise<Response> {
  const url = new URL(request.url);
  const route = url.pathname.slice(url.pathname.indexOf('/wp-json') + '/wp-json'.length);
  const body = await readBody(request);
  const query = url.searchParams;
  const path = route.replace(/^\/wc\/v3/, '');
  const auth =
    url.protocol === 'http:'
      ? 'oauth1'
      : request.headers.has('authorization')
        ? 'basic'
        : query.has('consumer_key')
          ? 'query'
          : 'none';
  const call = { method: request.method, path, query: publicQuery(query), body, auth } as const;
  store.calls.push(call);
  store.beforeAnswer?.(call);
  if (store.latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, store.latencyMs));
  const fault = takeFault(store, path);
  if (fault) return fault;
  if (!route.startsWith('/wc/v3/')) return error('rest_no_route', 'No route was found matching the URL and request method', 404);
  const denied = checkAuth(store, request, query);
  if (denied) return denied;
  for (const [method, pattern, handler] of ROUTES) {
    const match = path.match(pattern);
    if (match && method === request.method) return handler(store, match, query, body);
  }
  return error('rest_no_route', 'No route was found matching the URL and request method', 404);
}

const ROUTES: [string, RegExp, Handler][] = [
  ['GET', /^\/products$/, listProducts],
  ['POST', /^\/products$/, (s, _m, _q, b) => created(createProduct(s, b as Json))],
  ['POST', /^\/products\/batch$/, (s, _m, _q, b) => batch(s, b as Json, (item) => updateProduct(s, item))],
  ['GET', /^\/products\/(\d+)$/, (s, m) => found(s.products.get(Number(m[1])), 'woocommerce_rest_product_invalid_id')],
  ['PUT', /^\/products\/(\d+)$/, (s, m, _q, b) => resultOf(updateProduct(s, { ...(b as Json), id: Number(m[1]) }))],
  ['GET', /^\/products\/(\d+)\/variations$/, listVariations],
  ['POST', /^\/products\/(\d+)\/variations$/, (s, m, _q, b) => created(createVariation(s, Number(m[1]), b as Json))],
  [
    'POST',
    /^\/products\/(\d+)\/variations\/batch$/,
    (s, m, _q, b) => batch(s, b as Json, (item) => updateVariation(s, Number(m[1]), item)),
  ],
  ['GET', /^\/products\/(\d+)\/variations\/(\d+)$/, getVariation],
  ['PUT', /^\/products\/(\d+)\/variations\/(\d+)$/, (s, m, _q, b) => resultOf(updateVariation(s, Number(m[1]), { ...(b as Json), id: Number(m[2]) }))],
  ['GET', /^\/orders$/, listOrders],
  ['GET', /^\/orders\/(\d+)$/, (s, m) => found(s.orders.get(Number(m[1])), 'woocommerce_rest_shop_order_invalid_id')],
  ['PUT', /^\/orders\/(\d+)$/, updateOrder],
  ['GET', /^\/payment_gateways$/, () => HttpResponse.json(paymentGateways)],
  ['GET', /^\/shipping_methods$/, () => HttpResponse.json(shippingMethods)],
  ['GET', /^\/data\/currencies\/current$/, (s) => HttpResponse.json({ ...currentCurrency, code: s.currency })],
  ['GET', /^\/reports\/orders\/totals$/, orderTotals],
  ['GET', /^\/webhooks$/, (s, _m, q) => paginate(s, [...s.webhooks.values()], q, '/webhooks')],
  ['PUT', /^\/webhooks\/(\d+)$/, updateWebhook],
];

function listProducts(store: WooTestStore, _m: RegExpMatchArray, query: Query): Response | Promise<Response> {
  const sku = query.get('sku');
  let items: Json[] = [...store.products.values()];
  if (sku) {
    const skus = sku.split(',');
    const variations = [...store.variations.values()].map((v) => asProductResource(store, v));
    items = [...items, ...variations].filter((p) => skus.includes(String(p.sku)));
  }
  const status = query.get('status') ?? 'any';
  if (status !== 'any') items = items.filter((p) => p.status === status);
  else items = items.filter((p) => p.status !== 'trash');
  const type = query.get('type');
  if (type) items = items.filter((p) => p.type === type);
  items = filterByDates(items, query);
  const response = paginate(store, sortItems(items, query), query, '/products');
  return store.corrupt.listings ? corruptList(store, 'listings', response) : response;
}

function listVariations(store: WooTestStore, match: RegExpMatchArray, query: Query): Response {
  const parent = store.products.get(Number(match[1]));
  if (!parent) return error('woocommerce_rest_product_invalid_id', 'Invalid ID.', 404);
  const items = (parent.variations as number[]).map((id) => publicVariation(store.variations.get(id)!));
  return paginate(store, sortItems(filterByDates(items, query), query), query, `/products/${match[1]}/variations`);
}

function getVariation(store: WooTestStore, match: RegExpMatchArray): Response {
  const variation = store.variations.get(Number(match[2]));
  if (!variation || variation.parent_id !== Number(match[1])) {
    return error('woocommerce_rest_product_variation_invalid_id', 'Invalid ID.', 404);
  }
  return HttpResponse.json(publicVariation(variation));
}

function listOrders(store: WooTestStore, _m: RegExpMatchArray, query: Query): Response | Promise<Response> {
  const statuses = query.getAll('status').flatMap((s) => s.split(','));
  let items = [...store.orders.values()];
  if (statuses.length && !statuses.includes('any')) items = items.filter((o) => statuses.includes(String(o.status)));
  else items = items.filter((o) => o.status !== 'trash');
  items = filterByDates(items, query);
  const response = paginate(store, sortItems(items, query), query, '/orders');
  return store.corrupt.orders ? corruptList(store, 'orders', response) : response;
}

function updateOrder(store: WooTestStore, match: RegExpMatchArray, _q: Query, body: unknown): Response {
  const order = store.orders.get(Number(match[1]));
  if (!order) return error('woocommerce_rest_shop_order_invalid_id', 'Invalid ID.', 404);
  const status = (body as Json | null)?.status;
  if (status !== undefined) {
    const slug = String(status).replace(/^wc-/, '');
    if (![...ORDER_STATUSES, ...store.customOrderStatuses].includes(slug)) {
      return error('rest_invalid_param', 'Invalid parameter(s): status', 400, { params: { status: 'status is not one of the allowed values.' } });
    }
    order.status = slug;
    if (slug === 'completed') stampDate(order, 'completed', store.now());
    if (slug === 'processing' && !order.date_paid_gmt) stampDate(order, 'paid', store.now());
  }
  stampDate(order, 'modified', store.now());
  return HttpResponse.json(order);
}

/** `GET /reports/orders/totals`: every registered status (core, then the store's custom ones) with its count. */
function orderTotals(store: WooTestStore): Response {
  const names: Record<string, string> = Object.fromEntries(orderTotalsFixture.map((row) => [row.slug, row.name]));
  const slugs = [...orderTotalsFixture.map((row) => row.slug), ...store.customOrderStatuses];
  const count = (slug: string) => [...store.orders.values()].filter((o) => o.status === slug).length;
  return HttpResponse.json(slugs.map((slug) => ({ slug, name: names[slug] ?? slug, total: count(slug) })));
}

function updateWebhook(store: WooTestStore, match: RegExpMatchArray, _q: Query, body: unknown): Response {
  const webhook = store.webhooks.get(Number(match[1]));
  if (!webhook) return error('woocommerce_rest_webhook_invalid_id', 'Invalid ID.', 404);
  const status = (body as Json | null)?.status;
  if (status !== undefined && !['active', 'paused', 'disabled'].includes(String(status))) {
    return error('rest_invalid_param', 'Invalid parameter(s): status', 400);
  }
  if (status !== undefined) webhook.status = status;
  stampDate(webhook, 'modified', store.now());
  return HttpResponse.json(webhook);
}

function updateProduct(store: WooTestStore, item: Json): WriteResult {
  const product = store.products.get(Number(item.id));
  if (!product) return { error: { code: 'woocommerce_rest_product_invalid_id', message: 'Invalid ID.', status: 400 } };
  return applyProductWrite(store, product, item);
}

function updateVariation(store: WooTestStore, parentId: number, item: Json): WriteResult {
  const variation = store.variations.get(Number(item.id));
  if (!variation || variation.parent_id !== parentId) {
    return { error: { code: 'woocommerce_rest_product_variation_invalid_id', message: 'Invalid ID.', status: 400 } };
  }
  const result = applyVariationWrite(store, variation, item);
  return 'ok' in result ? { ok: publicVariation(result.ok) } : result;
}

/** `POST .../batch`: the 100-item limit over create+update+delete, then one entry per item. */
function batch(store: WooTestStore, body: Json, update: (item: Json) => WriteResult): Response {
  const counts = ['create', 'update', 'delete'].map((k) => (Array.isArray(body?.[k]) ? (body[k] as unknown[]).length : 0));
  const total = counts.reduce((a, b) => a + b, 0);
  if (total > store.batchLimit) {
    return error(
      'woocommerce_rest_request_entity_too_large',
      `Unable to accept more than ${store.batchLimit} items for this request.`,
      413,
    );
  }
  const updated = ((body?.update as Json[] | undefined) ?? []).map((item) => {
    const result = update(item);
    return 'ok' in result
      ? result.ok
      : { id: item.id, error: { code: result.error.code, message: result.error.message, data: { status: result.error.status } } };
  });
  return HttpResponse.json({ update: updated });
}

function resultOf(result: WriteResult): Response {
  return 'ok' in result ? HttpResponse.json(result.ok) : error(result.error.code, result.error.message, result.error.status);
}

function created(result: WriteResult): Response {
  return 'ok' in result
    ? HttpResponse.json(result.ok, { status: 201 })
    : error(result.error.code, result.error.message, result.error.status);
}

function found(item: Json | undefined, code: string): Response {
  return item ? HttpResponse.json(item) : error(code, 'Invalid ID.', 404);
}

/** A variation as the API shows it (the store keeps `parent_id` for bookkeeping only). */
function publicVariation(variation: Json): Json {
  const { parent_id: _parent, ...rest } = variation;
  return rest;
}

/** `after`/`before` on creation and `modified_after`/`modified_before`, GMT when `dates_are_gmt`, strictly after. */
function filterByDates(items: Json[], query: Query): Json[] {
  const useGmt = query.get('dates_are_gmt') === 'true' || query.get('dates_are_gmt') === '1';
  const field = (name: string) => (useGmt ? `date_${name}_gmt` : `date_${name}`);
  const bounds: [string, string, 'after' | 'before'][] = [
    ['after', field('created'), 'after'],
    ['before', field('created'), 'before'],
    ['modified_after', field('modified'), 'after'],
    ['modified_before', field('modified'), 'before'],
  ];
  let out = items;
  for (const [param, key, side] of bounds) {
    const value = query.get(param);
    if (!value) continue;
    const bound = normaliseBound(value, useGmt);
    out = out.filter((item) => {
      const at = String(item[key] ?? '');
      return side === 'after' ? at > bound : at < bound;
    });
  }
  return out;
}

/** A bound with a zone is converted into the compared clock; one without is taken as written. */
function normaliseBound(value: string, useGmt: boolean): string {
  if (!/(Z|[+-]\d{2}:?\d{2})$/.test(value)) return value.slice(0, 19);
  const date = new Date(value);
  return useGmt ? gmt(date) : local(date);
}

function sortItems(items: Json[], query: Query): Json[] {
  const orderby = query.get('orderby') ?? 'date';
  const direction = (query.get('order') ?? 'desc') === 'asc' ? 1 : -1;
  const key = (item: Json) => (orderby === 'id' ? Number(item.id) : String(item.date_created_gmt ?? ''));
  return [...items].sort((a, b) => (key(a) > key(b) ? direction : key(a) < key(b) ? -direction : Number(a.id) - Number(b.id)));
}

/** One page, with the totals and Link headers WordPress sends. `per_page` over 100 is refused as WordPress does. */
function paginate(store: WooTestStore, items: Json[], query: Query, path: string): Response {
  const perPage = Number(query.get('per_page') ?? 10);
  const page = Number(query.get('page') ?? 1);
  const offset = query.has('offset') ? Number(query.get('offset')) : (page - 1) * perPage;
  if (!Number.isInteger(perPage) || perPage < 1 || perPage > 100) {
    return error('rest_invalid_param', 'Invalid parameter(s): per_page', 400, {
      params: { per_page: 'per_page must be between 1 (inclusive) and 100 (inclusive)' },
    });
  }
  const totalPages = Math.ceil(items.length / perPage);
  const headers = new Headers({ 'X-WP-Total': String(items.length), 'X-WP-TotalPages': String(totalPages) });
  const links: string[] = [];
  const link = (n: number, rel: string) => {
    const next = new URLSearchParams(query);
    next.set('page', String(n));
    next.delete('consumer_key');
    next.delete('consumer_secret');
    links.push(`<${store.baseUrl}/wp-json/wc/v3${path}?${next}>; rel="${rel}"`);
  };
  if (page > 1) link(page - 1, 'prev');
  if (page < totalPages) link(page + 1, 'next');
  if (links.length) headers.set('Link', links.join(', '));
  return HttpResponse.json(items.slice(offset, offset + perPage), { headers });
}

async function corruptList(store: WooTestStore, kind: 'listings' | 'orders', response: Response): Promise<Response> {
  store.corrupt[kind] = false;
  const items = (await response.clone().json()) as Json[];
  const broken = items.map((item, i) => (i === 0 ? { ...item, id: null } : item));
  if (!broken.length) broken.push({ id: null });
  return HttpResponse.json(broken, { headers: response.headers });
}

function checkAuth(store: WooTestStore, request: Request, query: Query): Response | null {
  const url = new URL(request.url);
  if (url.protocol === 'http:') return checkOAuth(store, request.method, url);
  const header = store.stripsAuthorization ? null : request.headers.get('authorization');
  let key = query.get('consumer_key');
  let secret = query.get('consumer_secret');
  if (header?.startsWith('Basic ')) {
    const decoded = Buffer.from(header.slice(6), 'base64').toString('utf8');
    const at = decoded.indexOf(':');
    key = decoded.slice(0, at);
    secret = decoded.slice(at + 1);
  }
  if (!key) return error('woocommerce_rest_cannot_view', 'Sorry, you cannot list resources.', 401);
  if (key !== store.consumerKey) return error('woocommerce_rest_authentication_error', 'Consumer key is invalid.', 401);
  if (secret !== store.consumerSecret) {
    return error('woocommerce_rest_authentication_error', 'Consumer secret is invalid.', 401);
  }
  return null;
}

/** Over plain HTTP WooCommerce ignores Basic auth and checks an OAuth 1.0a signature (class-wc-rest-authentication.php). */
function checkOAuth(store: WooTestStore, method: string, url: URL): Response | null {
  const params = new Map(url.searchParams);
  for (const name of ['oauth_consumer_key', 'oauth_timestamp', 'oauth_nonce', 'oauth_signature', 'oauth_signature_method']) {
    if (!params.get(name)) {
      return error('woocommerce_rest_cannot_view', 'Sorry, you cannot list resources.', 401);
    }
  }
  if (params.get('oauth_consumer_key') !== store.consumerKey) {
    return error('woocommerce_rest_authentication_error', 'Consumer key is invalid.', 401);
  }
  const age = Math.abs(Date.now() / 1000 - Number(params.get('oauth_timestamp')));
  if (!(age < 15 * 60)) return error('woocommerce_rest_authentication_error', 'Invalid timestamp.', 401);
  const algorithm = { 'HMAC-SHA1': 'sha1', 'HMAC-SHA256': 'sha256' }[params.get('oauth_signature_method') ?? ''];
  if (!algorithm) return error('woocommerce_rest_authentication_error', 'Invalid signature - signature method is invalid.', 401);
  const given = params.get('oauth_signature');
  params.delete('oauth_signature');
  // PHP: uksort(strcmp), then rawurlencode each key and value, join k=v, encode again, join with %26.
  const php = (v: string) => encodeURIComponent(v).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  const joined = [...params.keys()]
    .sort()
    .map((k) => php(`${php(k)}=${php(params.get(k) ?? '')}`))
    .join('%26');
  const toSign = `${method.toUpperCase()}&${php(`${url.origin}${url.pathname}`)}&${joined}`;
  const expected = createHmac(algorithm, `${store.consumerSecret}&`).update(toSign).digest('base64');
  if (expected !== given) {
    return error('woocommerce_rest_authentication_error', 'Invalid signature - provided signature does not match.', 401);
  }
  return null;
}

function takeFault(store: WooTestStore, path: string): Response | null {
  const index = store.faults.findIndex((f) => !f.pathPrefix || path.startsWith(f.pathPrefix));
  if (index < 0) return null;
  const [fault] = store.faults.splice(index, 1);
  const headers: Record<string, string> = fault!.retryAfter !== undefined ? { 'Retry-After': String(fault!.retryAfter) } : {};
  if (fault!.status === 503) {
    return HttpResponse.html('<!DOCTYPE html><html><body>Briefly unavailable for scheduled maintenance.</body></html>', {
      status: 503,
      headers,
    });
  }
  return HttpResponse.text('Too Many Requests', { status: fault!.status, headers });
}

/** The documented error body: `{ code, message, data: { status } }`. */
export function error(code: string, message: string, status: number, extra: Json = {}): Response {
  return HttpResponse.json({ code, message, data: { status, ...extra } }, { status });
}

async function readBody(request: Request): Promise<unknown> {
  const text = await request.text();
  if (!text) return null;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function publicQuery(query: Query): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of query) {
    if (key !== 'consumer_key' && key !== 'consumer_secret' && !key.startsWith('oauth_')) out[key] = value;
  }
  return out;
}
