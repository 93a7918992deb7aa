import {
  ChannelHttpError,
  type ChannelOrder,
  type CreateSaleArgsV1,
  InvalidArgumentError,
  NO_POS_CAPABILITIES,
  type PosConnectorV1,
  type PosSale,
  type PosWebhookEventV1,
  parseSettings,
  type StockLevel,
  type WebhookRequestV1,
} from '@omnisync/core';
import { createHttpClient, type HttpClient } from '@omnisync/core/http';
import { z } from 'zod';
import { idempotencyMarker, toPosterIncomingOrder } from './convert-poster-order';
import { convertPosterProduct, ingredientOf, parsePosterItemId } from './convert-poster-product';
import { mapPosterOrderStatus } from './map-poster-order-status';
import { envelope, PosterIncomingOrder, PosterLeftover, PosterProduct, PosterSpot } from './poster-api';
import { readPosterError } from './poster-error';
import { PosterSettings, type PosterSettingsInput } from './poster-settings';
import { verifyPosterWebhook } from './poster-webhook';

/** A Poster location (`access.getSpots`). */
export interface PosterLocation {
  id: string;
  name: string;
  address: string | null;
  storageIds: string[];
}

/** The Poster connector: a `PosConnectorV1` plus Poster's locations. */
export interface PosterConnector extends PosConnectorV1 {
  /** The account's locations (spots) and their storages. */
  listSpots(options?: { signal?: AbortSignal }): Promise<PosterLocation[]>;
}

/** Poster codes that mean "no such record": 32 the ID doesn't exist, 42 order not found, 404. */
const NOT_FOUND = new Set(['32', '42', '404']);

/** `Y-m-d H:i:s` in UTC, Poster's date format for filters. */
function posterDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19).replace('T', ' ');
}

/**
 * Poster POS (joinposter.com) as an export target: menu (products,
 * modifications, modifier groups) and stock leftovers, incoming orders
 * created at most once per idempotency key and read back, and webhooks
 * verified with Poster's md5 `verify`. The token travels as the `token` query
 * parameter and is redacted from every error and log line.
 *
 * Poster's `createIncomingOrder` takes no idempotency key: before creating,
 * the connector looks for an incoming order of the last `lookbackHours`
 * whose comment carries the key's marker (see docs/connectors/poster.md for
 * the residual risk).
 */
export function createPoster(input: PosterSettingsInput): PosterConnector {
  const settings = parseSettings('Poster', PosterSettings, input);
  const baseUrl =
    settings.baseUrl ??
    (settings.account ? `https://${settings.account}.joinposter.com/api` : 'https://joinposter.com/api');
  const client: HttpClient = createHttpClient({
    connector: 'poster',
    baseUrl,
    timeoutMs: settings.timeoutMs,
    parseErrorBody: readPosterError,
    detectBodyError: readPosterError,
    sign: (request) => {
      request.url.searchParams.set('format', 'json');
      request.url.searchParams.set('token', settings.token);
    },
  });

  const get = async <S extends z.ZodType>(method: string, schema: S, query = {}, signal?: AbortSignal) => {
    const response = await client.request({
      path: `/${method}`,
      query,
      schema: envelope(schema),
      signal,
      priority: 'orders',
    });
    return (response.data as { response: z.output<S> }).response;
  };

  const readProducts = (signal?: AbortSignal) => get('menu.getProducts', z.array(PosterProduct), {}, signal);

  function spotFor(locationId: string | null | undefined): string {
    const spot = (locationId ? settings.spots[locationId] : undefined) ?? settings.spotId;
    if (!spot) {
      throw new InvalidArgumentError(
        `No Poster spot for location "${locationId ?? '(none)'}": map it in settings.spots or set settings.spotId.`,
      );
    }
    return spot;
  }

  async function findByKey(key: string, signal?: AbortSignal): Promise<PosterIncomingOrder | null> {
    const now = Date.now();
    const orders = await get(
      'incomingOrders.getIncomingOrders',
      z.array(PosterIncomingOrder),
      { date_from: posterDate(now - settings.lookbackHours * 3_600_000), date_to: posterDate(now + 24 * 3_600_000) },
      signal,
    );
    return orders.find((o) => o.comment?.includes(idempotencyMarker(key))) ?? null;
  }

  const toSale = (o: PosterIncomingOrder, key: string): PosSale => ({
    id: o.incoming_order_id,
    idempotencyKey: key,
    status: mapPosterOrderStatus(o.status),
    number: o.incoming_order_id,
  });

  const connector: PosterConnector = {
    specificationVersion: 'v1',
    connector: 'poster',
    capabilities: { ...NO_POS_CAPABILITIES, getSale: true, webhooks: settings.applicationSecret !== undefined },

    async *listItems(args = {}) {
      const products = await readProducts(args.signal);
      const items = products.flatMap((p) => convertPosterProduct(p, settings.spotId ?? null, settings.currency));
      yield { items, total: items.length, page: 1 };
    },

    // https://dev.joinposter.com/en/docs/v3/web/storage/getStorageLeftovers
    async getStock(args) {
      const products = new Map((await readProducts(args.signal)).map((p) => [p.product_id, p]));
      const ingredients = new Map<string, string>();
      for (const itemId of args.itemIds) {
        const { productId, modificatorId } = parsePosterItemId(itemId);
        const product = products.get(productId);
        const ingredient = product ? ingredientOf(product, modificatorId) : null;
        if (ingredient) ingredients.set(itemId, ingredient);
      }
      const storages = args.warehouseIds?.length ? args.warehouseIds : [null];
      const levels: StockLevel[] = [];
      for (const storage of storages) {
        const query = storage ? { storage_id: storage, zero_leftovers: 'true' } : { zero_leftovers: 'true' };
        const leftovers = await get('storage.getStorageLeftovers', z.array(PosterLeftover), query, args.signal);
        const byIngredient = new Map(leftovers.map((l) => [l.ingredient_id, l]));
        for (const [itemId, ingredient] of ingredients) {
          const left = byIngredient.get(ingredient);
          const value = storage ? (left?.storage_ingredient_left ?? left?.ingredient_left) : left?.ingredient_left;
          levels.push({ itemId, warehouseId: storage ?? 'all', onHand: Math.trunc(value ?? 0), reserved: 0 });
        }
      }
      return levels;
    },

    // https://dev.joinposter.com/en/docs/v3/web/incomingOrders/createIncomingOrder
    async createSale(order: ChannelOrder, args: CreateSaleArgsV1): Promise<PosSale> {
      if (args.currency !== settings.currency) {
        throw new InvalidArgumentError(`Poster takes ${settings.currency} only; the order is in ${args.currency}.`);
      }
      const body = toPosterIncomingOrder(order, args, spotFor(args.locationId));
      const existing = await findByKey(args.idempotencyKey, args.signal);
      if (existing) return toSale(existing, args.idempotencyKey);
      const created = await client.request({
        method: 'POST',
        path: '/incomingOrders.createIncomingOrder',
        json: body,
        schema: envelope(PosterIncomingOrder),
        priority: 'orders',
        signal: args.signal,
      });
      return toSale(created.data.response, args.idempotencyKey);
    },

    // https://dev.joinposter.com/en/docs/v3/web/incomingOrders/getIncomingOrder
    async getSale(ref, options = {}) {
      if ('idempotencyKey' in ref) {
        const found = await findByKey(ref.idempotencyKey, options.signal);
        return found ? toSale(found, ref.idempotencyKey) : null;
      }
      const order = await get(
        'incomingOrders.getIncomingOrder',
        PosterIncomingOrder.nullable(),
        { incoming_order_id: ref.saleId },
        options.signal,
      ).catch((error: unknown) => {
        if (ChannelHttpError.isInstance(error) && NOT_FOUND.has(error.vendorCode ?? '')) return null;
        throw error;
      });
      const key = order?.comment?.match(/\[omnisync:([^\]]+)\]/)?.[1] ?? '';
      return order ? toSale(order, key) : null;
    },

    async allowedCurrencies() {
      return [settings.currency];
    },

    // https://dev.joinposter.com/en/docs/v3/web/access/getSpots
    async listSpots(options = {}) {
      const spots = await get('access.getSpots', z.array(PosterSpot), {}, options.signal);
      return spots.map((s) => ({
        id: s.spot_id,
        name: s.spot_name,
        address: s.spot_adress ?? null,
        storageIds: s.storages.map((x) => x.storage_id),
      }));
    },
  };
  const secret = settings.applicationSecret;
  if (secret !== undefined) {
    // https://dev.joinposter.com/en/docs/v3/web/webhooks: incoming_order "changed" = accepted or rejected.
    connector.parseWebhook = async (request: WebhookRequestV1): Promise<PosWebhookEventV1[]> => {
      const body = verifyPosterWebhook(request, secret);
      if (body.object !== 'incoming_order' || body.action === 'removed') return [];
      const sale = await connector.getSale!({ saleId: body.object_id });
      if (!sale) return [];
      return [
        {
          type: 'sale.status',
          saleId: sale.id,
          status: sale.status,
          deliveryId: `${body.account}:${body.object_id}:${body.time}`,
        },
      ];
    };
  }
  return connector;
}
