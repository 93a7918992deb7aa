import type { OrderStatus } from '@omnisync/core';
import { z } from 'zod';
import type { MockChannel } from '../channel/mock-channel';
import { MockFaultsSchema } from '../mock-settings';
import { json, type MockHttpResponse, RestRefusal } from './rest-types';

/*
 * `/_mock/*`: act as the marketplace's shoppers and sellers, and read its
 * ground truth, from another process (a demo, a benchmark, an end-to-end test
 * that started `omnisync-mock`). Same API key; no rate limit, no faults.
 */

const Sale = z.object({
  sku: z.string().min(1).optional(),
  listing_id: z.string().min(1).optional(),
  variant_id: z.string().nullish(),
  quantity: z.number().int().positive().default(1),
  status: z.enum(['unpaid', 'paid']).default('unpaid'),
  allow_oversell: z.boolean().default(false),
});
const Stock = z.object({ stock: z.number().int() });

const ACTIONS: Record<string, OrderStatus> = {
  pay: 'paid',
  accept: 'accepted',
  ship: 'shipped',
  complete: 'completed',
  cancel: 'cancelled',
  return: 'returned',
};

function body<S extends z.ZodType>(schema: S, text: string): z.output<S> {
  let data: unknown;
  try {
    data = JSON.parse(text || '{}');
  } catch {
    throw new RestRefusal(400, 'BAD_REQUEST', 'the body is not JSON');
  }
  const parsed = schema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new RestRefusal(400, 'BAD_REQUEST', `${issue?.path.join('.') || 'body'}: ${issue?.message ?? 'invalid'}`);
  }
  return parsed.data;
}

/** Run an action a test helper would; its usage errors (short stock, bad move) become 409s. */
function act(run: () => unknown): MockHttpResponse {
  try {
    return json(200, run());
  } catch (error) {
    if (error instanceof RestRefusal) throw error;
    throw new RestRefusal(409, 'REFUSED', (error as Error).message);
  }
}

/** Answer a `/_mock/*` request, or `null` when the path is not a control route. */
export function handleControl(
  channel: MockChannel,
  method: string,
  path: string,
  text: string,
): MockHttpResponse | null {
  const market = channel.marketplace;
  if (method === 'POST' && path === '/_mock/orders') {
    const s = body(Sale, text);
    if (!s.sku && !s.listing_id) throw new RestRefusal(400, 'BAD_REQUEST', 'sku or listing_id is required');
    return act(() => {
      const order = channel.sell({
        ...(s.listing_id ? { listingId: s.listing_id, variantId: s.variant_id ?? null } : { sku: s.sku as string }),
        quantity: s.quantity,
        status: s.status,
        allowOversell: s.allow_oversell,
      });
      return market.orderBook.get(order.externalId)?.raw;
    });
  }
  const move = /^\/_mock\/orders\/([^/]+)\/(pay|accept|ship|complete|cancel|return)$/.exec(path);
  if (method === 'POST' && move) {
    const id = decodeURIComponent(move[1] as string);
    return act(() => {
      channel.setOrderStatus(id, ACTIONS[move[2] as string] as OrderStatus);
      return market.orderBook.get(id)?.raw;
    });
  }
  const stock = /^\/_mock\/listings\/([^/]+)\/stock$/.exec(path);
  if (method === 'PUT' && stock) {
    const { stock: quantity } = body(Stock, text);
    return act(() => channel.setQuantity({ listingId: decodeURIComponent(stock[1] as string) }, quantity));
  }
  if (method === 'PUT' && path === '/_mock/faults') {
    const faults = body(MockFaultsSchema, text);
    channel.setFaults(faults);
    return json(200, faults);
  }
  if (method === 'GET' && path === '/_mock/faults/log') return json(200, { items: channel.faultLog });
  if (method === 'GET' && path === '/_mock/calls') return json(200, { items: channel.calls });
  return null;
}
