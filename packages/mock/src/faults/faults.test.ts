import type { Listing, OmnisyncError, PageV1 } from '@omnisync/core';
import { describe, expect, it } from 'vitest';
import { createMockChannel } from '../channel/mock-channel';
import type { MockChannelOptions } from '../channel/mock-channel-options';
import type { MockFaults } from './mock-faults';

/** Drive the same workload against a channel and return what the faults did. */
async function run(faults: MockFaults, seed: string | number, extra: MockChannelOptions = {}) {
  const channel = createMockChannel({ seed, faults, pageSize: 10, catalogSize: 60, ...extra });
  const outcomes: string[] = [];
  for (let i = 0; i < 30; i++) {
    try {
      await channel.listPaymentMethods?.();
      outcomes.push('ok');
    } catch (error) {
      const e = error as OmnisyncError & { status?: number | null; retryAfterMs?: number | null };
      outcomes.push(`${e.code}:${e.status}:${e.retryAfterMs ?? ''}`);
    }
  }
  return { channel, outcomes, log: channel.faultLog.map((f) => ({ ...f })) };
}

async function scan(channel: ReturnType<typeof createMockChannel>): Promise<Listing[]> {
  const seen: Listing[] = [];
  for await (const page of channel.listListings({ status: 'all' })) seen.push(...page.items);
  return seen;
}

async function collectPages<T>(pages: AsyncIterable<PageV1<T>>): Promise<PageV1<T>[]> {
  const out: PageV1<T>[] = [];
  for await (const page of pages) out.push(page);
  return out;
}

describe('faults: injectable and reproducible from a seed', () => {
  it('429 with Retry-After: same seed, same sequence; another seed, another one', async () => {
    const faults = { rateLimit: { rate: 0.3, retryAfterSeconds: 2 } };
    const a = await run(faults, 7);
    const b = await run(faults, 7);
    const c = await run(faults, 8);
    expect(a.outcomes).toContain('CHANNEL_RATE_LIMITED:429:2000');
    expect(a.outcomes).toContain('ok');
    expect(b.outcomes).toEqual(a.outcomes);
    expect(b.log).toEqual(a.log);
    expect(c.outcomes).not.toEqual(a.outcomes);
  });

  it('5xx and timeouts, each reproducible', async () => {
    for (const faults of [{ serverError: { rate: 0.3, status: 502 } }, { timeout: { rate: 0.3 } }]) {
      const a = await run(faults, 'x');
      const b = await run(faults, 'x');
      expect(a.outcomes.some((o) => o.startsWith('CHANNEL_UNAVAILABLE'))).toBe(true);
      expect(b.outcomes).toEqual(a.outcomes);
    }
    const timeouts = await run({ timeout: { rate: 1 } }, 1);
    expect(timeouts.outcomes[0]).toBe('CHANNEL_UNAVAILABLE:null:');
    const errors = await run({ serverError: { rate: 1, status: 502 } }, 1);
    expect(errors.outcomes[0]).toBe('CHANNEL_UNAVAILABLE:502:');
  });

  it('latency delays calls by the seeded amounts', async () => {
    const faults = { latency: { minMs: 1, maxMs: 3 } };
    const a = await run(faults, 3);
    const b = await run(faults, 3);
    expect(a.log.every((f) => f.kind === 'latency' && Number(f.detail) >= 1 && Number(f.detail) <= 3)).toBe(true);
    expect(a.log).toHaveLength(30);
    expect(b.log).toEqual(a.log);
  });

  it('switching one fault on does not change the sequence of another', async () => {
    const alone = await run({ rateLimit: { rate: 0.3 } }, 5);
    const withLatency = await run({ rateLimit: { rate: 0.3 }, latency: { minMs: 0, maxMs: 0 } }, 5);
    expect(withLatency.outcomes).toEqual(alone.outcomes);
  });

  it('only the listed methods get call faults; failNext scripts one', async () => {
    const channel = createMockChannel({ faults: { serverError: { rate: 1 }, methods: ['getOrder'] } });
    await expect(channel.listPaymentMethods?.()).resolves.toBeDefined();
    await expect(channel.getOrder?.('x')).rejects.toMatchObject({ code: 'CHANNEL_UNAVAILABLE' });
    channel.setFaults({});
    channel.failNext({ kind: 'rateLimit', method: 'getOrder', retryAfterSeconds: 5, times: 2 });
    await expect(channel.listPaymentMethods?.()).resolves.toBeDefined();
    await expect(channel.getOrder?.('x')).rejects.toMatchObject({ status: 429, retryAfterMs: 5000 });
    await expect(channel.getOrder?.('x')).rejects.toMatchObject({ status: 429 });
    await expect(channel.getOrder?.('x')).resolves.toBeNull();
    expect(channel.callsTo('getOrder').map((c) => c.errorCode ?? 'ok')).toEqual([
      'CHANNEL_UNAVAILABLE',
      'CHANNEL_RATE_LIMITED',
      'CHANNEL_RATE_LIMITED',
      'ok',
    ]);
  });

  it('webhooks lost, duplicated and out of order, reproducibly', async () => {
    const go = () => {
      const channel = createMockChannel({
        seed: 11,
        listings: [{ sku: 'A', quantity: 100 }],
        faults: { webhooks: { lose: 0.2, duplicate: 0.2, reorder: 0.2 } },
      });
      for (let i = 0; i < 40; i++) channel.sell({ sku: 'A' });
      return { ids: channel.webhooks.drain().map((d) => d.deliveryId), log: channel.faultLog.map((f) => f.kind) };
    };
    const a = go();
    const b = go();
    expect(b).toEqual(a);
    for (const kind of ['webhookLost', 'webhookDuplicated', 'webhookReordered']) expect(a.log).toContain(kind);
    const numbers = a.ids.map((id) => Number(id.slice(3)));
    expect(new Set(numbers).size).toBeLessThan(40);
    expect(numbers.length).toBeGreaterThan(new Set(numbers).size);
    expect(numbers.some((n, i) => i > 0 && n < (numbers[i - 1] as number))).toBe(true);
  });

  it('a listing changed while a scan pages through it, reproducibly', async () => {
    const go = async () => {
      const channel = createMockChannel({
        seed: 2,
        catalogSize: 50,
        pageSize: 10,
        faults: { listingChangedDuringScan: 0.5 },
      });
      await scan(channel);
      return channel.faultLog.map((f) => `${f.kind}:${f.detail}`);
    };
    const a = await go();
    expect(a.length).toBeGreaterThan(0);
    expect(a.every((f) => f.startsWith('listingChanged'))).toBe(true);
    expect(await go()).toEqual(a);
  });

  it('a catalog shift under offset pagination repeats or skips an item, reproducibly', async () => {
    const repeat = createMockChannel({
      seed: 1,
      catalogSize: 30,
      pageSize: 10,
      faults: { catalogShift: { rate: 1, kind: 'repeat' } },
    });
    const seenRepeat = await scan(repeat);
    const keys = seenRepeat.map((l) => l.listingId);
    expect(new Set(keys).size).toBeLessThan(keys.length);

    const skip = createMockChannel({
      seed: 1,
      catalogSize: 30,
      pageSize: 10,
      faults: { catalogShift: { rate: 1, kind: 'skip' } },
    });
    const seenSkip = new Set((await scan(skip)).map((l) => l.listingId));
    const liveNow = skip.listings().filter((l) => l.status === 'live');
    expect(liveNow.some((l) => !seenSkip.has(l.listingId))).toBe(true);

    const again = createMockChannel({
      seed: 1,
      catalogSize: 30,
      pageSize: 10,
      faults: { catalogShift: { rate: 1, kind: 'skip' } },
    });
    await scan(again);
    expect(again.faultLog).toEqual(skip.faultLog);
  });

  it('a malformed item in a page, reproducibly, or on demand with corruptNext: rejected, the rest delivered', async () => {
    const go = async () => {
      const channel = createMockChannel({ seed: 6, catalogSize: 100, pageSize: 10, faults: { malformedPayload: 0.2 } });
      const pages: PageV1<Listing>[] = [];
      for await (const page of channel.listListings({ status: 'all' })) pages.push(page);
      return { pages, log: channel.faultLog.map((f) => ({ ...f })) };
    };
    const a = await go();
    const rejected = a.pages.flatMap((p) => p.rejected ?? []);
    expect(rejected.length).toBeGreaterThan(0);
    expect(rejected.length).toBe(a.log.filter((f) => f.kind === 'malformedPayload').length);
    expect(rejected.every((r) => r.error.code === 'CHANNEL_PAYLOAD' && r.error.message.includes('stock'))).toBe(true);
    expect(rejected.every((r) => r.id !== null)).toBe(true);
    expect(a.pages.reduce((n, p) => n + p.items.length + (p.rejected?.length ?? 0), 0)).toBe(a.pages[0]?.total);
    expect((await go()).log).toEqual(a.log);
    const channel = createMockChannel({ listings: [{ sku: 'A', quantity: 5 }] });
    const bad = channel.sell({ sku: 'A' });
    const good = channel.sell({ sku: 'A' });
    channel.corruptNext('orders');
    const [page] = await collectPages(channel.listOrders({}));
    expect(page?.items.map((o) => o.externalId)).toEqual([good.externalId]);
    expect(page?.rejected).toHaveLength(1);
    expect(page?.rejected?.[0]?.id).toBe(bad.externalId);
    expect(page?.rejected?.[0]?.error.issues[0]?.path).toContain('items.0.quantity');
  });
});
