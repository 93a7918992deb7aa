import { HttpResponse, http } from 'msw';

/** The token of Poster's documentation examples. */
export const POSTER_TOKEN = '687409:4164553abf6a031302898da7800b59fb';
/** The application secret of Poster's webhook example. */
export const POSTER_APP_SECRET = 'fe2bc8e865d8fc2236968ee53c3b2bd5';
export const POSTER_API = 'https://joinposter.com/api';

type Raw = Record<string, unknown>;
/** A fault the fake applies to its next matching request. */
export type PosterFault = 'rate-restriction' | 'http-500' | 'lost-answer';

const posterError = (code: number, message: string) => HttpResponse.json({ error: { code, message } });
const dateOf = (text: string) => Date.parse(`${text.replace(' ', 'T')}Z`);

/**
 * A fake Poster account answering like Poster's API documentation
 * (joinposter/docs en/web/...): the `{ response }` / `{ error: { code, message } }`
 * envelopes with HTTP 200, token in the query, the documented error codes
 * (11 bad token, 34 missing properties, 41 product not found, 42 modification
 * not found, 52 date range over 3 days, 60 location not found, 700 rate
 * restriction, 4001 invalid currency), incoming orders kept in memory.
 */
export function createPosterBackend(init: { products: Raw[]; leftovers?: Raw[]; spots?: Raw[]; currency?: string }) {
  const incomingOrders: Raw[] = [];
  const calls: { method: string; name: string; query: Record<string, string>; body: Raw | null }[] = [];
  const faults: { name: string; fault: PosterFault }[] = [];
  const spots = init.spots ?? [{ spot_id: '1', spot_name: 'Main', spot_adress: '', storages: [{ storage_id: 1, storage_name: 'Main' }] }];
  const currency = init.currency ?? 'UAH';
  let clock = () => Date.now();

  function takeFault(name: string): PosterFault | undefined {
    const at = faults.findIndex((f) => f.name === name);
    return at < 0 ? undefined : faults.splice(at, 1)[0]!.fault;
  }

  function read(name: string, query: URLSearchParams) {
    if (name === 'menu.getProducts') return HttpResponse.json({ response: init.products });
    if (name === 'access.getSpots') return HttpResponse.json({ response: spots });
    if (name === 'storage.getStorageLeftovers') return HttpResponse.json({ response: init.leftovers ?? [] });
    if (name === 'incomingOrders.getIncomingOrder') {
      const found = incomingOrders.find((o) => String(o.incoming_order_id) === query.get('incoming_order_id'));
      return found ? HttpResponse.json({ response: found }) : posterError(32, "The ID doesn't exist");
    }
    if (name === 'incomingOrders.getIncomingOrders') {
      const from = query.get('date_from') ? dateOf(query.get('date_from')!) : -Infinity;
      const to = query.get('date_to') ? dateOf(query.get('date_to')!) : Infinity;
      if (to - from > 3 * 86_400_000) return posterError(52, 'The date range must be no more than 3 days');
      const inRange = incomingOrders.filter((o) => dateOf(String(o.created_at)) >= from && dateOf(String(o.created_at)) <= to);
      return HttpResponse.json({ response: inRange });
    }
    return posterError(20, 'The application is not authorized to call this method');
  }

  function create(body: Raw) {
    const products = (body.products ?? []) as Raw[];
    if (!body.spot_id || products.length === 0 || (!body.phone && !body.client_id)) {
      return posterError(34, 'Absence of required properties');
    }
    if (!spots.some((s) => String(s.spot_id) === String(body.spot_id))) return posterError(60, 'Location not found');
    for (const line of products) {
      const product = init.products.find((p) => String(p.product_id) === String(line.product_id));
      if (!product) return posterError(41, 'Product not found');
      const modifications = (product.modifications ?? []) as Raw[];
      if (line.modificator_id && !modifications.some((m) => String(m.modificator_id) === String(line.modificator_id))) {
        return posterError(42, 'Product modification not found');
      }
      const groups = (product.group_modifications ?? []) as { modifications: Raw[] }[];
      const known = new Set(groups.flatMap((g) => g.modifications.map((m) => String(m.dish_modification_id))));
      for (const m of JSON.parse(String(line.modification ?? '[]')) as { m: number }[]) {
        if (!known.has(String(m.m))) return posterError(42, 'Product modification not found');
      }
    }
    const payment = body.payment as Raw | undefined;
    if (payment && payment.currency !== currency) return posterError(4001, 'Invalid currency');
    const now = new Date(clock()).toISOString().slice(0, 19).replace('T', ' ');
    const id = incomingOrders.length + 1;
    const order = {
      incoming_order_id: id,
      spot_id: Number(body.spot_id),
      status: 0,
      client_id: 0,
      phone: body.phone ?? null,
      comment: body.comment ?? null,
      created_at: now,
      updated_at: now,
      transaction_id: null,
      products: products.map((p, n) => ({
        io_product_id: n + 1,
        product_id: p.product_id,
        modificator_id: p.modificator_id ?? null,
        incoming_order_id: id,
        count: p.count,
        created_at: now,
      })),
    };
    incomingOrders.push(order);
    return order;
  }

  const handlers = [
    http.all(`${POSTER_API}/:name`, async ({ request, params }) => {
      const url = new URL(request.url);
      const name = String(params.name);
      const body = request.method === 'POST' ? ((await request.json()) as Raw) : null;
      calls.push({ method: request.method, name, query: Object.fromEntries(url.searchParams), body });
      if (url.searchParams.get('token') !== POSTER_TOKEN) return posterError(11, 'Bad access token');
      const fault = takeFault(name);
      if (fault === 'rate-restriction') return posterError(700, 'Rate restriction');
      if (fault === 'http-500') return new HttpResponse('Internal Server Error', { status: 500 });
      if (request.method === 'GET') return read(name, url.searchParams);
      if (name !== 'incomingOrders.createIncomingOrder') return posterError(20, 'Not allowed');
      const created = create(body ?? {});
      if (created instanceof Response) return created;
      if (fault === 'lost-answer') return new HttpResponse('Bad Gateway', { status: 502 });
      return HttpResponse.json({ response: created });
    }),
  ];

  return {
    handlers,
    incomingOrders,
    calls,
    /** Make the next request to `name` fail this way. */
    failNext(name: string, fault: PosterFault) {
      faults.push({ name, fault });
    },
    /** Set an incoming order's status, as the cashier does at the terminal (0 new, 1 accepted, 7 canceled). */
    setStatus(id: string | number, status: number) {
      const order = incomingOrders.find((o) => String(o.incoming_order_id) === String(id));
      if (order) order.status = status;
    },
    setClock(fn: () => number) {
      clock = fn;
    },
  };
}
