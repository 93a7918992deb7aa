/** Order rules that map the mock channel's methods, so orders import without waiting. */
export const CRASH_ORDER_RULES = {
  payments: { mapping: { bank_transfer: 'BANK', cod: 'CASH' }, default: 'OTHER' },
  delivery: { mapping: { standard: 'COURIER' }, default: 'COURIER' },
};
