import { z } from 'zod';

/** A decimal amount as a string (`"12.50"`, `"-3"`): never a float. */
export const DecimalString = z
  .string()
  .regex(/^-?\d+(\.\d+)?$/, 'expected a decimal string such as "12.50"')
  .describe('A decimal amount as a string, e.g. "12.50".');

/** An ISO 4217 currency code, upper case (`"IDR"`, `"USD"`). */
export const CurrencyCode = z
  .string()
  .regex(/^[A-Z]{3}$/, 'expected an ISO 4217 code such as "IDR"')
  .describe('ISO 4217 currency code.');

/** Money: a decimal string amount and its currency. */
export const Money = z.object({ amount: DecimalString, currency: CurrencyCode });
export type Money = z.infer<typeof Money>;

/** Make a Money value from a decimal string or an integer number of units. */
export function money(amount: string | number, currency: string): Money {
  const text = typeof amount === 'number' ? String(amount) : amount;
  return Money.parse({ amount: text, currency });
}

/** Convert a Money amount into integer minor units (e.g. cents), exactly. */
export function toMinorUnits(value: Money | string, decimals = 2): bigint {
  const text = typeof value === 'string' ? value : value.amount;
  const negative = text.startsWith('-');
  const [whole = '0', fraction = ''] = text.replace('-', '').split('.');
  const padded = (fraction + '0'.repeat(decimals)).slice(0, decimals);
  const units = BigInt(whole) * 10n ** BigInt(decimals) + BigInt(padded || '0');
  return negative ? -units : units;
}

/** Convert integer minor units back into a decimal string. */
export function fromMinorUnits(units: bigint | number, decimals = 2): string {
  const n = BigInt(units);
  const negative = n < 0n;
  const abs = negative ? -n : n;
  if (decimals === 0) return `${negative ? '-' : ''}${abs}`;
  const base = 10n ** BigInt(decimals);
  const fraction = (abs % base).toString().padStart(decimals, '0');
  return `${negative ? '-' : ''}${abs / base}.${fraction}`;
}
