import { InvalidArgumentError } from '@omnisync/core';

/** Page tokens for lists ordered by (channel id, key): opaque to callers, a JSON pair here. */
export function encodePageToken(channelId: string, key: string): string {
  return JSON.stringify([channelId, key]);
}

/** The (channel id, key) a page token points after, or null for the first page. */
export function decodePageToken(token: string | null | undefined): [string, string] | null {
  if (!token) return null;
  let value: unknown;
  try {
    value = JSON.parse(token);
  } catch {
    value = null;
  }
  if (Array.isArray(value) && value.length === 2 && value.every((v) => typeof v === 'string')) {
    return value as [string, string];
  }
  throw new InvalidArgumentError(
    '`after` is not a page token of this SQLite store: pass the `next` of a previous page.',
  );
}
