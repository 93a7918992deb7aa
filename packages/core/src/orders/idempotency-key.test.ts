import { describe, expect, it } from 'vitest';
import { orderIdempotencyKey } from './idempotency-key';

const ref = { tenantId: 't1', channelId: 'shop', externalId: '1042' };

describe('orderIdempotencyKey', () => {
  it('is stable for the same order, so every retry reaches the same POS sale', () => {
    expect(orderIdempotencyKey({ ...ref })).toBe(orderIdempotencyKey(ref));
  });

  it('differs by tenant, channel, external id and purpose', () => {
    const keys = new Set([
      orderIdempotencyKey(ref),
      orderIdempotencyKey({ ...ref, tenantId: 't2' }),
      orderIdempotencyKey({ ...ref, channelId: 'shop2' }),
      orderIdempotencyKey({ ...ref, externalId: '1043' }),
      orderIdempotencyKey(ref, 'payment'),
    ]);
    expect(keys.size).toBe(5);
  });

  it('cannot be forged by moving a separator between the parts', () => {
    expect(orderIdempotencyKey({ tenantId: 'a', channelId: 'b:c', externalId: 'd' })).not.toBe(
      orderIdempotencyKey({ tenantId: 'a', channelId: 'b', externalId: 'c:d' }),
    );
  });

  it('is short and printable', () => {
    expect(orderIdempotencyKey(ref)).toMatch(/^os1-sale-[A-Za-z0-9_-]{32}$/);
  });
});
