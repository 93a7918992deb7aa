import type { z } from 'zod';
import type { VendorError } from './http-client-types';

/** How to read one vendor's error body. */
export interface ErrorBodyParserOptions<S extends z.ZodType> {
  /** The error body's shape; a body that does not match gives `null` (no vendor details). */
  schema: S;
  /** The vendor's error code, e.g. `body.code` or `body.errors[0].code`. */
  vendorCode: (body: z.output<S>) => string | number | null | undefined;
  /** The vendor's message (kept redacted on the error, never in its `message`). */
  message?: (body: z.output<S>) => string | null | undefined;
  /** Override the class of failure, e.g. `rate_limited` for a vendor code that means throttled. */
  kind?: (body: z.output<S>, status: number) => VendorError['kind'] | undefined;
}

/**
 * Make a `parseErrorBody` (or `detectBodyError`) function from a zod schema
 * of the vendor's error body: one line per vendor instead of hand-written
 * type guards.
 *
 * @example
 * const parseErrorBody = createErrorBodyParser({
 *   schema: z.object({ code: z.string(), message: z.string().nullish() }),
 *   vendorCode: (b) => b.code,
 *   message: (b) => b.message,
 * });
 */
export function createErrorBodyParser<S extends z.ZodType>(
  options: ErrorBodyParserOptions<S>,
): (status: number, body: unknown) => VendorError | null {
  return (status, body) => {
    const parsed = options.schema.safeParse(body);
    if (!parsed.success) return null;
    const code = options.vendorCode(parsed.data);
    if (code === null || code === undefined || code === '') return null;
    return {
      vendorCode: String(code),
      message: options.message?.(parsed.data) ?? null,
      kind: options.kind?.(parsed.data, status),
    };
  };
}
