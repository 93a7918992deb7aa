import { ChannelPayloadError, InvalidArgumentError, WebhookSignatureError } from '@omnisync/core';
import { hmacSha256Base64, timingSafeEqualString } from '@omnisync/core/http';

/** Header: the message id, the same on every retry (the receiver's idempotency key). */
export const WEBHOOK_ID = 'webhook-id';
/** Header: Unix seconds of this delivery attempt. */
export const WEBHOOK_TIMESTAMP = 'webhook-timestamp';
/** Header: space-separated `v1,<base64>` signatures, one per secret. */
export const WEBHOOK_SIGNATURE = 'webhook-signature';

/** Default tolerance between a delivery's timestamp and the receiver's clock (the reference library's 5 minutes). */
export const DEFAULT_TOLERANCE_SECONDS = 5 * 60;

const PREFIX = 'whsec_';

/** Headers as a record (any case, Node's string arrays allowed) or a `Headers` object. */
export type HeadersLike = Headers | Record<string, string | string[] | undefined>;

/**
 * The HMAC key of a `whsec_` secret: its base64 payload decoded. The prefix is
 * optional, as in the reference libraries.
 */
export function decodeSecret(secret: string): Buffer {
  const encoded = secret.startsWith(PREFIX) ? secret.slice(PREFIX.length) : secret;
  const key = Buffer.from(encoded, 'base64');
  if (encoded.length === 0 || key.length === 0) {
    throw new InvalidArgumentError('A webhook secret must be "whsec_" followed by base64 bytes.');
  }
  return key;
}

/** The `v1,<base64>` signature of one message under one secret: HMAC-SHA256 of `id.timestamp.body`. */
export function signatureFor(secret: string, id: string, timestamp: number, body: string | Uint8Array): string {
  const content = Buffer.concat([Buffer.from(`${id}.${timestamp}.`), Buffer.from(body)]);
  return `v1,${hmacSha256Base64(decodeSecret(secret), content)}`;
}

/** What `signWebhook` takes. */
export interface SignWebhookArgs {
  /** The message id: the same on every retry of one message (the receiver's idempotency key). No `.` allowed. */
  id: string;
  /** Unix seconds of this attempt (default: now). */
  timestamp?: number;
  /** The exact body that will be sent. */
  body: string | Uint8Array;
  /** The current secret first, then older ones still accepted during a rotation. */
  secrets: string | readonly string[];
}

/**
 * Sign a delivery in the Standard Webhooks format: returns the `webhook-id`,
 * `webhook-timestamp` and `webhook-signature` headers (one `v1,` signature per
 * secret, space-separated, for zero-downtime rotation).
 */
export function signWebhook(args: SignWebhookArgs): Record<string, string> {
  if (args.id.includes('.')) throw new InvalidArgumentError('A webhook message id must not contain ".".');
  const timestamp = args.timestamp ?? Math.floor(Date.now() / 1000);
  const secrets = typeof args.secrets === 'string' ? [args.secrets] : args.secrets;
  if (secrets.length === 0) throw new InvalidArgumentError('signWebhook needs at least one secret.');
  return {
    [WEBHOOK_ID]: args.id,
    [WEBHOOK_TIMESTAMP]: String(timestamp),
    [WEBHOOK_SIGNATURE]: secrets.map((s) => signatureFor(s, args.id, timestamp, args.body)).join(' '),
  };
}

/** Options of `verifyWebhook`. */
export interface VerifyWebhookOptions {
  /** Largest accepted distance between the timestamp and now, in seconds (default 300). */
  toleranceSeconds?: number;
  /** The receiver's clock in ms (tests). */
  now?: () => number;
}

/** A delivery that passed verification. */
export interface VerifiedWebhook {
  id: string;
  /** Unix seconds. */
  timestamp: number;
  /** The body parsed as JSON (`undefined` for an empty body). */
  payload: unknown;
}

/** Read a header from either headers shape, case-insensitively. */
export function readHeader(headers: HeadersLike, name: string): string | undefined {
  if (headers instanceof Headers) return headers.get(name) ?? undefined;
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() === name) return Array.isArray(value) ? value[0] : value;
  }
  return undefined;
}

/**
 * Verify a Standard Webhooks delivery on the receiving side: the signature of
 * `id.timestamp.rawBody` under any of `secrets` (timing-safe), and a timestamp
 * within the tolerance (replays and stale deliveries are refused). Throws
 * `WebhookSignatureError` saying what failed, never a secret or a signature.
 * Pass the raw body exactly as received, not re-serialised JSON.
 */
export function verifyWebhook(
  headers: HeadersLike,
  rawBody: string | Uint8Array,
  secrets: string | readonly string[],
  options: VerifyWebhookOptions = {},
): VerifiedWebhook {
  const id = readHeader(headers, WEBHOOK_ID);
  const stamp = readHeader(headers, WEBHOOK_TIMESTAMP);
  const signatures = readHeader(headers, WEBHOOK_SIGNATURE);
  if (!id || !stamp || !signatures) {
    throw new WebhookSignatureError('webhook', 'missing webhook-id, webhook-timestamp or webhook-signature header');
  }
  const timestamp = /^\d+$/.test(stamp) ? Number(stamp) : Number.NaN;
  if (!Number.isSafeInteger(timestamp))
    throw new WebhookSignatureError('webhook', 'webhook-timestamp is not Unix seconds');
  const now = Math.floor((options.now ?? Date.now)() / 1000);
  const tolerance = options.toleranceSeconds ?? DEFAULT_TOLERANCE_SECONDS;
  if (now - timestamp > tolerance) throw new WebhookSignatureError('webhook', `timestamp is older than ${tolerance}s`);
  if (timestamp - now > tolerance)
    throw new WebhookSignatureError('webhook', `timestamp is more than ${tolerance}s ahead`);
  const list = typeof secrets === 'string' ? [secrets] : secrets;
  const expected = list.map((s) => signatureFor(s, id, timestamp, rawBody));
  const offered = signatures.split(' ').filter((s) => s.startsWith('v1,'));
  const match = offered.some((sig) => expected.some((e) => timingSafeEqualString(sig, e)));
  if (!match) throw new WebhookSignatureError('webhook', 'no signature matches');
  const text = typeof rawBody === 'string' ? rawBody : Buffer.from(rawBody).toString('utf8');
  return { id, timestamp, payload: parseJson(text) };
}

function parseJson(text: string): unknown {
  if (text.length === 0) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    throw new ChannelPayloadError('webhook', 'webhook body', [{ path: '', message: 'expected JSON' }]);
  }
}

/** Make a new `whsec_` secret (32 random bytes) for a webhook endpoint. */
export function generateWebhookSecret(): string {
  return `${PREFIX}${Buffer.from(crypto.getRandomValues(new Uint8Array(32))).toString('base64')}`;
}
