import { ChannelPayloadError } from '@omnisync/core';
import { describe, expect, it } from 'vitest';
import { mapWooCommerceOrderStatus, toWooCommerceOrderStatus } from './map-woocommerce-order-status';

describe('mapWooCommerceOrderStatus', () => {
  it.each([
    ['pending', 'unpaid'],
    ['on-hold', 'on_hold'],
    ['processing', 'paid'],
    ['completed', 'completed'],
    ['cancelled', 'cancelled'],
    ['failed', 'cancelled'],
    ['refunded', 'returned'],
    ['trash', 'cancelled'],
  ] as const)('maps the documented status %s to %s', (woo, canonical) => {
    expect(mapWooCommerceOrderStatus(woo)).toBe(canonical);
  });

  it('accepts the wc- prefixed post status too', () => {
    expect(mapWooCommerceOrderStatus('wc-processing')).toBe('paid');
  });

  it("maps a plugin's custom status through the store's status map", () => {
    expect(mapWooCommerceOrderStatus('shipped', { shipped: 'shipped' })).toBe('shipped');
  });

  it('refuses an unknown status with a payload error naming the field and the fix', () => {
    const error = (() => {
      try {
        mapWooCommerceOrderStatus('awaiting-pickup', {}, '1042');
      } catch (e) {
        return e;
      }
    })();
    expect(ChannelPayloadError.isInstance(error)).toBe(true);
    const payload = error as ChannelPayloadError;
    expect(payload.issues[0]?.path).toBe('status');
    expect(payload.message).toContain('settings.statusMap');
    expect(payload.details.orderId).toBe('1042');
  });
});

describe('toWooCommerceOrderStatus', () => {
  it('writes the documented WooCommerce status for each canonical one', () => {
    expect(toWooCommerceOrderStatus('completed')).toBe('completed');
    expect(toWooCommerceOrderStatus('shipped')).toBe('completed');
    expect(toWooCommerceOrderStatus('returned')).toBe('refunded');
  });

  it('honours an override for stores with a shipping plugin', () => {
    expect(toWooCommerceOrderStatus('shipped', { shipped: 'shipped' })).toBe('shipped');
  });
});
