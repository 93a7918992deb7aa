import { ChannelPayloadError } from '../errors/errors';
import type { RejectedItemV1 } from './v1/channel-connector-v1';

/** A page's items parsed one by one: the valid ones and the rejected ones. */
export interface SplitPageItems<T> {
  items: T[];
  rejected: RejectedItemV1[];
}

/**
 * Parse each raw item of a page on its own, for connectors building a
 * `PageV1`: an item whose `parse` throws `ChannelPayloadError` becomes a
 * `rejected` entry (with its id, read by `idOf`, when it can be read) instead
 * of failing the page. Any other error (a bug, an abort) is rethrown.
 */
export function splitPageItems<T>(
  raws: readonly unknown[],
  parse: (raw: unknown) => T,
  idOf: (raw: unknown) => string | null,
): SplitPageItems<T> {
  const items: T[] = [];
  const rejected: RejectedItemV1[] = [];
  for (const raw of raws) {
    try {
      items.push(parse(raw));
    } catch (error) {
      if (!ChannelPayloadError.isInstance(error)) throw error;
      rejected.push({ id: safeId(idOf, raw), error });
    }
  }
  return { items, rejected };
}

/**
 * Read a raw item's id field, for `splitPageItems`: a non-empty string, or a
 * finite number as a string; anything else (missing, null, an object) is null.
 */
export function rawItemId(raw: unknown, field: string): string | null {
  if (typeof raw !== 'object' || raw === null) return null;
  const value = (raw as Record<string, unknown>)[field];
  if (typeof value === 'string' && value.trim() !== '') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return null;
}

function safeId(idOf: (raw: unknown) => string | null, raw: unknown): string | null {
  try {
    return idOf(raw);
  } catch {
    return null;
  }
}
