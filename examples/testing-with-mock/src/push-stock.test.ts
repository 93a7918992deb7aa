import { createMockChannel } from '@omnisync/mock';
import { describe, expect, it } from 'vitest';
import { pushStock } from './push-stock';

// A fake sleep records the waits instead of waiting, so the suite runs in milliseconds.
function fakeSleep() {
  const waits: number[] = [];
  return { waits, sleep: async (ms: number) => void waits.push(ms) };
}

const listings = [
  { sku: 'TEE-RED-M', quantity: 4 },
  { sku: 'TEE-RED-L', quantity: 0 },
  { sku: 'CAP-BLUE', quantity: 9 },
  { sku: 'MUG-WHITE', quantity: 2 },
];
const warehouse = new Map([
  ['TEE-RED-M', 4],
  ['TEE-RED-L', 7],
  ['CAP-BLUE', 1],
]);

describe('pushStock against the mock channel', () => {
  it('writes only what differs, and the channel then holds the warehouse quantities', async () => {
    const channel = createMockChannel({ listings });
    const report = await pushStock(channel, warehouse);
    expect(report).toMatchObject({ updated: 2, unchanged: 1, unknownSkus: ['MUG-WHITE'] });
    expect(channel.quantityOf('TEE-RED-L')).toBe(7);
    expect(channel.quantityOf('CAP-BLUE')).toBe(1);
    expect(channel.quantityOf('MUG-WHITE')).toBe(2);
  });

  it('never sends a batch bigger than the channel accepts', async () => {
    const many = Array.from({ length: 23 }, (_, i) => ({ sku: `SKU-${i}`, quantity: 0 }));
    const channel = createMockChannel({ listings: many, batchLimit: 5, pageSize: 4 });
    await pushStock(channel, new Map(many.map((l) => [l.sku, 3])));
    const sizes = channel.callsTo('updateStock').map((c) => c.size ?? 0);
    expect(Math.max(...sizes)).toBeLessThanOrEqual(5);
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(23);
    expect(channel.listings().every((l) => l.quantity === 3)).toBe(true);
  });

  it('gets there despite 429s and 5xx, honouring Retry-After', async () => {
    const channel = createMockChannel({
      seed: 'flaky-11-11',
      listings,
      faults: { rateLimit: { rate: 0.4, retryAfterSeconds: 2 }, serverError: { rate: 0.2 } },
    });
    const { sleep, waits } = fakeSleep();
    const report = await pushStock(channel, warehouse, { sleep });
    expect(channel.quantityOf('TEE-RED-L')).toBe(7);
    expect(channel.quantityOf('CAP-BLUE')).toBe(1);
    expect(report.retries).toBe(channel.faultLog.length);
    expect(waits).toContain(2000);
  });

  it('fails loudly, never half-silently, when the channel keeps failing', async () => {
    const channel = createMockChannel({ listings, faults: { serverError: { rate: 1, status: 503 } } });
    const { sleep } = fakeSleep();
    await expect(pushStock(channel, warehouse, { sleep, maxRetries: 2 })).rejects.toMatchObject({
      code: 'CHANNEL_UNAVAILABLE',
      status: 503,
    });
    expect(channel.quantityOf('TEE-RED-L')).toBe(0);
  });

  it('a failure seen once can be replayed exactly from its seed', async () => {
    const run = async () => {
      const channel = createMockChannel({ seed: 1111, listings, faults: { rateLimit: { rate: 0.5 } } });
      await pushStock(channel, warehouse, fakeSleep());
      return channel.faultLog.map((f) => `${f.kind}@${f.target}`);
    };
    expect(await run()).toEqual(await run());
  });

  it('a shopper buying during the day is just another change to push', async () => {
    const channel = createMockChannel({ listings });
    await pushStock(channel, warehouse);
    channel.sell({ sku: 'TEE-RED-L', quantity: 2 });
    expect(channel.quantityOf('TEE-RED-L')).toBe(5);
    const afterSale = new Map(warehouse).set('TEE-RED-L', 5);
    const report = await pushStock(channel, afterSale);
    expect(report.updated).toBe(0);
  });
});
