import type { VendorError } from '@omnisync/core/http';

/** Poster's documented error codes (https://dev.joinposter.com/en/docs/v3/web/errors). */
export const POSTER_ERROR_CODES: Readonly<Record<number, string>> = {
  10: 'access_token is not specified',
  11: 'Invalid access_token',
  12: 'access_token expired',
  20: 'The application is not authorized to call this method',
  32: 'The ID does not exist',
  34: 'Absence of required properties',
  41: 'Product not found',
  42: 'Product modification (or order) not found',
  43: 'Product in the order not found',
  52: 'The date range must be no more than 3 days',
  54: 'Access denied',
  60: 'Location not found',
  88: 'Total products sum not equal to payment sum',
  99: 'Entity repetition',
  142: 'Invalid verify',
  143: 'Invalid application_id',
  400: 'Invalid request format, required data missing',
  404: 'Record not found',
  700: 'Rate restriction',
  4001: 'Invalid currency',
};

const AUTH = new Set([10, 11, 12, 20, 54, 143]);

/**
 * Read Poster's `{ error: { code, message } }` body (Poster may send it with
 * HTTP 200): auth codes become `CHANNEL_AUTH`, 700 (rate restriction) a
 * retryable `CHANNEL_RATE_LIMITED`, the rest a refusal naming the code.
 */
export function readPosterError(_status: number, body: unknown): VendorError | null {
  const error = (body as { error?: { code?: unknown; message?: unknown } } | null)?.error;
  if (!error || typeof error !== 'object') return null;
  const code = Number(error.code);
  const message = typeof error.message === 'string' ? error.message : (POSTER_ERROR_CODES[code] ?? null);
  const kind = AUTH.has(code) ? 'auth' : code === 700 ? 'rate_limited' : 'client';
  return { vendorCode: String(error.code), message, kind };
}
