import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type Omnisync, OmnisyncError, WebhookSignatureError } from '@omnisync/core';

function readRawBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function headersOf(req: IncomingMessage): Record<string, string | undefined> {
  return Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(', ') : v]));
}

/**
 * A plain Node HTTP server that receives channel webhooks at `/webhooks/<channelId>`.
 * Signatures are verified over the raw body (never re-serialised JSON).
 * Answers: 200 imported (or a duplicate: nothing to do), 401 forged, 503 "retry later"
 * (the channel re-sends; polling catches it anyway), 404 unknown channel.
 */
export async function startWebhookServer(
  omni: Omnisync,
): Promise<{ url: string; server: Server; close(): Promise<void> }> {
  const server = createServer(async (req, res) => {
    const channelId = req.url?.match(/^\/webhooks\/([\w-]+)$/)?.[1];
    if (req.method !== 'POST' || !channelId || !omni.channelIds.includes(channelId)) {
      res.writeHead(404).end();
      return;
    }
    const rawBody = await readRawBody(req);
    try {
      const report = await omni.ingestWebhook(channelId, { headers: headersOf(req), rawBody });
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(report));
    } catch (error) {
      if (WebhookSignatureError.isInstance(error)) res.writeHead(401).end('bad signature');
      else if (OmnisyncError.isInstance(error) && error.retryable) res.writeHead(503).end('retry later');
      else res.writeHead(500).end('error');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    server,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
