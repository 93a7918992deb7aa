import type { ChannelOrder } from '../model/channel-order';
import { newClaim } from './import-order';
import { statusIn } from './import-rules';
import { freshLedgerData } from './order-ledger';
import type { OrdersEnv } from './orders-env';

/**
 * Claim a page's new orders in one store transaction: every importable order
 * the ledger has never seen gets its `pending` entry (with this worker's claim
 * and the order) at once, so importing each one needs a single commit more
 * instead of two. Orders already in the ledger are left to the order path.
 */
export async function claimNewOrders(
  env: OrdersEnv,
  channelId: string,
  orders: readonly ChannelOrder[],
): Promise<number> {
  const { ctx } = env;
  const rules = env.rulesOf(channelId);
  const importable = orders.filter((o) => statusIn(rules.statuses.import, o));
  if (importable.length === 0) return 0;
  return ctx.store.transaction(async (tx) => {
    let claimed = 0;
    for (const order of importable) {
      const result = await tx.insertLedgerEntry({
        tenantId: ctx.tenantId,
        channelId,
        externalId: order.externalId,
        state: 'pending',
        saleId: null,
        channelUpdatedAt: order.updatedAt,
        data: { ...freshLedgerData(), claim: newClaim(env), order } as unknown as Record<string, unknown>,
      });
      if (result.inserted) claimed++;
    }
    return claimed;
  });
}
