import {
  type ChannelConfig,
  createMemoryStore,
  createOmnisync,
  type Omnisync,
  type OmnisyncOptions,
  type StockUpdate,
  type SyncStore,
} from '@omnisync/core';
import {
  createMockChannel,
  createMockPos,
  type MockChannel,
  type MockChannelOptions,
  type MockPos,
  type MockPosOptions,
} from '@omnisync/mock';

/** A clock a test moves by hand (ms since epoch and Date). */
export function manualClock(start = Date.parse('2026-11-11T00:00:00.000Z')) {
  let t = start;
  return { ms: () => t, now: () => new Date(t), advance: (ms: number) => (t += ms) };
}

export type Clock = ReturnType<typeof manualClock>;

/** Channel specs by id: mock options plus the channel's quantity rules and order rules. */
export type ChannelSpecs = Record<
  string,
  MockChannelOptions & { inventory?: Record<string, unknown>; orders?: Record<string, unknown> }
>;

/** A POS, mock channels and an omnisync instance over one memory store, all on one manual clock. */
export function setup(pos: MockPosOptions, channels: ChannelSpecs, extra: Partial<OmnisyncOptions> = {}) {
  const clock = manualClock();
  const store = extra.store ?? createMemoryStore({ clock: clock.ms });
  const mockPos = createMockPos({ clock: clock.now, ...pos });
  const mocks: Record<string, MockChannel> = {};
  for (const [id, spec] of Object.entries(channels)) {
    const { inventory: _rules, orders: _orders, ...options } = spec;
    mocks[id] = createMockChannel({ channelId: id, clock: clock.now, ...options });
  }
  const open = (more: Partial<OmnisyncOptions> = {}) =>
    createOmnisync({
      pos: mockPos,
      channels: Object.fromEntries(
        Object.entries(mocks).map(([id, connector]): [string, ChannelConfig] => [
          id,
          { connector, inventory: channels[id]?.inventory, orders: channels[id]?.orders },
        ]),
      ),
      store,
      clock: clock.now,
      ...extra,
      ...more,
    });
  return { clock, store, pos: mockPos, channels: mocks, omni: open(), open };
}

/** A full scan of every channel (what each holds now goes to the store), with the clock moved around it. */
export async function scanAll(omni: Omnisync, channels: Record<string, MockChannel>, clock?: Clock): Promise<void> {
  clock?.advance(1000);
  for (const id of Object.keys(channels)) await omni.scan(id, { type: 'full' });
  clock?.advance(1000);
}

/** Record every `updateStock` batch a channel receives (before the mock applies it). */
export function recordStockUpdates(channel: MockChannel): StockUpdate[][] {
  const batches: StockUpdate[][] = [];
  const original = channel.updateStock.bind(channel);
  channel.updateStock = (updates, options) => {
    batches.push(updates.map((u) => ({ ...u })));
    return original(updates, options);
  };
  return batches;
}

/** Make the channel refuse these listings once each with a retryable per-item error (the rest of the batch lands). */
export function failOnce(channel: MockChannel, listingIds: readonly string[]): void {
  const pending = new Set(listingIds);
  const original = channel.updateStock.bind(channel);
  channel.updateStock = async (updates, options) => {
    const failing = updates.filter((u) => pending.has(u.listingId));
    for (const u of failing) pending.delete(u.listingId);
    const passing = updates.filter((u) => !failing.includes(u));
    const landed = passing.length > 0 ? await original(passing, options) : [];
    return updates.map((u) =>
      failing.includes(u)
        ? {
            listingId: u.listingId,
            variantId: u.variantId ?? null,
            ok: false,
            error: { code: 'BUSY', message: 'Listing locked by another update.', retryable: true },
          }
        : (landed[passing.indexOf(u)] as never),
    );
  };
}

export type { MockChannel, MockPos, SyncStore };
