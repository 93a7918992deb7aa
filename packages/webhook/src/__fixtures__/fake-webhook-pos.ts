import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { OmnisyncError } from '@omnisync/core';
import { parseOrderExport } from '../receiver';
import { verifyWebhook } from '../standard-webhooks';
import type { CatalogResponse, OrderExportEvent } from '../webhook-payloads';

/** A whsec_ secret for tests (24 bytes: the reference libraries' test key). */
export const TEST_SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';

/** One delivery as the fake POS saw it. */
export interface Delivery {
  headers: Record<string, string>;
  body: string;
  status: number;
}

/**
 * A POS that receives exports over real loopback HTTP, the way a POS built
 * with this package's receiver helper would: it verifies each delivery,
 * keeps one sale per webhook-id, knows its catalog, and can be told to fail
 * (503) or stall (longer than the sender's timeout) on its next deliveries.
 */
export async function startFakeWebhookPos(options: { secrets?: string[]; catalog?: CatalogResponse } = {}) {
  const secrets = options.secrets ?? [TEST_SECRET];
  const sales = new Map<string, { id: string; event: OrderExportEvent }>();
  const deliveries: Delivery[] = [];
  const faults: ('503' | 'stall')[] = [];
  const catalog = options.catalog ?? { currency: 'IDR', items: [] };

  function answer(res: ServerResponse, status: number, body: unknown): void {
    res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString('utf8');
    const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, String(v)]));
    const fault = req.method === 'POST' ? faults.shift() : undefined;
    const record = (status: number) => deliveries.push({ headers, body, status });
    try {
      if (req.method === 'GET') {
        verifyWebhook(headers, body, secrets);
        record(200);
        return answer(res, 200, catalog);
      }
      const received = parseOrderExport(headers, body, secrets);
      if (fault === 'stall') await new Promise((r) => setTimeout(r, 400));
      if (fault === '503') {
        record(503);
        return answer(res, 503, { error: { code: 'busy', message: 'try again' } });
      }
      const known = new Set(catalog.items.map((i) => i.id));
      const unknown = received.event.data.order.lines.find((l) => !known.has(l.productId));
      if (unknown) {
        record(422);
        return answer(res, 422, { error: { code: 'unknown_product', message: `no product ${unknown.productId}` } });
      }
      const sale = sales.get(received.id) ?? { id: `POS-${sales.size + 1}`, event: received.event };
      sales.set(received.id, sale);
      record(200);
      answer(res, 200, { saleId: sale.id, status: 'open' });
    } catch (error) {
      record(401);
      answer(res, 401, { error: { code: OmnisyncError.isInstance(error) ? error.code : 'error', message: 'refused' } });
    }
  }

  const server = createServer((req, res) => void handle(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/omnisync/orders`,
    catalogUrl: `http://127.0.0.1:${port}/omnisync/catalog`,
    sales,
    deliveries,
    failNext: (...kinds: ('503' | 'stall')[]) => faults.push(...kinds),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
