import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/** Bytes or text (text is encoded as UTF-8). */
export type BinaryLike = string | Uint8Array;

/** HMAC-SHA256 of `message` under `key`, lowercase hex (Shopee, TikTok Shop; upper-case it for Lazada). */
export function hmacSha256Hex(key: BinaryLike, message: BinaryLike): string {
  return createHmac('sha256', key).update(message).digest('hex');
}

/** HMAC-SHA256 of `message` under `key`, base64 (WooCommerce and Shopify webhooks, Standard Webhooks). */
export function hmacSha256Base64(key: BinaryLike, message: BinaryLike): string {
  return createHmac('sha256', key).update(message).digest('base64');
}

/** MD5 of `message`, lowercase hex. Only for vendors that still verify with it (Poster webhooks); never for new designs. */
export function md5Hex(message: BinaryLike): string {
  return createHash('md5').update(message).digest('hex');
}

/**
 * Compare two strings (signatures, tokens) in constant time for their length.
 * Different lengths return `false` without comparing contents.
 */
export function timingSafeEqualString(a: string, b: string): boolean {
  const left = Buffer.from(a, 'utf8');
  const right = Buffer.from(b, 'utf8');
  if (left.length !== right.length) return false;
  return timingSafeEqual(left, right);
}
