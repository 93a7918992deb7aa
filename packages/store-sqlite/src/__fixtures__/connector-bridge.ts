/**
 * Serves connector objects (a mock channel, a mock POS) living in the test
 * process to worker processes over loopback HTTP, so that the "outside world"
 * survives when a worker is killed. A small JSON RPC: `GET /<name>` describes
 * the object, `POST /<name>/<method>` calls a method. Methods returning an
 * async iterable (listOrders, listListings, listItems) answer with all pages.
 */
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { OmnisyncError } from '@omnisync/core';

const PAGED = new Set(['listListings', 'listOrders', 'listItems']);

type Reply = { value?: unknown; pages?: unknown[]; error?: { code: string; message: string; retryable: boolean } };

async function body(req: IncomingMessage): Promise<string> {
  let text = '';
  for await (const chunk of req) text += chunk;
  return text;
}

async function call(target: Record<string, unknown>, method: string, args: unknown[]): Promise<Reply> {
  const fn = target[method];
  if (typeof fn !== 'function') return { error: { code: 'INVALID_ARGUMENT', message: `no ${method}`, retryable: false } };
  try {
    const result = fn.apply(target, args);
    if (result && typeof result === 'object' && Symbol.asyncIterator in result) {
      const pages: unknown[] = [];
      for await (const page of result as AsyncIterable<unknown>) pages.push(page);
      return { pages };
    }
    return { value: (await result) ?? null };
  } catch (error) {
    const e = OmnisyncError.isInstance(error) ? error : new OmnisyncError('STORE_ERROR', String(error));
    return { error: { code: e.code, message: e.message, retryable: e.retryable } };
  }
}

/** Serve `targets` on 127.0.0.1; returns the base URL. */
export async function serveConnectors(
  targets: Record<string, object>,
): Promise<{ url: string; close(): Promise<void> }> {
  const server = createServer(async (req, res) => {
    const [name = '', method] = (req.url ?? '').slice(1).split('/');
    const target = targets[name] as Record<string, unknown> | undefined;
    let reply: unknown;
    if (!target) reply = { error: { code: 'INVALID_ARGUMENT', message: `no ${name}`, retryable: false } };
    else if (!method) reply = describe(target);
    else reply = await call(target, method, JSON.parse((await body(req)) || '[]') as unknown[]);
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify(reply));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function describe(target: Record<string, unknown>): { props: Record<string, unknown>; methods: string[] } {
  const props: Record<string, unknown> = {};
  const methods: string[] = [];
  for (const key of Object.keys(target)) {
    if (typeof target[key] === 'function') methods.push(key);
    else if (isSmallJson(target[key])) props[key] = target[key];
  }
  return { props, methods };
}

/** Data props (capabilities, limits, ids) cross over; live state (a whole marketplace) does not. */
function isSmallJson(value: unknown): boolean {
  try {
    return (JSON.stringify(value)?.length ?? 0) < 10_000;
  } catch {
    return false;
  }
}

/** Drop AbortSignals: they do not cross a process boundary. */
const withoutSignals = (key: string, value: unknown) => (key === 'signal' ? undefined : value);

/** A proxy of the object served as `name`: same props, every method a call over HTTP. */
export async function connectConnector<T>(url: string, name: string): Promise<T> {
  const described = (await (await fetch(`${url}/${name}`)).json()) as ReturnType<typeof describe>;
  const post = async (method: string, args: unknown[]): Promise<Reply> => {
    const res = await fetch(`${url}/${name}/${method}`, {
      method: 'POST',
      body: JSON.stringify(args, withoutSignals),
    });
    const reply = (await res.json()) as Reply;
    if (reply.error) {
      throw new OmnisyncError(reply.error.code as never, reply.error.message, { retryable: reply.error.retryable });
    }
    return reply;
  };
  const proxy: Record<string, unknown> = { ...described.props };
  for (const method of described.methods) {
    proxy[method] = PAGED.has(method)
      ? async function* (...args: unknown[]) {
          yield* (await post(method, args)).pages ?? [];
        }
      : async (...args: unknown[]) => (await post(method, args)).value;
  }
  return proxy as T;
}
