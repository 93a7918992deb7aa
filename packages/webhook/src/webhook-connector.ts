import {
  type ChannelOrder,
  type CreateSaleArgsV1,
  InvalidArgumentError,
  NO_POS_CAPABILITIES,
  type PosConnectorV1,
  type PosItem,
  type PosSale,
  parsePayload,
  parseSettings,
  type StockLevel,
  UnsupportedCapabilityError,
} from '@omnisync/core';
import { assertSafeBaseUrlSyntax, createHttpClient, type HttpClient, type VendorError } from '@omnisync/core/http';
import { toOrderExportEvent } from './convert-webhook-order';
import { readHeader, signWebhook, verifyWebhook, WEBHOOK_ID } from './standard-webhooks';
import { CatalogResponse, OrderExportResponse, SaleStatusEvent } from './webhook-payloads';
import { WebhookPosSettings, type WebhookPosSettingsInput } from './webhook-settings';

/** Split a URL into a base and a last segment, so the HTTP kit posts to exactly this URL. */
function endpoint(url: URL): { baseUrl: string; path: string; query: Record<string, string> } {
  const base = new URL('.', url);
  return {
    baseUrl: base.href,
    path: url.pathname.slice(base.pathname.length),
    query: Object.fromEntries(url.searchParams),
  };
}

function readErrorBody(_status: number, body: unknown): VendorError | null {
  const error = (body as { error?: { code?: unknown; message?: unknown } } | null)?.error;
  if (!error) return null;
  return { vendorCode: String(error.code ?? ''), message: typeof error.message === 'string' ? error.message : null };
}

/**
 * A POS reached over a signed webhook API (`@omnisync/webhook`): each export
 * is a POST of a versioned JSON body (`schema/order-export.v1.json`) signed in
 * the Standard Webhooks format, `webhook-id` = the export's idempotency key
 * (the same on every retry, so the POS dedupes), retried with backoff on 429,
 * 5xx and timeouts. The POS answers with its sale id, and may later call back
 * with a signed `sale.status` event (`parseWebhook`).
 *
 * @example
 * const pos = createWebhookPos({ url: 'https://pos.example/omnisync/orders', secret: process.env.POS_WHSEC! });
 */
export function createWebhookPos(input: WebhookPosSettingsInput): PosConnectorV1 {
  const settings = parseSettings('webhook POS', WebhookPosSettings, input);
  const secrets = [settings.secret, ...settings.previousSecrets];
  const safe = { environment: settings.environment, allowPrivateNetwork: settings.allowPrivateNetwork };
  const url = assertSafeBaseUrlSyntax(settings.url, safe);
  const catalogUrl = settings.catalogUrl ? assertSafeBaseUrlSyntax(settings.catalogUrl, safe) : null;
  const clientFor = (target: URL): HttpClient =>
    createHttpClient({
      connector: settings.connector,
      baseUrl: endpoint(target).baseUrl,
      timeoutMs: settings.timeoutMs,
      retry: { maxRetries: settings.maxRetries },
      parseErrorBody: readErrorBody,
      sign: (request) => {
        const id = request.headers.get(WEBHOOK_ID) ?? `msg_${crypto.randomUUID().replaceAll('-', '')}`;
        for (const [name, value] of Object.entries(signWebhook({ id, body: request.body ?? '', secrets }))) {
          request.headers.set(name, value);
        }
      },
    });
  const exports = clientFor(url);
  const catalog = catalogUrl ? clientFor(catalogUrl) : null;

  async function readCatalog(signal?: AbortSignal): Promise<CatalogResponse> {
    if (!catalog || !catalogUrl) {
      throw new UnsupportedCapabilityError(
        `${settings.connector} POS`,
        'catalog (set catalogUrl to read items and stock)',
      );
    }
    const { path, query } = endpoint(catalogUrl);
    const response = await catalog.request({ path, query, schema: CatalogResponse, priority: 'catalog', signal });
    return response.data;
  }

  return {
    specificationVersion: 'v1',
    connector: settings.connector,
    capabilities: { ...NO_POS_CAPABILITIES, webhooks: true },
    defaultWarehouses: ['default'],

    async *listItems(args = {}) {
      const data = await readCatalog(args.signal);
      yield { items: data.items.map((item) => toPosItem(item, data.currency)), total: data.items.length, page: 1 };
    },

    async getStock(args) {
      const data = await readCatalog(args.signal);
      const wanted = new Set(args.itemIds);
      return data.items
        .filter((i) => wanted.has(i.id) && i.onHand != null)
        .map((i): StockLevel => ({ itemId: i.id, warehouseId: 'default', onHand: i.onHand!, reserved: 0 }));
    },

    async createSale(order: ChannelOrder, args: CreateSaleArgsV1): Promise<PosSale> {
      if (args.idempotencyKey.includes('.')) {
        throw new InvalidArgumentError('The idempotency key is the webhook-id and must not contain ".".');
      }
      const { path, query } = endpoint(url);
      const response = await exports.request({
        method: 'POST',
        path,
        query,
        json: toOrderExportEvent(order, args),
        headers: { [WEBHOOK_ID]: args.idempotencyKey },
        schema: OrderExportResponse,
        idempotent: true,
        priority: 'orders',
        signal: args.signal,
      });
      const sale = response.data;
      return { id: sale.saleId, idempotencyKey: args.idempotencyKey, status: sale.status, number: sale.number ?? null };
    },

    async parseWebhook(request) {
      const verified = verifyWebhook(request.headers, request.rawBody, secrets, {
        toleranceSeconds: settings.toleranceSeconds,
      });
      const event = parsePayload(settings.connector, 'sale.status callback', SaleStatusEvent, verified.payload);
      return [
        {
          type: 'sale.status',
          saleId: event.data.saleId,
          status: event.data.status,
          deliveryId: readHeader(request.headers, WEBHOOK_ID) ?? null,
        },
      ];
    },
  };
}

function toPosItem(item: CatalogResponse['items'][number], currency: string): PosItem {
  return {
    id: item.id,
    sku: item.sku ?? null,
    name: item.name,
    attributes: {},
    price: item.price ? { amount: item.price, currency } : null,
    externalIds: {},
    modifiers: item.modifiers.map((m) => ({
      id: m.id,
      name: m.name,
      price: m.price ? { amount: m.price, currency } : null,
      externalIds: {},
    })),
    components: [],
    active: true,
    updatedAt: new Date(0).toISOString(),
  };
}
