import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createStatusCallback, parseOrderExport, type ReceivedOrderExport } from '@omnisync/webhook';

/**
 * The POS side, as a restaurant's POS vendor would build it with
 * `@omnisync/webhook`: verify each delivery, create at most one kitchen
 * ticket per webhook-id, answer with the ticket id; serve the menu; and call
 * the platform back when the cashier accepts a ticket.
 */
export async function startKitchenPos(secret: string) {
  const tickets = new Map<string, { id: string; order: ReceivedOrderExport['event']['data']['order'] }>();
  let down = false;

  async function readBody(req: IncomingMessage): Promise<string> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString('utf8');
  }

  const server = createServer(async (req, res) => {
    const rawBody = await readBody(req);
    const reply = (status: number, body: unknown) =>
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    if (down) return reply(503, { error: { code: 'restarting', message: 'The POS is restarting' } });
    if (req.method === 'GET' && req.url === '/menu') {
      return reply(200, {
        currency: 'UAH',
        items: [
          {
            id: '101',
            sku: 'BORSCHT',
            name: 'Borscht',
            price: '120.00',
            modifiers: [{ id: '9', name: 'Sour cream', price: '15.00' }],
          },
          { id: '102', sku: 'VARENYKY', name: 'Varenyky', price: '140.00', modifiers: [] },
        ],
      });
    }
    try {
      // Verify before anything else: a forged or stale delivery never reaches the kitchen.
      const delivery = parseOrderExport(req.headers as Record<string, string>, rawBody, secret);
      const ticket = tickets.get(delivery.id) ?? { id: `T-${tickets.size + 1}`, order: delivery.event.data.order };
      tickets.set(delivery.id, ticket);
      reply(200, { saleId: ticket.id, status: 'open' });
    } catch {
      reply(401, { error: { code: 'bad_signature', message: 'Refused' } });
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    ordersUrl: `${base}/orders`,
    menuUrl: `${base}/menu`,
    tickets,
    /** Simulate a POS restart: every request gets a 503 until it is back. */
    setDown(value: boolean) {
      down = value;
    },
    /** The cashier accepts a ticket: the POS calls the platform back with a signed status event. */
    async accept(ticketId: string, idempotencyKey: string, callbackUrl: string) {
      const callback = createStatusCallback({ saleId: ticketId, idempotencyKey, status: 'accepted', secrets: secret });
      const response = await fetch(callbackUrl, { method: 'POST', headers: callback.headers, body: callback.body });
      if (!response.ok) throw new Error(`The platform refused the status callback (${response.status}).`);
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
