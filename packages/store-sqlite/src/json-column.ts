import { StoreError } from '@omnisync/core';

/** Serialise a value for a JSON column, with a clear error when it is not JSON (a BigInt, a cycle...). */
export function toJson(value: unknown, what: string): string {
  try {
    return JSON.stringify(value ?? null);
  } catch (cause) {
    throw new StoreError('STORE_ERROR', `Cannot store ${what}: it is not JSON-serialisable (BigInt, cycle...).`, {
      cause,
    });
  }
}

/** Read a JSON column. */
export function fromJson<T = unknown>(text: string): T {
  return JSON.parse(text) as T;
}

/** Read a nullable JSON column (SQL NULL stays null). */
export function fromNullableJson<T = unknown>(text: string | null): T | null {
  return text === null ? null : (JSON.parse(text) as T);
}
