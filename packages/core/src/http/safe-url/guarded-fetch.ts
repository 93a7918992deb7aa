import { type LookupAddress, lookup } from 'node:dns';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';
import { Readable } from 'node:stream';
import { UnsafeUrlError } from '../unsafe-url-error';
import { classifyAddress, METADATA_HOSTNAMES } from './address-ranges';

/** Options of `createGuardedFetch`. */
export interface GuardedFetchOptions {
  /** Accept loopback, private and link-local addresses (metadata stays refused). */
  allowPrivateNetwork?: boolean;
}

function refusedAddress(address: string, allowPrivateNetwork: boolean): string | null {
  const found = classifyAddress(address);
  if (!found || (found.kind !== 'metadata' && allowPrivateNetwork)) return null;
  return found.kind === 'metadata' ? `cloud metadata (${found.label})` : `${found.kind} (${found.label})`;
}

/** A `lookup` for sockets that refuses to connect to an address the guard forbids. */
function guardedLookup(allowPrivateNetwork: boolean): LookupFunction {
  return (hostname, options, callback) => {
    lookup(hostname, { ...options, all: true }, (error, addresses: LookupAddress[]) => {
      if (error) return callback(error, '', 4);
      for (const { address } of addresses) {
        const refused = refusedAddress(address, allowPrivateNetwork);
        if (refused) {
          return callback(new UnsafeUrlError(hostname, `connects to ${address}, a ${refused} address`), '', 4);
        }
      }
      if (options.all) return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, addresses);
      const first = addresses[0]!;
      callback(null, first.address, first.family);
    });
  };
}

function toHeaders(message: IncomingMessage): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(message.headers)) {
    if (Array.isArray(value)) for (const v of value) headers.append(name, v);
    else if (value !== undefined) headers.set(name, value);
  }
  return headers;
}

const NULL_BODY_STATUSES = new Set([101, 204, 205, 304]);

/**
 * A `fetch` (for `createHttpClient({ fetch })`) that checks the address each
 * connection actually goes to, so a store domain that passed
 * `assertSafeBaseUrl` cannot later re-resolve into the private network or a
 * metadata service (DNS rebinding). Built on `node:http`/`node:https`;
 * responses are not decompressed (it asks for none) and redirects are not
 * followed (the client handles them).
 */
export function createGuardedFetch(options: GuardedFetchOptions = {}): typeof fetch {
  const allowPrivateNetwork = options.allowPrivateNetwork ?? false;
  const lookupFn = guardedLookup(allowPrivateNetwork);
  const guarded = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const request = input instanceof Request && init === undefined ? input : new Request(input, init);
    const url = new URL(request.url);
    const host = url.hostname.replace(/^\[|\]$/g, '');
    if (METADATA_HOSTNAMES.has(host.toLowerCase())) throw new UnsafeUrlError(host, 'it is a cloud metadata host');
    const refused = refusedAddress(host, allowPrivateNetwork);
    if (refused) throw new UnsafeUrlError(host, `it is a ${refused} address`);
    const body = request.body ? Buffer.from(await request.arrayBuffer()) : undefined;
    const headers = Object.fromEntries(request.headers);
    headers['accept-encoding'] = 'identity';
    return new Promise<Response>((resolve, reject) => {
      const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
      const outgoing = send(
        url,
        { method: request.method, headers, lookup: lookupFn, signal: request.signal },
        (res) => {
          const status = res.statusCode ?? 502;
          const empty = NULL_BODY_STATUSES.has(status) || request.method === 'HEAD';
          if (empty) res.resume();
          const stream = empty ? null : (Readable.toWeb(res) as unknown as ReadableStream<Uint8Array>);
          resolve(new Response(stream, { status, statusText: res.statusMessage, headers: toHeaders(res) }));
        },
      );
      outgoing.on('error', reject);
      outgoing.end(body);
    });
  };
  return guarded as typeof fetch;
}
