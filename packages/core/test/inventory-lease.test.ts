import { LeaseHeldError } from '@omnisync/core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { scanAll, setup } from './inventory-fixtures';

afterEach(() => vi.useRealTimers());

describe('the inventory lease', () => {
  it('is renewed while a long pass runs, so a second worker cannot take it over mid-push', async () => {
    const env = setup(
      { items: [{ id: 'A', sku: 'A', name: 'Kopi', quantity: 9 }] },
      { shop: { listings: [{ listingId: '1', sku: 'A', quantity: 1 }] } },
    );
    await scanAll(env.omni, env.channels, env.clock);
    const channel = env.channels.shop!;
    const original = channel.updateStock.bind(channel);
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let entered!: () => void;
    const inPush = new Promise<void>((resolve) => (entered = resolve));
    vi.spyOn(channel, 'updateStock').mockImplementation(async (updates, options) => {
      entered();
      await gate;
      return original(updates, options);
    });
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    const first = env.omni.updateInventory();
    await inPush;
    // The pass is stuck in a slow push for 20 minutes (the lease lives 15): renewals keep it.
    for (let minute = 0; minute < 20; minute++) {
      env.clock.advance(60_000);
      await vi.advanceTimersByTimeAsync(60_000);
    }
    const second = env.open({ workerId: 'other-worker' });
    await expect(second.updateInventory()).rejects.toSatisfy((e: unknown) => LeaseHeldError.isInstance(e));
    release();
    expect((await first).totals.pushed).toBe(1);
    expect(channel.quantityOf({ listingId: '1' })).toBe(9);
    await expect(second.updateInventory()).resolves.toMatchObject({ totals: { pushed: 0 } });
  });
});
