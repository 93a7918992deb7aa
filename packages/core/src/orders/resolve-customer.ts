import type { PosConnectorV1 } from '../connector/v1/pos-connector-v1';
import type { ChannelOrder } from '../model/channel-order';
import type { OrderImportRules } from './import-rules';

/** How the sale's customer was found. */
export type CustomerOutcome =
  | { customerId: string; via: 'vatNumber' | 'companyId' | 'phone' | 'email' | 'created' }
  | { customerId: null; via: 'no-customer' | 'no-match' | 'unsupported' };

/**
 * Find the order's buyer in the POS by the configured keys, in order (the
 * first match wins), or create them when none matches and the rules allow it.
 * A retry after a crash finds the customer the first attempt created, by the
 * same keys, instead of creating a second one.
 */
export async function resolveCustomer(
  pos: PosConnectorV1,
  order: ChannelOrder,
  rules: OrderImportRules['customers'],
  signal?: AbortSignal,
): Promise<CustomerOutcome> {
  const buyer = order.customer;
  if (!buyer) return { customerId: null, via: 'no-customer' };
  if (!pos.capabilities.customers || !pos.findCustomer || !pos.createCustomer) {
    return { customerId: null, via: 'unsupported' };
  }
  for (const key of rules.match) {
    const value = buyer[key]?.trim();
    if (!value) continue;
    const found = await pos.findCustomer({ [key]: value }, { signal, priority: 'orders' });
    if (found?.id) return { customerId: found.id, via: key };
  }
  if (!rules.create) return { customerId: null, via: 'no-match' };
  const created = await pos.createCustomer({ ...buyer, id: null, type: rules.type }, { signal, priority: 'orders' });
  return created.id ? { customerId: created.id, via: 'created' } : { customerId: null, via: 'no-match' };
}
