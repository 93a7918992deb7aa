import { z } from 'zod';

/*
 * Response envelopes of the mock REST API. Items stay `unknown` here and are
 * parsed one by one by the converters, so a malformed item names its field.
 */

/** `GET /api/v1/listings` and `GET /api/v1/orders`. */
export const OffsetPage = z.looseObject({ items: z.array(z.unknown()), total: z.number().int().nonnegative() });

/** `GET /api/v1/listings/scroll`. */
export const CursorPage = z.looseObject({
  items: z.array(z.unknown()),
  total: z.number().int().nonnegative().nullish(),
  next_cursor: z.string().nullish(),
});

/** `POST /api/v1/stock/batch`. */
export const StockBatchResponse = z.looseObject({
  results: z.array(
    z.looseObject({
      item_id: z.string(),
      variant_id: z.string().nullish(),
      ok: z.boolean(),
      stock: z.number().int().nullish(),
      conflict: z.looseObject({ actual_stock: z.number().int() }).nullish(),
      error: z.looseObject({ code: z.string(), message: z.string() }).nullish(),
    }),
  ),
});

/** `GET /api/v1/payment-methods` and `/delivery-methods`. */
export const MethodList = z.looseObject({
  items: z.array(z.looseObject({ id: z.string(), title: z.string(), enabled: z.boolean() })),
});

/** The mock API's error body. */
export const ErrorBody = z.looseObject({ error: z.looseObject({ code: z.string(), message: z.string().nullish() }) });
