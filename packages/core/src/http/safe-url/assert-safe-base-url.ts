import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { UnsafeUrlError } from '../unsafe-url-error';
import { type AddressClass, classifyAddress, METADATA_HOSTNAMES } from './address-ranges';

/** Options of `assertSafeBaseUrl`. */
export interface SafeUrlOptions {
  /** `production` requires HTTPS; `staging` and `test` accept plain HTTP. */
  environment: 'production' | 'staging' | 'test';
  /**
   * Accept loopback, private and link-local hosts (tests, the mock, an ERP on
   * the same LAN). Cloud metadata addresses stay refused.
   */
  allowPrivateNetwork?: boolean;
  /** Resolve a host name to its addresses (default: `node:dns/promises` lookup, all addresses). */
  resolve?: (hostname: string) => Promise<string[]>;
}

const LOCAL_NAMES = /^(localhost|localhost\.localdomain|ip6-localhost|ip6-loopback)$|\.localhost$/;

async function resolveAll(hostname: string): Promise<string[]> {
  const records = await lookup(hostname, { all: true, verbatim: true });
  return records.map((r) => r.address);
}

function refuseClass(host: string, kind: AddressClass, label: string, via?: string): never {
  const where = via ? `resolves to ${via}, ` : 'is ';
  const what =
    kind === 'metadata' ? 'a cloud metadata address' : `${/^[aeiou]/.test(kind) ? 'an' : 'a'} ${kind} address`;
  throw new UnsafeUrlError(host, `${where}${what} (${label})`);
}

/**
 * The checks that need no network: scheme, credentials in the URL, HTTPS in
 * production, metadata host names, and IP literals. Returns the parsed URL.
 */
export function assertSafeBaseUrlSyntax(input: string | URL, options: SafeUrlOptions): URL {
  let url: URL;
  try {
    url = new URL(String(input));
  } catch {
    throw new UnsafeUrlError('', 'it is not an absolute URL');
  }
  const host = url.hostname.toLowerCase().replace(/\.$/, '');
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new UnsafeUrlError(host, `the scheme "${url.protocol.replace(':', '')}" is not HTTP(S)`);
  }
  if (url.username || url.password) throw new UnsafeUrlError(host, 'it carries credentials; use the settings fields');
  if (options.environment === 'production' && url.protocol !== 'https:') {
    throw new UnsafeUrlError(host, 'production requires HTTPS');
  }
  if (METADATA_HOSTNAMES.has(host)) throw new UnsafeUrlError(host, 'it is a cloud metadata host');
  const literal = classifyAddress(host);
  if (literal && (literal.kind === 'metadata' || !options.allowPrivateNetwork)) {
    refuseClass(host, literal.kind, literal.label);
  }
  if (LOCAL_NAMES.test(host) && !options.allowPrivateNetwork) throw new UnsafeUrlError(host, 'it is a loopback host');
  return url;
}

/**
 * Check a user-entered base URL (a store domain typed into a settings form)
 * before any request goes to it: HTTPS in production; no loopback, private,
 * link-local or cloud-metadata host, checked on the literal and again on every
 * address the name resolves to, unless `allowPrivateNetwork` (metadata is
 * refused always). Throws `UnsafeUrlError` naming the host and the reason.
 * Returns the parsed URL.
 *
 * The check runs once; a host that re-resolves to another address later (DNS
 * rebinding) is not caught here.
 */
export async function assertSafeBaseUrl(input: string | URL, options: SafeUrlOptions): Promise<URL> {
  const url = assertSafeBaseUrlSyntax(input, options);
  const host = url.hostname
    .toLowerCase()
    .replace(/^\[|\]$/g, '')
    .replace(/\.$/, '');
  if (isIP(host) !== 0) return url;
  let addresses: string[];
  try {
    addresses = await (options.resolve ?? resolveAll)(host);
  } catch {
    throw new UnsafeUrlError(host, 'the host name does not resolve');
  }
  for (const address of addresses) {
    const found = classifyAddress(address);
    if (found && (found.kind === 'metadata' || !options.allowPrivateNetwork)) {
      refuseClass(host, found.kind, found.label, address);
    }
  }
  return url;
}
