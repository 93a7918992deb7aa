/**
 * Redaction of secrets from anything omnisync prints, logs, throws or emits.
 *
 * Two nets: values registered as secrets (every `secretString()` setting is
 * registered when settings are parsed) are replaced wherever they occur, and
 * values under sensitive names (headers, query parameters, JSON keys) are
 * replaced whatever they are.
 */

export const REDACTED = '[redacted]';

const registered = new Set<string>();
let pattern: RegExp | null = null;

/** Names whose values are always secret, compared case-insensitively, `-` and `_` alike. */
export const SENSITIVE_NAMES: ReadonlySet<string> = new Set(
  [
    'authorization',
    'proxy-authorization',
    'cookie',
    'set-cookie',
    'x-api-key',
    'api-key',
    'apikey',
    'api_key',
    'access_token',
    'refresh_token',
    'id_token',
    'token',
    'client_secret',
    'consumer_key',
    'consumer_secret',
    'app_secret',
    'partner_key',
    'secret',
    'password',
    'sign',
    'signature',
    'x-wc-webhook-signature',
    'x-shopify-access-token',
    'x-shopify-hmac-sha256',
    'x-amz-access-token',
    'webhook-signature',
    'verify',
  ].map(normaliseName),
);

function normaliseName(name: string): string {
  return name.toLowerCase().replaceAll('_', '-');
}

/** True when a header, query parameter or JSON key of this name holds a secret. */
export function isSensitiveName(name: string): boolean {
  return SENSITIVE_NAMES.has(normaliseName(name));
}

/** Register a value that must never be printed. Short values (under 4 chars) are ignored. */
export function registerSecret(value: string | null | undefined): void {
  if (typeof value !== 'string' || value.length < 4 || registered.has(value)) return;
  registered.add(value);
  pattern = null;
}

function secretsPattern(): RegExp | null {
  if (registered.size === 0) return null;
  if (!pattern) {
    const alternatives = [...registered]
      .sort((a, b) => b.length - a.length)
      .flatMap((s) => [s, encodeURIComponent(s)])
      .map((s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
    pattern = new RegExp([...new Set(alternatives)].join('|'), 'g');
  }
  return pattern;
}

const QUERY_PAIR = /([?&;]|^)([^=&;?#\s]+)=([^&;#\s]*)/g;
const BEARER = /\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]+/gi;

/** Replace registered secrets, sensitive query parameters and bearer tokens in a text. */
export function redactText(text: string): string {
  let out = text;
  const p = secretsPattern();
  if (p) out = out.replace(p, REDACTED);
  out = out.replace(QUERY_PAIR, (all, sep: string, key: string) =>
    isSensitiveName(decodeSafe(key)) ? `${sep}${key}=${REDACTED}` : all,
  );
  return out.replace(BEARER, (_all, scheme: string) => `${scheme} ${REDACTED}`);
}

function decodeSafe(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** Deep-copy a JSON-like value with sensitive keys and registered secrets redacted. Cycles become `[circular]`. */
export function redactValue<T>(value: T, seen = new WeakSet<object>()): T {
  if (typeof value === 'string') return redactText(value) as T;
  if (value === null || typeof value !== 'object') return value;
  if (seen.has(value)) return '[circular]' as T;
  seen.add(value);
  if (Array.isArray(value)) return value.map((v) => redactValue(v, seen)) as T;
  if (value instanceof Date) return value;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
    out[key] = isSensitiveName(key) && v != null && v !== '' ? REDACTED : redactValue(v, seen);
  }
  return out as T;
}

/** Redact a header record (any header with a sensitive name is replaced). */
export function redactHeaders(headers: Record<string, string | undefined> | Headers): Record<string, string> {
  const entries = headers instanceof Headers ? [...headers.entries()] : Object.entries(headers);
  const out: Record<string, string> = {};
  for (const [k, v] of entries) {
    if (v === undefined) continue;
    out[k] = isSensitiveName(k) ? REDACTED : redactText(v);
  }
  return out;
}

/** Redact a URL: sensitive query parameters and registered secrets. */
export function redactUrl(url: string | URL): string {
  return redactText(String(url));
}
