import { createHash } from 'node:crypto';

/** What identifies one channel order everywhere: the ledger key. */
export interface OrderRef {
  tenantId: string;
  channelId: string;
  externalId: string;
}

/**
 * The idempotency key the POS receives for an order's sale: the same for every
 * retry, re-download, duplicated webhook and restart, and different for every
 * tenant + channel + external id. A short hash, so it fits any POS's key field;
 * `purpose` derives sibling keys (e.g. `payment`) for other writes of the same order.
 */
export function orderIdempotencyKey(ref: OrderRef, purpose = 'sale'): string {
  const digest = createHash('sha256')
    .update(JSON.stringify([ref.tenantId, ref.channelId, ref.externalId, purpose]))
    .digest('base64url')
    .slice(0, 32);
  return `os1-${purpose}-${digest}`;
}
